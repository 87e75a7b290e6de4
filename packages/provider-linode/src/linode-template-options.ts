import { z } from 'zod';
import { LINODE_LABEL_PREFIX_PATTERN } from './linode-label.js';

const linodeId = z.number().int().positive();

/** One network interface of the instance's configuration profile (at most three). */
const LinodeInterfaceOptionSchema = z.discriminatedUnion('purpose', [
  z.object({ purpose: z.literal('public'), primary: z.boolean().optional() }),
  z.object({
    purpose: z.literal('vlan'),
    label: z.string().min(1).max(64).regex(/^[a-zA-Z0-9-]+$/),
    ipam_address: z.string().optional(),
  }),
  z.object({
    purpose: z.literal('vpc'),
    subnet_id: linodeId,
    primary: z.boolean().optional(),
    ipv4: z.object({ vpc: z.string().optional(), nat_1_1: z.string().optional() }).strict().optional(),
    ip_ranges: z.array(z.string()).optional(),
  }),
]);

/**
 * `template.providerOptions.linode`: what a template may say about the machines Linode creates.
 * `region` is required; `type` and `image` fall back to the template's `vmType` and `imageId`.
 */
export const LinodeTemplateOptionsSchema = z
  .object({
    region: z.string().min(1),
    /** A Linode type (plan), e.g. 'g6-standard-2'. Default: the template's vmType. */
    type: z.string().min(1).optional(),
    /** e.g. 'linode/ubuntu24.04' or 'private/123'. Default: the template's imageId. */
    image: z.string().min(1).optional(),
    authorized_keys: z.array(z.string().min(1)).optional(),
    /** Profile users whose SSH keys are added to root's authorized_keys. */
    authorized_users: z.array(z.string().min(1)).optional(),
    /**
     * Root password for every machine of the template; one is generated per machine when
     * absent (Linode requires one when deploying an image). Prefer SSH keys.
     */
    root_pass: z.string().min(7).max(128).optional(),
    private_ip: z.boolean().optional(),
    firewall_id: linodeId.optional(),
    /** Shorthand for a VPC interface plus a public one: `{ subnet_id, nat_1_1? }`. */
    vpc: z
      .object({ subnet_id: linodeId, nat_1_1: z.union([z.literal('any'), z.string().min(1)]).optional() })
      .strict()
      .optional(),
    interfaces: z.array(LinodeInterfaceOptionSchema).min(1).max(3).optional(),
    placement_group_id: linodeId.optional(),
    backups_enabled: z.boolean().optional(),
    swap_size: z.number().int().nonnegative().optional(),
    /** Leave the machine offline after deployment. Default: booted. */
    booted: z.boolean().optional(),
    /** A StackScript (a one-click app, as `ohfp catalog apps` lists it) run at the first boot. */
    stackscript_id: linodeId.optional(),
    /** Answers to the StackScript's user-defined fields: Linode takes them as strings only. */
    stackscript_data: z.record(z.string().min(1), z.string({ error: 'stackscript_data values must be strings' })).optional(),
    /** First part of every label (letters, digits, single '-', '_' or '.'; ≤16 characters). */
    label_prefix: z.string().regex(LINODE_LABEL_PREFIX_PATTERN).optional(),
    /** Extra plain tags (3–50 characters each). */
    tags: z.array(z.string().min(3).max(50)).optional(),
  })
  .strict()
  .refine((options) => !(options.vpc && options.interfaces), {
    message: 'Give either `vpc` or `interfaces`, not both',
    path: ['interfaces'],
  })
  .refine((options) => options.stackscript_data === undefined || options.stackscript_id !== undefined, {
    message: 'stackscript_data answers a StackScript: give stackscript_id too',
    path: ['stackscript_data'],
  });
export type LinodeTemplateOptions = z.output<typeof LinodeTemplateOptionsSchema>;
export type LinodeInterfaceOption = z.output<typeof LinodeInterfaceOptionSchema>;
