export { VERSION } from './version.js';

export {
  createLinodeProvider,
  LINODE_INSTANCE_ACTIONS,
  type LinodeProvider,
  type LinodeProviderContext,
  type LinodeInstanceAction,
  type LinodeCredentialsCheck,
} from './linode-provider.js';
export { linodeProviderDefinition } from './linode-provider-definition.js';
export {
  LinodeProviderSettingsSchema,
  LINODE_DEFAULT_BASE_URL,
  LINODE_DEFAULT_RATE_LIMITS,
  LINODE_DEFAULT_RETRY,
  LINODE_TOKEN_ENVIRONMENT_VARIABLE,
  type LinodeProviderSettings,
  type LinodeProviderSettingsInput,
} from './linode-settings.js';
export { LinodeTemplateOptionsSchema, type LinodeTemplateOptions, type LinodeInterfaceOption } from './linode-template-options.js';
export { LINODE_STATE_MAP, linodeStatusToState } from './linode-state-map.js';
export { LINODE_INSTANCE_STATUSES, type LinodeInstanceStatus } from './linode-api/linode-instance-schema.js';
export { createLinodeErrorNormalizer, LINODE_PROVIDER_ID, type LinodeErrorNormalizerOptions } from './linode-error-normalizer.js';
export { LINODE_LABEL_PATTERN, isValidLinodeLabel } from './linode-label.js';
