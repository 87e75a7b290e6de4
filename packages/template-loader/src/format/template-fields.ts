import type { Template } from '@ohf/domain-core';

/** How a value written in a file is turned into the domain value. */
export type FieldKind =
  | 'string'
  | 'integer'
  | 'number'
  | 'boolean'
  | 'decimal'
  | 'list'
  | 'weights'
  | 'tags'
  | 'attributes'
  | 'providerOptions'
  | 'requirements';

export interface TemplateFieldDefinition {
  readonly field: keyof Template;
  readonly kind: FieldKind;
  /** Other spellings: the seed's snake_case names and the Host Factory variants. */
  readonly aliases: readonly string[];
}

/**
 * How each template field is written: its kind and its other spellings, in the order records
 * are written back. Keyed by the fields of `Template` (built on the provider spec's template
 * fields, the one list), so a field added there fails to compile here until it is described.
 * Every alias of a field goes through the same conversion, so `subnetId: "a,b"` and
 * `subnet_ids: ["a","b"]` agree.
 */
const FIELD_SPELLINGS: { readonly [Field in keyof Template]-?: Omit<TemplateFieldDefinition, 'field'> } = {
  templateId: { kind: 'string', aliases: ['template_id'] },
  description: { kind: 'string', aliases: [] },
  enabled: { kind: 'boolean', aliases: [] },
  maxNumber: { kind: 'integer', aliases: ['max_number', 'max_instances', 'maxInstances'] },
  attributes: { kind: 'attributes', aliases: [] },
  providerType: { kind: 'string', aliases: ['provider_type'] },
  providerName: { kind: 'string', aliases: ['provider_name'] },
  organizationId: { kind: 'string', aliases: ['organization_id', 'organization'] },
  providerApi: { kind: 'string', aliases: ['provider_api'] },
  imageId: { kind: 'string', aliases: ['image_id'] },
  vmType: { kind: 'string', aliases: ['vm_type', 'instance_type', 'instanceType'] },
  vmTypes: { kind: 'weights', aliases: ['vm_types', 'instance_types', 'instanceTypes'] },
  vmTypesOnDemand: { kind: 'weights', aliases: ['vm_types_on_demand'] },
  vmTypesPriority: { kind: 'weights', aliases: ['vm_types_priority'] },
  requirements: { kind: 'requirements', aliases: [] },
  priceType: { kind: 'string', aliases: ['price_type'] },
  percentOnDemand: { kind: 'number', aliases: ['percent_on_demand'] },
  allocationStrategy: { kind: 'string', aliases: ['allocation_strategy'] },
  allocationStrategyOnDemand: { kind: 'string', aliases: ['allocation_strategy_on_demand'] },
  subnetIds: { kind: 'list', aliases: ['subnetId', 'subnet_ids', 'subnet_id'] },
  securityGroupIds: { kind: 'list', aliases: ['security_group_ids', 'securityGroupId', 'security_group_id'] },
  keyName: { kind: 'string', aliases: ['key_name'] },
  instanceTags: { kind: 'tags', aliases: ['instance_tags'] },
  userData: { kind: 'string', aliases: ['user_data'] },
  userDataScript: { kind: 'string', aliases: ['user_data_script'] },
  fleetType: { kind: 'string', aliases: ['fleet_type'] },
  fleetRole: { kind: 'string', aliases: ['fleet_role'] },
  maxSpotPrice: { kind: 'decimal', aliases: ['max_spot_price', 'spotPrice', 'spot_price'] },
  spotFleetRequestExpiry: { kind: 'integer', aliases: ['spot_fleet_request_expiry'] },
  poolsCount: { kind: 'integer', aliases: ['pools_count'] },
  rootDeviceVolumeSize: { kind: 'integer', aliases: ['root_device_volume_size'] },
  volumeType: { kind: 'string', aliases: ['volume_type'] },
  iops: { kind: 'integer', aliases: [] },
  instanceProfile: { kind: 'string', aliases: ['instance_profile'] },
  launchTemplateId: { kind: 'string', aliases: ['launch_template_id'] },
  providerOptions: { kind: 'providerOptions', aliases: ['provider_options'] },
};

/** Every template field, in the order records are written back. */
export const TEMPLATE_FIELDS: readonly TemplateFieldDefinition[] = (Object.keys(FIELD_SPELLINGS) as (keyof Template)[]).map((field) => ({
  field,
  ...FIELD_SPELLINGS[field],
}));

const bySpelling = new Map<string, TemplateFieldDefinition>();
for (const definition of TEMPLATE_FIELDS) {
  bySpelling.set(definition.field, definition);
  for (const alias of definition.aliases) bySpelling.set(alias, definition);
}

/** The field a key of a file record stands for, in any accepted spelling. */
export function fieldForKey(key: string): TemplateFieldDefinition | undefined {
  return bySpelling.get(key);
}

export const TEMPLATE_ID_SPELLINGS: readonly string[] = ['templateId', 'template_id'];

/** Fields merged one key deeper: each attribute, and each option of each provider, is its own field. */
export const KEYED_FIELDS: ReadonlySet<string> = new Set(['attributes', 'providerOptions']);
