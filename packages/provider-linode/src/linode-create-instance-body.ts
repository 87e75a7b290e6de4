import { InvalidProviderOptionsError, type ProviderTemplateV1 } from '@ohf/provider-sdk';
import { LINODE_PROVIDER_ID } from './linode-errors.js';
import type { LinodeInterfaceOption, LinodeTemplateOptions } from './linode-template-options.js';

/** The body of `POST /linode/instances` as this provider sends it. */
export interface LinodeCreateInstanceBody {
  region: string;
  type: string;
  image: string;
  label: string;
  tags: string[];
  root_pass: string;
  authorized_keys?: string[];
  authorized_users?: string[];
  private_ip?: boolean;
  firewall_id?: number;
  interfaces?: LinodeInterfaceOption[];
  placement_group?: { id: number };
  backups_enabled?: boolean;
  swap_size?: number;
  booted?: boolean;
  stackscript_id?: number;
  stackscript_data?: Record<string, string>;
  metadata?: { user_data: string };
}

/** Region, type and image of a template's machines, from its Linode options or its generic fields. */
export interface LinodeMachineSpec {
  readonly region: string;
  readonly type: string;
  readonly image: string;
}

/**
 * `type` falls back to the template's vmType (or its only/first vmTypes entry) and `image` to
 * its imageId; both are required. Errors name the field to set.
 */
export function resolveMachineSpec(template: ProviderTemplateV1, options: LinodeTemplateOptions): LinodeMachineSpec {
  const type = options.type ?? template.vmType ?? Object.keys(template.vmTypes ?? {})[0];
  const image = options.image ?? template.imageId;
  for (const [field, value, fallback] of [
    ['type', type, 'vmType'],
    ['image', image, 'imageId'],
  ] as const) {
    if (!value) {
      throw new InvalidProviderOptionsError(
        `Template "${template.templateId}" names no Linode ${field}: set providerOptions.linode.${field} or the template's ${fallback}.`,
        { providerId: LINODE_PROVIDER_ID, field: `providerOptions.linode.${field}` },
      );
    }
  }
  return { region: options.region, type: type as string, image: image as string };
}

/** Everything of a create body that is the same for every machine of one request. */
export function buildCreateInstanceBody(input: {
  readonly template: ProviderTemplateV1;
  readonly options: LinodeTemplateOptions;
  readonly spec: LinodeMachineSpec;
  readonly label: string;
  readonly tags: readonly string[];
  readonly rootPassword: string;
}): LinodeCreateInstanceBody {
  const { options, spec, template } = input;
  const interfaces: LinodeInterfaceOption[] | undefined = options.vpc
    ? [
        { purpose: 'public' },
        {
          purpose: 'vpc',
          subnet_id: options.vpc.subnet_id,
          ...(options.vpc.nat_1_1 ? { ipv4: { nat_1_1: options.vpc.nat_1_1 } } : {}),
        },
      ]
    : options.interfaces;
  return {
    region: spec.region,
    type: spec.type,
    image: spec.image,
    label: input.label,
    tags: [...input.tags],
    root_pass: input.rootPassword,
    ...(options.authorized_keys?.length ? { authorized_keys: options.authorized_keys } : {}),
    ...(options.authorized_users?.length ? { authorized_users: options.authorized_users } : {}),
    ...(options.private_ip === undefined ? {} : { private_ip: options.private_ip }),
    ...(options.firewall_id === undefined ? {} : { firewall_id: options.firewall_id }),
    ...(interfaces ? { interfaces } : {}),
    ...(options.placement_group_id === undefined ? {} : { placement_group: { id: options.placement_group_id } }),
    ...(options.backups_enabled === undefined ? {} : { backups_enabled: options.backups_enabled }),
    ...(options.swap_size === undefined ? {} : { swap_size: options.swap_size }),
    ...(options.booted === undefined ? {} : { booted: options.booted }),
    ...(options.stackscript_id === undefined ? {} : { stackscript_id: options.stackscript_id }),
    ...(options.stackscript_data === undefined ? {} : { stackscript_data: options.stackscript_data }),
    // Linode's metadata service takes cloud-init user data base64-encoded; templates hold it as text.
    ...(template.userData ? { metadata: { user_data: Buffer.from(template.userData, 'utf8').toString('base64') } } : {}),
  };
}
