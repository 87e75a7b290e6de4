import { defineProvider } from '@ohf/provider-sdk';
import { createDigitalOceanProvider } from './digitalocean-provider.js';
import { DigitalOceanSettingsSchema } from './digitalocean-settings.js';

/** What the provider registry loads for instances of type `digitalocean`. */
export const digitalOceanProviderDefinition = defineProvider({
  type: 'digitalocean',
  displayName: 'DigitalOcean',
  settingsSchema: DigitalOceanSettingsSchema,
  create: (settings, context) => createDigitalOceanProvider(settings, context),
});
