import { defineProvider } from '@ohf/provider-sdk';
import { createAwsProvider } from './aws-provider.js';
import { AwsProviderSettingsSchema } from './settings/aws-provider-settings.js';
import type { AwsProviderSettings } from './settings/aws-provider-settings.js';

/** What the provider registry loads for instances of `type: aws`. */
export const awsProviderDefinition = defineProvider<AwsProviderSettings>({
  type: 'aws',
  displayName: 'Amazon Web Services (EC2 Fleet, Spot Fleet, Auto Scaling, RunInstances)',
  settingsSchema: AwsProviderSettingsSchema,
  create: (settings, context) => createAwsProvider(settings, context),
});
