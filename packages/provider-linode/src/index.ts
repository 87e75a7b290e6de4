export { VERSION } from './version.js';
export { createLinodeProvider, linodeProviderDefinition, type LinodeProvider } from './linode-provider.js';
export type { LinodeProviderSettings } from './linode-settings.js';
