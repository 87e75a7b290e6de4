/** Keys of the test API (made for the browser tests only, never valid anywhere else). */
export const E2E_KEYS = {
  read: 'ohf_e2e-viewer-key-0123456789abcdef',
  write: 'ohf_e2e-operator-key-0123456789abcdef',
  admin: 'ohf_e2e-admin-key-0123456789abcdef',
};

/** A fixed loopback port for the test API (OHF_E2E_PORT overrides it). */
export const E2E_PORT = Number(process.env.OHF_E2E_PORT ?? 18_480);
