export { VERSION } from './version.js';
export { createAwsProvider, awsProviderDefinition, type AwsComputeProvider, type AwsProviderOptions } from './aws-provider.js';
export type { AwsProviderSettings, AwsProviderSettingsInput } from './aws-settings.js';
