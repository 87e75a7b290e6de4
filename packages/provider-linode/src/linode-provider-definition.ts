import { defineProvider } from '@ohf/provider-sdk';
import { LINODE_PROVIDER_ID } from './linode-error-normalizer.js';
import { createLinodeProvider } from './linode-provider.js';
import { LinodeProviderSettingsSchema } from './linode-settings.js';

/** What the provider registry loads for `type: linode` instances in config.yaml. */
export const linodeProviderDefinition = defineProvider({
  type: LINODE_PROVIDER_ID,
  displayName: 'Linode (Akamai Cloud)',
  settingsSchema: LinodeProviderSettingsSchema,
  create: (settings, context) => createLinodeProvider(settings, context),
});
