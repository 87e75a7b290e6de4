/** Every product route lives under this prefix; operations routes (/healthz, /readyz, /metrics) do not. */
export const API_PREFIX = '/api/v1';
