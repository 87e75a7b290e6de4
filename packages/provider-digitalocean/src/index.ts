export { VERSION } from './version.js';
export { createDigitalOceanProvider, digitalOceanProviderDefinition, type DigitalOceanProvider } from './digitalocean-provider.js';
export type { DigitalOceanSettings } from './digitalocean-settings.js';
