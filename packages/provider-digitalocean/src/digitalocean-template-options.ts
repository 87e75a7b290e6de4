import { z } from 'zod';
import { parseProviderOptions, type ProviderTemplateV1 } from '@ohf/provider-sdk';

const SshKeySchema = z.union([z.string().min(1), z.number().int().positive()]);

/**
 * `template.providerOptions.digitalocean`: where and what to create. `size` and `image`
 * fall back to the template's `vmType` and `imageId`.
 */
export const DigitalOceanTemplateOptionsSchema = z.strictObject({
  /** Region slug, e.g. `nyc3`. */
  region: z.string().min(1),
  /** Size slug, e.g. `s-1vcpu-1gb`. */
  size: z.string().min(1),
  /** Image slug (`ubuntu-24-04-x64`) or numeric image id (snapshots, custom images). */
  image: z.union([z.string().min(1), z.number().int().positive()]),
  /** SSH key ids or fingerprints already added to the team. */
  ssh_keys: z.array(SshKeySchema).default([]),
  vpc_uuid: z.string().min(1).optional(),
  backups: z.boolean().optional(),
  ipv6: z.boolean().optional(),
  monitoring: z.boolean().optional(),
});
export type DigitalOceanTemplateOptions = z.output<typeof DigitalOceanTemplateOptionsSchema>;

/** DigitalOcean refuses user data above 64 KiB. */
export const MAX_USER_DATA_BYTES = 64 * 1024;

/** Validates a template's DigitalOcean options; errors name `providerOptions.digitalocean.<field>`. */
export function parseDigitalOceanTemplateOptions(template: ProviderTemplateV1): DigitalOceanTemplateOptions {
  const own = template.providerOptions?.['digitalocean'] ?? {};
  const withFallbacks = {
    ...(template.vmType === undefined ? {} : { size: template.vmType }),
    ...(template.imageId === undefined ? {} : { image: template.imageId }),
    ...own,
  };
  return parseProviderOptions({
    providerId: 'digitalocean',
    providerOptions: { digitalocean: withFallbacks },
    schema: DigitalOceanTemplateOptionsSchema,
  });
}
