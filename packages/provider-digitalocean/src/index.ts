export { VERSION } from './version.js';

export {
  createDigitalOceanProvider,
  batchSizes,
  type DigitalOceanComputeProvider,
  type DigitalOceanProviderContext,
  type DigitalOceanDropletAction,
  type DropletActionResult,
  type CredentialsValidationResult,
} from './digitalocean-provider.js';
export { digitalOceanProviderDefinition } from './digitalocean-provider-definition.js';
export {
  DigitalOceanSettingsSchema,
  DIGITALOCEAN_TOKEN_ENV,
  DEFAULT_DIGITALOCEAN_BASE_URL,
  DEFAULT_DIGITALOCEAN_RATE_LIMITS,
  resolveDigitalOceanToken,
  type DigitalOceanSettings,
  type DigitalOceanSettingsInput,
} from './digitalocean-settings.js';
export {
  DigitalOceanTemplateOptionsSchema,
  parseDigitalOceanTemplateOptions,
  MAX_USER_DATA_BYTES,
  type DigitalOceanTemplateOptions,
} from './digitalocean-template-options.js';
export { DROPLET_STATUSES, DROPLET_STATE_MAP, mapDropletStatus, type DropletStatus } from './droplet-state-map.js';
export { dropletToInstance } from './droplet-to-instance.js';
export {
  DIGITALOCEAN_TAG_RULES,
  encodeDigitalOceanTags,
  decodeDigitalOceanTags,
  digitalOceanRequestTag,
} from './digitalocean-tags.js';
export {
  normalizeDigitalOceanError,
  DIGITALOCEAN_PROVIDER_ID,
  type NormalizeDigitalOceanErrorOptions,
} from './normalize-digitalocean-error.js';
export { MAX_DROPLETS_PER_CREATE, type DropletCreateRequest } from './api/droplet-create-request.js';
export { DropletSchema, type Droplet } from './api/droplet-schema.js';
export { DigitalOceanErrorBodySchema, type DigitalOceanErrorBody } from './api/error-body-schema.js';
