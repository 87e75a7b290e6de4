import { ALLOCATION_STRATEGIES, FLEET_TYPES, PRICE_TYPES, type Template } from '@ohf/domain-core';

/**
 * A hand-written twin of `TemplateSchema` for the one question the loader asks 10,000 times a
 * cold load: "is this merged template valid, and what does the schema make of it?". Parsing
 * with zod costs about 80 ms (and as much again in garbage collection) of the 250 ms budget
 * of SPEC §9; these plain checks cost a few.
 *
 * It never decides that a template is invalid: it answers either the value
 * `TemplateSchema.parse` would return (same keys, same order, fresh containers, defaults
 * filled in) or `undefined` for "not sure", and the caller then asks `TemplateSchema`, which
 * reports the exact issues. Every rule here is at least as strict as the schema's, so a value
 * accepted here is accepted there. `template-fast-path.test.ts` holds it to the schema's
 * verdict and output on valid and invalid values of every field, and fails when the schema
 * gains or loses a field.
 */
export function parseTemplateFastPath(values: Readonly<Record<string, unknown>>): Template | undefined {
  // Keys the schema would strip (none come out of normalizeRecord) and keys present as
  // undefined (which the schema keeps) are left to the schema; below, undefined means absent.
  for (const key in values) if (!FIELD_NAMES.has(key) || values[key] === undefined) return undefined;

  const templateId = values['templateId'];
  if (typeof templateId !== 'string' || templateId.length > 64 || !TEMPLATE_ID_PATTERN.test(templateId)) return undefined;
  const maxNumber = values['maxNumber'];
  if (!Number.isSafeInteger(maxNumber) || (maxNumber as number) < -1) return undefined;
  const attributes = copyAttributes(values['attributes']);
  if (attributes === undefined) return undefined;
  // `.default()` replaces only an absent value; null stays invalid (hence no `??` here or below).
  const enabled = values['enabled'] === undefined ? true : values['enabled'];
  if (typeof enabled !== 'boolean') return undefined;

  // Built in the schema's key order, so JSON output does not depend on the path taken. Each
  // field is read and written by name, not in a loop over names: V8 handles named property
  // access much faster than computed names, and this runs 10,000 times per cold load. A field
  // whose check is not sure is written as NOT_SURE, and the whole answer is then dropped.
  const template: Record<string, unknown> = { templateId, maxNumber, attributes, enabled };
  let value: unknown;
  if ((value = values['description']) !== undefined && (template['description'] = anyString(value)) === NOT_SURE) return undefined;
  if ((value = values['providerType']) !== undefined && (template['providerType'] = nonEmptyString(value)) === NOT_SURE) return undefined;
  if ((value = values['providerName']) !== undefined && (template['providerName'] = nonEmptyString(value)) === NOT_SURE) return undefined;
  if ((value = values['organizationId']) !== undefined && (template['organizationId'] = nonEmptyString(value)) === NOT_SURE) return undefined;
  if ((value = values['providerApi']) !== undefined && (template['providerApi'] = nonEmptyString(value)) === NOT_SURE) return undefined;
  if ((value = values['imageId']) !== undefined && (template['imageId'] = nonEmptyString(value)) === NOT_SURE) return undefined;
  if ((value = values['vmType']) !== undefined && (template['vmType'] = nonEmptyString(value)) === NOT_SURE) return undefined;
  if ((value = values['vmTypes']) !== undefined && (template['vmTypes'] = weights(value)) === NOT_SURE) return undefined;
  if ((value = values['vmTypesOnDemand']) !== undefined && (template['vmTypesOnDemand'] = weights(value)) === NOT_SURE) return undefined;
  if ((value = values['vmTypesPriority']) !== undefined && (template['vmTypesPriority'] = weights(value)) === NOT_SURE) return undefined;
  if ((value = values['requirements']) !== undefined && (template['requirements'] = requirements(value)) === NOT_SURE) return undefined;
  if ((value = values['priceType']) !== undefined && (template['priceType'] = oneOf(PRICE_TYPES, value)) === NOT_SURE) return undefined;
  if ((value = values['percentOnDemand']) !== undefined && (template['percentOnDemand'] = percent(value)) === NOT_SURE) return undefined;
  if ((value = values['allocationStrategy']) !== undefined && (template['allocationStrategy'] = oneOf(ALLOCATION_STRATEGIES, value)) === NOT_SURE) {
    return undefined;
  }
  if (
    (value = values['allocationStrategyOnDemand']) !== undefined &&
    (template['allocationStrategyOnDemand'] = oneOf(ON_DEMAND_ALLOCATION_STRATEGIES, value)) === NOT_SURE
  ) {
    return undefined;
  }
  if ((template['subnetIds'] = (value = values['subnetIds']) === undefined ? [] : stringList(value)) === NOT_SURE) return undefined;
  if ((template['securityGroupIds'] = (value = values['securityGroupIds']) === undefined ? [] : stringList(value)) === NOT_SURE) return undefined;
  if ((value = values['keyName']) !== undefined && (template['keyName'] = nonEmptyString(value)) === NOT_SURE) return undefined;
  if ((template['instanceTags'] = (value = values['instanceTags']) === undefined ? {} : tags(value)) === NOT_SURE) return undefined;
  if ((value = values['userData']) !== undefined && (template['userData'] = anyString(value)) === NOT_SURE) return undefined;
  if ((value = values['fleetType']) !== undefined && (template['fleetType'] = oneOf(FLEET_TYPES, value)) === NOT_SURE) return undefined;
  if ((value = values['fleetRole']) !== undefined && (template['fleetRole'] = nonEmptyString(value)) === NOT_SURE) return undefined;
  if ((value = values['maxSpotPrice']) !== undefined && (template['maxSpotPrice'] = decimal(value)) === NOT_SURE) return undefined;
  if ((value = values['spotFleetRequestExpiry']) !== undefined && (template['spotFleetRequestExpiry'] = positiveInteger(value)) === NOT_SURE) {
    return undefined;
  }
  if ((value = values['poolsCount']) !== undefined && (template['poolsCount'] = positiveInteger(value)) === NOT_SURE) return undefined;
  if ((value = values['rootDeviceVolumeSize']) !== undefined && (template['rootDeviceVolumeSize'] = positiveInteger(value)) === NOT_SURE) {
    return undefined;
  }
  if ((value = values['volumeType']) !== undefined && (template['volumeType'] = nonEmptyString(value)) === NOT_SURE) return undefined;
  if ((value = values['iops']) !== undefined && (template['iops'] = positiveInteger(value)) === NOT_SURE) return undefined;
  if ((value = values['instanceProfile']) !== undefined && (template['instanceProfile'] = nonEmptyString(value)) === NOT_SURE) return undefined;
  if ((value = values['launchTemplateId']) !== undefined && (template['launchTemplateId'] = nonEmptyString(value)) === NOT_SURE) return undefined;
  if ((template['providerOptions'] = (value = values['providerOptions']) === undefined ? {} : providerOptions(value)) === NOT_SURE) return undefined;
  if ((value = values['userDataScript']) !== undefined && (template['userDataScript'] = anyString(value)) === NOT_SURE) return undefined;
  return template as Template;
}

