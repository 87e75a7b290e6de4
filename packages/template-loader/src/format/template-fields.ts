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
  | 'providerOptions';

export interface TemplateFieldDefinition {
  readonly field: keyof Template;
  readonly kind: FieldKind;
  /** Other spellings: the seed's snake_case names and the Host Factory variants. */
  readonly aliases: readonly string[];
}

/**
 * Every template field, in the order records are written back. Every alias of a field goes
 * through the same conversion, so `subnetId: "a,b"` and `subnet_ids: ["a","b"]` agree.
 */
export const TEMPLATE_FIELDS: readonly TemplateFieldDefinition[] = [
  { field: 'templateId', kind: 'string', aliases: ['template_id'] },
  { field: 'description', kind: 'string', aliases: [] },
  { field: 'enabled', kind: 'boolean', aliases: [] },
  { field: 'maxNumber', kind: 'integer', aliases: ['max_number', 'max_instances', 'maxInstances'] },
  { field: 'attributes', kind: 'attributes', aliases: [] },
  { field: 'providerType', kind: 'string', aliases: ['provider_type'] },
  { field: 'providerName', kind: 'string', aliases: ['provider_name'] },
  { field: 'providerApi', kind: 'string', aliases: ['provider_api'] },
  { field: 'imageId', kind: 'string', aliases: ['image_id'] },
  { field: 'vmType', kind: 'string', aliases: ['vm_type', 'instance_type', 'instanceType'] },
  { field: 'vmTypes', kind: 'weights', aliases: ['vm_types', 'instance_types', 'instanceTypes'] },
  { field: 'vmTypesOnDemand', kind: 'weights', aliases: ['vm_types_on_demand'] },
  { field: 'vmTypesPriority', kind: 'weights', aliases: ['vm_types_priority'] },
  { field: 'priceType', kind: 'string', aliases: ['price_type'] },
  { field: 'percentOnDemand', kind: 'number', aliases: ['percent_on_demand'] },
  { field: 'allocationStrategy', kind: 'string', aliases: ['allocation_strategy'] },
  { field: 'allocationStrategyOnDemand', kind: 'string', aliases: ['allocation_strategy_on_demand'] },
  { field: 'subnetIds', kind: 'list', aliases: ['subnetId', 'subnet_ids', 'subnet_id'] },
  { field: 'securityGroupIds', kind: 'list', aliases: ['security_group_ids', 'securityGroupId', 'security_group_id'] },
  { field: 'keyName', kind: 'string', aliases: ['key_name'] },
  { field: 'instanceTags', kind: 'tags', aliases: ['instance_tags'] },
  { field: 'userData', kind: 'string', aliases: ['user_data'] },
  { field: 'userDataScript', kind: 'string', aliases: ['user_data_script'] },
  { field: 'fleetType', kind: 'string', aliases: ['fleet_type'] },
  { field: 'fleetRole', kind: 'string', aliases: ['fleet_role'] },
  { field: 'maxSpotPrice', kind: 'decimal', aliases: ['max_spot_price', 'spotPrice', 'spot_price'] },
  { field: 'spotFleetRequestExpiry', kind: 'integer', aliases: ['spot_fleet_request_expiry'] },
  { field: 'poolsCount', kind: 'integer', aliases: ['pools_count'] },
  { field: 'rootDeviceVolumeSize', kind: 'integer', aliases: ['root_device_volume_size'] },
  { field: 'volumeType', kind: 'string', aliases: ['volume_type'] },
  { field: 'iops', kind: 'integer', aliases: [] },
  { field: 'instanceProfile', kind: 'string', aliases: ['instance_profile'] },
  { field: 'launchTemplateId', kind: 'string', aliases: ['launch_template_id'] },
  { field: 'providerOptions', kind: 'providerOptions', aliases: ['provider_options'] },
];

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
