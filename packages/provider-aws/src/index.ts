export { VERSION } from './version.js';
export { createAwsProvider, type AwsComputeProvider, type AwsProviderRuntimeOptions } from './aws-provider.js';
export { awsProviderDefinition } from './aws-provider-definition.js';
export {
  AwsProviderSettingsSchema,
  AWS_PROVIDER_APIS,
  type AwsProviderApi,
  type AwsProviderSettings,
  type AwsProviderSettingsInput,
} from './settings/aws-provider-settings.js';
export { classifyAwsError, awsErrorCode, type AwsErrorContext } from './errors/aws-error.js';
export { EC2_INSTANCE_STATE_MAP, EC2_NATIVE_STATES, AWS_MEMBERSHIP_TAGS } from './instances/instance-mapping.js';
export { clientToken } from './tags/aws-tags.js';
