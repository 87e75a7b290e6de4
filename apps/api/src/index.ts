export { VERSION } from './version.js';

export { createApiServer, type ApiServer } from './server/create-api-server.js';
export { composeApi, type ComposeApiOptions, type ComposedApi } from './composition/compose-api.js';
export { API_PREFIX } from './server/api-prefix.js';
export type {
  ApiApplication,
  ApiDependencies,
  ApiStorage,
  MaskedProviderSettings,
} from './server/api-dependencies.js';
export {
  ApiConfigurationSchema,
  ApiKeyConfigurationSchema,
  ApiKeyHashSchema,
  parseApiConfiguration,
  type ApiConfiguration,
  type ApiConfigurationInput,
  type ApiKeyConfiguration,
} from './configuration/api-configuration.js';
export { API_SCOPES, expandScopes, type ApiScope } from './auth/scopes.js';
export { generateApiKey, hashApiKey, verifyApiKey, type ApiKeyHashAlgorithm } from './auth/api-key-hash.js';
export {
  combineAuthenticators,
  createAuthenticator,
  presentedKeyOf,
  principalOfConfiguredKey,
  type Authenticator,
  type Principal,
} from './auth/authenticator.js';
export { AUTHENTICATION_OFF_PRINCIPAL, actorOf } from './auth/principal.js';
export { issueApiKey, storedKeyIdOf, type IssuedApiKey } from './auth/api-key-format.js';
export { createStoredKeyAuthenticator, type StoredKeyAuthenticator, type StoredKeyAuthenticatorOptions } from './auth/stored-key-authenticator.js';
export { principalMay, ROUTE_PERMISSIONS, type RouteAccess, type RoutePermission } from './auth/route-access.js';
export { routeAccessTable, type RouteAccessEntry } from './auth/route-access-table.js';
export { callerOf, organizationOf } from './auth/caller.js';
export { createSecretBox, secretBoxFromEnvironment, ENCRYPTION_KEY_VARIABLE, type SecretBox } from '@ohf/runtime';
export { maskSecrets, isSecretSettingName, MASK } from './secrets/mask-secrets.js';
export { HTTP_STATUS_OF_CODE } from './http/error-status.js';
export { toErrorResponse, type FieldIssue } from './http/error-handler.js';
export { RateLimiter, type RateLimiterOptions, type RateDecision } from './http/rate-limiter.js';
export { PrometheusMetrics, type CacheStatistics } from './metrics/prometheus-metrics.js';
export { ProvisioningWorkers, type ProvisioningWorkersOptions, type WorkersStatus } from './workers/provisioning-workers.js';
export { HealthCheckWorker, type HealthCheckWorkerOptions } from './workers/health-check-worker.js';
export {
  ReadinessProbe,
  summaryOf,
  type Readiness,
  type ReadinessSummary,
  type ProviderReadiness,
  type WorkersReadiness,
  type ReadinessProbeOptions,
} from './server/readiness-probe.js';
export { ReconcileWorker, type ReconcileWorkerOptions } from './workers/reconcile-worker.js';
export { CatalogSyncWorker, type CatalogSyncWorkerOptions } from './workers/catalog-sync-worker.js';
export { WebhookWorker, type WebhookWorkerOptions } from './workers/webhook-worker.js';
export { RetentionWorker, type RetentionWorkerOptions } from './workers/retention-worker.js';
export {
  signWebhookBody,
  verifyWebhookSignature,
  SIGNATURE_HEADER,
  EVENT_ID_HEADER,
  type VerifyWebhookOptions,
} from './webhooks/webhook-signature.js';
export type { ApiAudit } from './server/api-dependencies.js';
