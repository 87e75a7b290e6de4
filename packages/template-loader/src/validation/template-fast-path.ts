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
  // Keys the schema would strip (none come out of normalizeRecord) are left to the schema.
  for (const key in values) if (!FIELD_NAMES.has(key)) return undefined;

  const templateId = values['templateId'];
  if (typeof templateId !== 'string' || templateId.length > 64 || !TEMPLATE_ID_PATTERN.test(templateId)) return undefined;
  const maxNumber = values['maxNumber'];
  if (!Number.isSafeInteger(maxNumber) || (maxNumber as number) < -1) return undefined;
  const attributes = copyAttributes(values['attributes']);
  if (attributes === undefined) return undefined;
  // `.default(true)` replaces only undefined; null stays invalid.
  const enabled = values['enabled'] === undefined ? true : values['enabled'];
  if (typeof enabled !== 'boolean') return undefined;

  // Built in the schema's key order, so JSON output and snapshots do not depend on the path taken.
  const template: Record<string, unknown> = { templateId, maxNumber, attributes, enabled };
  for (const field of OPTIONAL_FIELDS) {
    if (!(field.name in values)) {
      if (field.fallback !== undefined) template[field.name] = field.fallback();
      continue;
    }
    const parsed = field.parse(values[field.name]);
    if (parsed === NOT_SURE) return undefined;
    template[field.name] = parsed;
  }
  return template as Template;
}

/** Returned by a field's parse when the schema must decide. */
const NOT_SURE = Symbol('not sure');
type FieldParse = (value: unknown) => unknown;

const TEMPLATE_ID_PATTERN = /^[A-Za-z0-9_-]+$/;
const DECIMAL_PATTERN = /^\d+(\.\d+)?$/;
const ATTRIBUTE_KINDS: ReadonlySet<unknown> = new Set(['String', 'Numeric', 'Boolean']);
/** The attributes `TemplateAttributesSchema` names, in its order; the last two are optional. */
const NAMED_ATTRIBUTES = ['type', 'ncpus', 'nram', 'rank', 'priceInfo'] as const;
const NAMED_ATTRIBUTE_SET: ReadonlySet<string> = new Set(NAMED_ATTRIBUTES);

/** Plain data objects as JSON.parse and normalizeRecord make them; anything else goes to the schema. */
function isPlainRecord(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

function isAttributeValue(value: unknown): value is readonly [string, string] {
  return Array.isArray(value) && value.length === 2 && ATTRIBUTE_KINDS.has(value[0]) && typeof value[1] === 'string';
}

/** `TemplateAttributesSchema`: type, ncpus and nram required, then the schema's optional ones, then the rest as written. */
function copyAttributes(value: unknown): Record<string, [string, string]> | undefined {
  if (!isPlainRecord(value)) return undefined;
  const copy: Record<string, [string, string]> = {};
  for (const name of NAMED_ATTRIBUTES) {
    const attribute = value[name];
    if (attribute === undefined) {
      // An optional attribute that is absent is fine; one present as undefined the schema keeps, so it decides.
      if ((name === 'rank' || name === 'priceInfo') && !Object.hasOwn(value, name)) continue;
      return undefined;
    }
    if (!isAttributeValue(attribute)) return undefined;
    copy[name] = [attribute[0], attribute[1]];
  }
  for (const name in value) {
    if (name === '__proto__') return undefined;
    if (NAMED_ATTRIBUTE_SET.has(name)) continue;
    const attribute = value[name];
    if (!isAttributeValue(attribute)) return undefined;
    copy[name] = [attribute[0], attribute[1]];
  }
  return copy;
}

const anyString: FieldParse = (value) => (typeof value === 'string' ? value : NOT_SURE);
const nonEmptyString: FieldParse = (value) => (typeof value === 'string' && value.length > 0 ? value : NOT_SURE);
const positiveInteger: FieldParse = (value) => (Number.isSafeInteger(value) && (value as number) > 0 ? value : NOT_SURE);
const oneOf =
  (allowed: readonly string[]): FieldParse =>
  (value) =>
    typeof value === 'string' && allowed.includes(value) ? value : NOT_SURE;

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

const stringList: FieldParse = (value) => {
  if (!Array.isArray(value)) return NOT_SURE;
  for (const item of value) if (typeof item !== 'string' || item.length === 0) return NOT_SURE;
  return [...(value as string[])];
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

interface OptionalField {
  readonly name: keyof Template;
  readonly parse: FieldParse;
  /** The schema's `.default()`, for fields it fills in when absent. */
  readonly fallback?: () => unknown;
}

/** Every field after `enabled`, in the order of `TemplateSchema`'s shape. */
const OPTIONAL_FIELDS: readonly OptionalField[] = [
  { name: 'description', parse: anyString },
  { name: 'providerType', parse: nonEmptyString },
  { name: 'providerName', parse: nonEmptyString },
  { name: 'providerApi', parse: nonEmptyString },
  { name: 'imageId', parse: nonEmptyString },
  { name: 'vmType', parse: nonEmptyString },
  { name: 'vmTypes', parse: weights },
  { name: 'vmTypesOnDemand', parse: weights },
  { name: 'vmTypesPriority', parse: weights },
  { name: 'priceType', parse: oneOf(PRICE_TYPES) },
  {
    name: 'percentOnDemand',
    parse: (value) => (typeof value === 'number' && Number.isFinite(value) && value >= 0 && value <= 100 ? value : NOT_SURE),
  },
  { name: 'allocationStrategy', parse: oneOf(ALLOCATION_STRATEGIES) },
  { name: 'allocationStrategyOnDemand', parse: oneOf(['lowestPrice', 'prioritized']) },
  { name: 'subnetIds', parse: stringList, fallback: () => [] },
  { name: 'securityGroupIds', parse: stringList, fallback: () => [] },
  { name: 'keyName', parse: nonEmptyString },
  { name: 'instanceTags', parse: recordOf((_key, tag) => typeof tag === 'string'), fallback: () => ({}) },
  { name: 'userData', parse: anyString },
  { name: 'userDataScript', parse: anyString },
  { name: 'fleetType', parse: oneOf(FLEET_TYPES) },
  { name: 'fleetRole', parse: nonEmptyString },
  { name: 'maxSpotPrice', parse: (value) => (typeof value === 'string' && DECIMAL_PATTERN.test(value) ? value : NOT_SURE) },
  { name: 'spotFleetRequestExpiry', parse: positiveInteger },
  { name: 'poolsCount', parse: positiveInteger },
  { name: 'rootDeviceVolumeSize', parse: positiveInteger },
  { name: 'volumeType', parse: nonEmptyString },
  { name: 'iops', parse: positiveInteger },
  { name: 'instanceProfile', parse: nonEmptyString },
  { name: 'launchTemplateId', parse: nonEmptyString },
  { name: 'providerOptions', parse: providerOptions, fallback: () => ({}) },
];

/** The fields the fast path knows, in the schema's order (the test compares it with the schema's shape). */
export const FAST_PATH_FIELDS: readonly string[] = ['templateId', 'maxNumber', 'attributes', 'enabled', ...OPTIONAL_FIELDS.map((field) => field.name)];
const FIELD_NAMES: ReadonlySet<string> = new Set(FAST_PATH_FIELDS);
