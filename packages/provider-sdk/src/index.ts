export { VERSION } from './version.js';

export {
  INSTANCE_STATES_V1,
  InstanceStateV1Schema,
  mapInstanceState,
  type InstanceStateV1,
  type InstanceStateMapV1,
} from './compute-provider/v1/instance-state-v1.js';
export {
  ProviderTemplateV1Schema,
  PRICE_TYPES,
  FLEET_TYPES,
  type ProviderTemplateV1,
  type PriceType,
  type FleetType,
} from './compute-provider/v1/provider-template-v1.js';
export { TemplateRequirementsV1Schema, type TemplateRequirementsV1 } from './compute-provider/v1/template-requirements-v1.js';
export {
  AWS_TEMPLATE_FIELDS,
  AwsTemplateOptionsV2Schema,
  ProviderTemplateV2Schema,
  templateV1ToV2,
  templateV2ToV1,
  type AwsTemplateField,
  type AwsTemplateOptionsV2,
  type ProviderTemplateV2,
} from './compute-provider/v2/provider-template-v2.js';
export { imageOperatingSystem } from './catalog/image-operating-system.js';
export {
  PROVIDER_ERROR_CODES_V1,
  ProviderErrorCodeV1Schema,
  ProviderCapabilitiesV1Schema,
  LocationV1Schema,
  SizeV1Schema,
  ImageV1Schema,
  AppV1Schema,
  INSTANCE_ACTIONS_V1,
  InstanceActionV1Schema,
  InstanceActionResultV1Schema,
  InstanceV1Schema,
  WarningV1Schema,
  FailureV1Schema,
  PlannedCallV1Schema,
  CreateInstancesResultV1Schema,
  TerminateResultV1Schema,
  ReleasedResourceV1Schema,
  ReleaseRequestResultV1Schema,
  HealthCheckResultV1Schema,
  TemplateValidationResultV1Schema,
  type ProviderErrorCodeV1,
  type ProviderCapabilitiesV1,
  type LocationV1,
  type SizeV1,
  type ImageV1,
  type AppV1,
  type InstanceActionV1,
  type InstanceActionResultV1,
  type InstanceV1,
  type WarningV1,
  type FailureV1,
  type PlannedCallV1,
  type CreateInstancesRequestV1,
  type CreateInstancesResultV1,
  type TerminateResultV1,
  type ReleasedResourceV1,
  type ReleaseRequestResultV1,
  type HealthCheckResultV1,
  type TemplateValidationResultV1,
  type CallOptionsV1,
  type ComputeProviderV1,
} from './compute-provider/v1/compute-provider-v1.js';
export { parseInstanceV1 } from './compute-provider/v1/parse-instance-v1.js';

export { ERROR_CODES, RETRYABLE_ERROR_CODES, isErrorCode, type ErrorCode } from './errors/error-codes.js';
export { OHF_ERROR_MARKER, errorClassMarker, markErrorClass, hasErrorClassMarker } from './errors/error-markers.js';
export {
  defineComputeProvider,
  type ComputeProviderFactory,
} from './compute-provider/define-compute-provider.js';
export type {
  ComputeProviderAdapter,
  ComputeProviderOptions,
  DefinedComputeProvider,
  AdapterLimits,
  CatalogReader,
  CloudCall,
  ConnectSetup,
  CreateBatch,
  CreateRequest,
  CredentialsSource,
  HealthProbe,
  OperationCall,
  ProviderKit,
  TemplatePlan,
} from './compute-provider/compute-provider-adapter.js';

export {
  ProviderSdkError,
  ProviderApiError,
  ProviderAuthError,
  ProviderCapacityError,
  ProviderQuotaError,
  ProviderRateLimitError,
  ProviderNotFoundError,
  ProviderValidationError,
  InvalidProviderOptionsError,
  UnsupportedCapabilityError,
  NoSuchProviderError,
  type ProviderErrorOptions,
} from './errors/provider-errors.js';

export {
  defineProvider,
  type ProviderDefinitionV1,
  type ProviderContextV1,
  type ProviderLoggerV1,
} from './provider-definition/provider-definition-v1.js';
export { ProviderRegistry, type RegisterOptions } from './registry/provider-registry.js';

export { OHF_TAG_KEYS, type OhfTagKey } from './tags/ohf-tag-keys.js';
export { encodeStringTags, decodeStringTags, type StringTagRules } from './tags/string-tags.js';

export {
  createHttpClient,
  type HttpClient,
  type HttpClientOptions,
  type HttpRequest,
  type HttpResponse,
} from './http/http-client.js';
export {
  normalizeHttpError,
  type HttpErrorResponse,
  type NormalizeHttpErrorOptions,
} from './http/normalize-http-error.js';
export { retryAfterMsFromHeaders } from './http/retry-after.js';
export { retryWithBackoff, DEFAULT_RETRY_POLICY, type RetryPolicy } from './retry/retry-with-backoff.js';
export { sleep } from './retry/sleep.js';
export { mapWithConcurrency } from './concurrency/map-with-concurrency.js';
export { TokenBucketRateLimiter, type TokenBucketRateLimiterOptions } from './rate-limit/token-bucket-rate-limiter.js';
export { TtlCache, type TtlCacheOptions } from './cache/ttl-cache.js';
export { redactSecrets, REDACTED } from './secrets/redact-secrets.js';
export { redactError, redactValue } from './secrets/redact-error.js';
export { isSecretSettingName, secretValuesOf } from './secrets/secret-settings.js';

export { parseProviderResponse } from './parsing/parse-provider-response.js';
export { parseProviderOptions } from './parsing/parse-provider-options.js';
export { closestMatch } from './parsing/closest-match.js';
export { isPlainRecord, copyTextRecord, copyPlainRecord, copyNullableTexts, copyOptionalTexts } from './parsing/plain-record.js';