/** Returned by a field's parse when the schema must decide. */
const NOT_SURE = Symbol('not sure');
type FieldParse = (value: unknown) => unknown;

const TEMPLATE_ID_PATTERN = /^[A-Za-z0-9_-]+$/;
const DECIMAL_PATTERN = /^\d+(\.\d+)?$/;
const ON_DEMAND_ALLOCATION_STRATEGIES: readonly string[] = ['lowestPrice', 'prioritized'];
const ATTRIBUTE_KINDS: ReadonlySet<unknown> = new Set(['String', 'Numeric', 'Boolean']);
/** The optional attributes `TemplateAttributesSchema` names, in its order after type, ncpus and nram. */
const OPTIONAL_ATTRIBUTES = ['rank', 'priceInfo'] as const;
const NAMED_ATTRIBUTES: ReadonlySet<string> = new Set(['type', 'ncpus', 'nram', ...OPTIONAL_ATTRIBUTES]);

/** Plain data objects as JSON.parse and normalizeRecord make them; anything else goes to the schema. */
function isPlainRecord(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

function isAttributeValue(value: unknown): value is readonly [string, string] {
  return Array.isArray(value) && value.length === 2 && ATTRIBUTE_KINDS.has(value[0]) && typeof value[1] === 'string';
}

function copyAttribute(value: readonly [string, string]): [string, string] {
  return [value[0], value[1]];
}

/** `TemplateAttributesSchema`: type, ncpus and nram required, then the schema's optional ones, then the rest as written. */
function copyAttributes(value: unknown): Record<string, [string, string]> | undefined {
  if (!isPlainRecord(value)) return undefined;
  const type = value['type'];
  const ncpus = value['ncpus'];
  const nram = value['nram'];
  if (!isAttributeValue(type) || !isAttributeValue(ncpus) || !isAttributeValue(nram)) return undefined;
  const copy: Record<string, [string, string]> = { type: copyAttribute(type), ncpus: copyAttribute(ncpus), nram: copyAttribute(nram) };
  let onlyRequired = true;
  for (const name in value) {
    if (name !== 'type' && name !== 'ncpus' && name !== 'nram') {
      onlyRequired = false;
      break;
    }
  }
  // The usual case: nothing but the three required attributes.
  if (onlyRequired) return copy;
  for (const name of OPTIONAL_ATTRIBUTES) {
    if (!Object.hasOwn(value, name)) continue;
    // Present as undefined, the schema keeps the key: it decides.
    const attribute = value[name];
    if (!isAttributeValue(attribute)) return undefined;
    copy[name] = copyAttribute(attribute);
  }
  for (const name in value) {
    if (name === '__proto__') return undefined;
    if (NAMED_ATTRIBUTES.has(name)) continue;
    const attribute = value[name];
    if (!isAttributeValue(attribute)) return undefined;
    copy[name] = copyAttribute(attribute);
  }
  return copy;
}

const anyString = (value: unknown): unknown => (typeof value === 'string' ? value : NOT_SURE);
const nonEmptyString = (value: unknown): unknown => (typeof value === 'string' && value.length > 0 ? value : NOT_SURE);
const positiveInteger = (value: unknown): unknown => (Number.isSafeInteger(value) && (value as number) > 0 ? value : NOT_SURE);
const percent = (value: unknown): unknown => (typeof value === 'number' && Number.isFinite(value) && value >= 0 && value <= 100 ? value : NOT_SURE);
const decimal = (value: unknown): unknown => (typeof value === 'string' && DECIMAL_PATTERN.test(value) ? value : NOT_SURE);
const oneOf = (allowed: readonly string[], value: unknown): unknown => (typeof value === 'string' && allowed.includes(value) ? value : NOT_SURE);

/** A record whose keys and values each pass `entry`; copied, as the schema does. */
const recordOf =
  (entry: (key: string, value: unknown) => boolean): FieldParse =>
  (value) => {
    if (!isPlainRecord(value)) return NOT_SURE;
    const copy: Record<string, unknown> = {};
    for (const key in value) {
      const item = value[key];
      if (key === '__proto__' || !entry(key, item)) return NOT_SURE;
      copy[key] = item;
    }
    return copy;
  };

const weights = recordOf((key, weight) => key.length > 0 && typeof weight === 'number' && Number.isFinite(weight) && weight > 0);
const tags = recordOf((_key, tag) => typeof tag === 'string');

const positiveNumber = (value: unknown): boolean => typeof value === 'number' && Number.isFinite(value) && value > 0;
const REQUIREMENT_KEYS: ReadonlySet<string> = new Set(['vcpus', 'memoryGb', 'gpus', 'architecture', 'maxPriceHourly']);

/** `TemplateRequirementsV1Schema`: written in its key order, absent keys left out; unknown keys go to the schema. */
const requirements: FieldParse = (value) => {
  if (!isPlainRecord(value)) return NOT_SURE;
  for (const key in value) if (!REQUIREMENT_KEYS.has(key) || value[key] === undefined) return NOT_SURE;
  const { vcpus, memoryGb, gpus, architecture, maxPriceHourly } = value;
  if (!positiveNumber(vcpus) || !positiveNumber(memoryGb)) return NOT_SURE;
  const copy: Record<string, unknown> = { vcpus, memoryGb };
  if (gpus !== undefined) {
    if (!Number.isSafeInteger(gpus) || (gpus as number) < 0) return NOT_SURE;
    copy['gpus'] = gpus;
  }
  if (architecture !== undefined) {
    if (typeof architecture !== 'string' || architecture.length === 0) return NOT_SURE;
    copy['architecture'] = architecture;
  }
  if (maxPriceHourly !== undefined) {
    if (!positiveNumber(maxPriceHourly)) return NOT_SURE;
    copy['maxPriceHourly'] = maxPriceHourly;
  }
  return copy;
};

const stringList: FieldParse = (value) => {
  if (!Array.isArray(value)) return NOT_SURE;
  for (const item of value) if (typeof item !== 'string' || item.length === 0) return NOT_SURE;
  return value.slice();
};

const providerOptions: FieldParse = (value) => {
  if (!isPlainRecord(value)) return NOT_SURE;
  const copy: Record<string, unknown> = {};
  for (const provider in value) {
    const options = value[provider];
    if (provider === '__proto__' || !isPlainRecord(options)) return NOT_SURE;
    const optionsCopy: Record<string, unknown> = {};
    for (const option in options) {
      const optionValue = options[option];
      if (option === '__proto__' || optionValue === undefined) return NOT_SURE;
      optionsCopy[option] = optionValue;
    }
    copy[provider] = optionsCopy;
  }
  return copy;
};

/** The fields the fast path knows, in the schema's order (the test compares it with the schema's shape). */
export const FAST_PATH_FIELDS: readonly (keyof Template)[] = [
  'templateId',
  'maxNumber',
  'attributes',
  'enabled',
  'description',
  'providerType',
  'providerName',
  'organizationId',
  'providerApi',
  'imageId',
  'vmType',
  'vmTypes',
  'vmTypesOnDemand',
  'vmTypesPriority',
  'requirements',
  'priceType',
  'percentOnDemand',
  'allocationStrategy',
  'allocationStrategyOnDemand',
  'subnetIds',
  'securityGroupIds',
  'keyName',
  'instanceTags',
  'userData',
  'fleetType',
  'fleetRole',
  'maxSpotPrice',
  'spotFleetRequestExpiry',
  'poolsCount',
  'rootDeviceVolumeSize',
  'volumeType',
  'iops',
  'instanceProfile',
  'launchTemplateId',
  'providerOptions',
  'userDataScript',
];
const FIELD_NAMES: ReadonlySet<string> = new Set(FAST_PATH_FIELDS);
