export { VERSION } from './version.js';

export {
  ConfigurationSchema,
  ProvidersConfigurationSchema,
  ProviderInstanceConfigurationSchema,
  DEFAULT_AUDIT_RETENTION_DAYS,
  StorageConfigurationSchema,
  SelectionCriteriaConfigurationSchema,
  SELECTION_POLICIES,
  LOG_LEVELS,
  CONFIGURATION_SECTIONS,
  type Configuration,
  type ProvidersConfiguration,
  type ProviderInstanceConfiguration,
  type StorageConfiguration,
} from './configuration/configuration-schema.js';
export {
  loadConfiguration,
  CONFIGURATION_FILE_NAMES,
  type LoadConfigurationOptions,
  type LoadedConfiguration,
} from './configuration/load-configuration.js';
export { configurationFromIbmAwsConfig, ibmConfigFileNames, IBM_AWS_CONFIG_FILE, type IbmProviderConfiguration } from './configuration/ibm-aws-provider-config.js';
export {
  PricingConfigurationSchema,
  CatalogConfigurationSchema,
  MarkupRuleConfigurationSchema,
  toPricingConfig,
} from './configuration/pricing-configuration.js';
export { priceFilePath, readPriceFile, DEFAULT_PRICE_FILE } from './configuration/price-file.js';
export { findUnknownKeys, describeUnknownKey, type UnknownConfigurationKey } from './configuration/unknown-keys.js';
// Kept here for the apps, which name it from the runtime.
export { closestMatch } from '@ohf/provider-sdk';
export { toLogLevel, SYMPHONY_LOG_LEVELS, type LogLevel } from './configuration/log-level.js';
export { expandEnvironment, type Environment } from './configuration/expand-environment.js';
export { applyEnvironmentOverrides, type AppliedOverride } from './configuration/environment-overrides.js';
export { resolveRuntimePaths, resolveInWorkDirectory, type RuntimePaths } from './configuration/runtime-paths.js';
export {
  ACTION_TIMEOUT_VARIABLE,
  DEFAULT_OPERATION_TIMEOUT_SECONDS,
  operationDeadline,
  resolveOperationBudget,
  type OperationBudget,
} from './configuration/operation-budget.js';

export { createDefaultProviderRegistry } from './providers/default-provider-registry.js';
export { ConfiguredProviderInstances, type ConfiguredProviderInstancesOptions } from './providers/configured-provider-instances.js';
export {
  PersistingProviderInstances,
  ProviderRegistrationStore,
  PROVIDER_REGISTRATIONS_KEY,
  type OwnedProviderInstanceRegistration,
  type StoredProviderInstanceRegistration,
} from './providers/provider-registrations.js';
export {
  createSecretBox,
  secretBoxFromEnvironment,
  keyIdOf,
  ENCRYPTION_KEY_VARIABLE,
  PREVIOUS_ENCRYPTION_KEYS_VARIABLE,
  type SecretBox,
} from './secrets/secret-box.js';
export { configuredSecrets, environmentSecrets } from './providers/configured-secrets.js';
export { credentialSourceOf, missingCredentialsOf, type CredentialSource } from './providers/credential-sources.js';
export { toStorageConfig } from './storage/storage-configuration.js';
export { createRuntimeModules, type RuntimeModuleOptions } from './composition/runtime-modules.js';
export { RuntimeTokens } from './composition/runtime-tokens.js';
export { LazyStorage } from './composition/lazy-storage.js';
export { lazyPort } from './composition/lazy-port.js';
