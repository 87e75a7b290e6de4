import type { ErrorCode } from '@ohf/domain-core';

/**
 * Exit codes of `ohfp`. Symphony treats any non-zero exit as a failed call; scripts can tell
 * the reasons apart by these numbers.
 */
export const EXIT_CODES = {
  /** The operation succeeded (for getRequestStatus: the answer was produced, whatever the requests' states). */
  success: 0,
  /** The operation was carried out and failed (e.g. a request was rejected, validation found errors). */
  operationFailed: 1,
  /** The command line or its input JSON is wrong. */
  usage: 2,
  /** config.json/config.yaml or a template file is invalid. */
  configuration: 3,
  /** A template, request, machine or provider named in the input does not exist. */
  notFound: 4,
  /** The cloud provider refused or failed (credentials, capacity, quota, rate limit, outage). */
  provider: 5,
  /** Storage or an unexpected internal error. */
  internal: 6,
  /** Interrupted (Ctrl-C) while waiting. */
  interrupted: 130,
} as const;

export type ExitCode = (typeof EXIT_CODES)[keyof typeof EXIT_CODES];

const providerCodes: ReadonlySet<ErrorCode> = new Set([
  'MISSING_CREDENTIALS',
  'INVALID_CREDENTIALS',
  'RATE_LIMIT_EXCEEDED',
  'INSUFFICIENT_CAPACITY',
  'QUOTA_EXCEEDED',
  'PROVIDER_UNAVAILABLE',
  'API_ERROR',
  'PROVIDER_DISABLED',
  'NO_ENABLED_PROVIDERS',
  'NO_COMPATIBLE_PROVIDER',
  'FORBIDDEN',
]);

/** The exit code of a thrown error: by its kind for configuration and validation problems, else by its code. */
export function exitCodeForError(code: ErrorCode | undefined, kind?: string): ExitCode {
  // A configuration or template file (or an HF_* variable) is wrong: the operator must fix it.
  if (kind === 'Configuration') return EXIT_CODES.configuration;
  if (code === undefined || code === 'INTERNAL') return EXIT_CODES.internal;
  if (code === 'NOT_FOUND' || code.endsWith('_NOT_FOUND')) return EXIT_CODES.notFound;
  // Input that fails validation is a usage problem whichever command received it.
  if (kind === 'Validation' || code === 'VALIDATION_ERROR') return EXIT_CODES.usage;
  if (providerCodes.has(code)) return EXIT_CODES.provider;
  return EXIT_CODES.operationFailed;
}
