export { VERSION } from './version.js';

export {
  ConfigurationSchema,
  ProvidersConfigurationSchema,
  ProviderInstanceConfigurationSchema,
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
export { expandEnvironment, type Environment } from './configuration/expand-environment.js';
export { applyEnvironmentOverrides, type AppliedOverride } from './configuration/environment-overrides.js';
export { resolveRuntimePaths, resolveInWorkDirectory, type RuntimePaths } from './configuration/runtime-paths.js';
