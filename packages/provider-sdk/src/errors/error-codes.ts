/**
 * The stable error codes of Open Host Factory: the one list domain-core and this package share.
 * They are part of the public contract (scripts, dashboards and API clients match on them), so
 * they never change meaning.
 *
 * - `raisedByProviders`: a provider may throw it; these make the spec's `PROVIDER_ERROR_CODES_V1`.
 * - `retryable`: waiting alone may fix it, so errors with this code are retryable unless the
 *   thrower says otherwise.
 */
const ERROR_CODE_VOCABULARY = {
  VALIDATION_ERROR: { raisedByProviders: true, retryable: false },
  TEMPLATE_NOT_FOUND: { raisedByProviders: false, retryable: false },
  REQUEST_NOT_FOUND: { raisedByProviders: false, retryable: false },
  MACHINE_NOT_FOUND: { raisedByProviders: true, retryable: false },
  PROVIDER_NOT_FOUND: { raisedByProviders: true, retryable: false },
  /** No such route or resource kind (HTTP 404 for a path the API does not serve). */
  NOT_FOUND: { raisedByProviders: false, retryable: false },
  PROVIDER_DISABLED: { raisedByProviders: false, retryable: false },
  NO_ENABLED_PROVIDERS: { raisedByProviders: false, retryable: false },
  NO_COMPATIBLE_PROVIDER: { raisedByProviders: false, retryable: false },
  /** A template's requirements match no plan in one provider instance's catalog. */
  NO_MATCHING_PLAN: { raisedByProviders: false, retryable: false },
  API_NOT_SUPPORTED: { raisedByProviders: true, retryable: false },
  INSTANCE_LIMIT_EXCEEDED: { raisedByProviders: true, retryable: false },
  PRICING_MODEL_UNSUPPORTED: { raisedByProviders: true, retryable: false },
  FLEET_TYPE_INCOMPATIBLE: { raisedByProviders: true, retryable: false },
  MISSING_CREDENTIALS: { raisedByProviders: true, retryable: false },
  INVALID_CREDENTIALS: { raisedByProviders: true, retryable: false },
  RATE_LIMIT_EXCEEDED: { raisedByProviders: true, retryable: true },
  INSUFFICIENT_CAPACITY: { raisedByProviders: true, retryable: false },
  QUOTA_EXCEEDED: { raisedByProviders: true, retryable: false },
  PROVIDER_UNAVAILABLE: { raisedByProviders: true, retryable: true },
  API_ERROR: { raisedByProviders: true, retryable: true },
  CONFLICT: { raisedByProviders: true, retryable: false },
  UNAUTHORIZED: { raisedByProviders: false, retryable: false },
  FORBIDDEN: { raisedByProviders: true, retryable: false },
  INTERNAL: { raisedByProviders: true, retryable: false },
} as const satisfies Record<string, { readonly raisedByProviders: boolean; readonly retryable: boolean }>;

type ErrorCodeVocabulary = typeof ERROR_CODE_VOCABULARY;

export type ErrorCode = keyof ErrorCodeVocabulary;

/** The codes a provider may throw. */
export type ProviderRaisedErrorCode = {
  [Code in ErrorCode]: ErrorCodeVocabulary[Code]['raisedByProviders'] extends true ? Code : never;
}[ErrorCode];

export const ERROR_CODES = Object.keys(ERROR_CODE_VOCABULARY) as unknown as readonly [ErrorCode, ...ErrorCode[]];

export const PROVIDER_RAISED_ERROR_CODES = ERROR_CODES.filter(
  (code) => ERROR_CODE_VOCABULARY[code].raisedByProviders,
) as unknown as readonly [ProviderRaisedErrorCode, ...ProviderRaisedErrorCode[]];

/** Codes a caller may retry after waiting; everything else needs a change first. */
export const RETRYABLE_ERROR_CODES: ReadonlySet<ErrorCode> = new Set(ERROR_CODES.filter((code) => ERROR_CODE_VOCABULARY[code].retryable));

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(ERROR_CODE_VOCABULARY, value);
}
