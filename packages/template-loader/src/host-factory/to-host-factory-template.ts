import { formatInstanceTags, TemplateSchema, type AttributeValue, type Template } from '@ohf/domain-core';

/** One entry of the Host Factory `getAvailableTemplates` answer (contract/HOSTFACTORY.md). */
export interface HostFactoryTemplate {
  templateId: string;
  maxNumber: number;
  attributes: Record<string, AttributeValue>;
  [field: string]: unknown;
}

const ATTRIBUTE_ORDER = ['type', 'ncpus', 'nram', 'rank', 'priceInfo'];

/** Written their own way below (subnetId, tag string), or left out: size (userData) and provider internals (providerOptions). */
const NOT_PASSED_THROUGH: ReadonlySet<keyof Template> = new Set([
  'templateId',
  'maxNumber',
  'attributes',
  'enabled',
  'description',
  'subnetIds',
  'securityGroupIds',
  'instanceTags',
  'userData',
  'providerOptions',
]);

// Every other field of the one template field list is copied as it is when set.
const PASS_THROUGH_FIELDS = (Object.keys(TemplateSchema.shape) as (keyof Template)[]).filter((field) => !NOT_PASSED_THROUGH.has(field));

/**
 * Renders a template in the Host Factory camelCase form: attribute pairs in the usual order,
 * `subnetId` (a string for one subnet, an array for several), `instanceTags` as "k=v;k2=v2".
 */
export function toHostFactoryTemplate(template: Template): HostFactoryTemplate {
  const attributes: Record<string, AttributeValue> = {};
  const attributeNames = Object.keys(template.attributes).sort((left, right) => {
    const leftIndex = ATTRIBUTE_ORDER.indexOf(left);
    const rightIndex = ATTRIBUTE_ORDER.indexOf(right);
    return (leftIndex === -1 ? ATTRIBUTE_ORDER.length : leftIndex) - (rightIndex === -1 ? ATTRIBUTE_ORDER.length : rightIndex);
  });
  for (const name of attributeNames) {
    const value = template.attributes[name];
    if (value !== undefined) attributes[name] = [value[0], value[1]];
  }

  const entry: HostFactoryTemplate = { templateId: template.templateId, maxNumber: template.maxNumber, attributes };
  for (const field of PASS_THROUGH_FIELDS) {
    const value = template[field];
    if (value === undefined) continue;
    (entry as Record<string, unknown>)[field] = typeof value === 'object' && value !== null ? { ...value } : value;
  }
  if (template.subnetIds.length === 1) entry['subnetId'] = template.subnetIds[0];
  else if (template.subnetIds.length > 1) entry['subnetId'] = [...template.subnetIds];
  if (template.securityGroupIds.length > 0) entry['securityGroupIds'] = [...template.securityGroupIds];
  if (Object.keys(template.instanceTags).length > 0) entry['instanceTags'] = formatInstanceTags(template.instanceTags);
  return entry;
}
