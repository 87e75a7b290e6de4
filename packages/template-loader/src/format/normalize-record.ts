import { parseInstanceTags } from '@ohf/domain-core';
import { AWS_TEMPLATE_FIELDS } from '@ohf/provider-sdk';
import { createProblem, type TemplateProblem } from '../validation/template-problem.js';
import { expandEnvironment, mayReferenceEnvironment, type Environment } from './expand-environment.js';
import { fieldForKey, TEMPLATE_ID_SPELLINGS, type FieldKind } from './template-fields.js';

/**
 * One template record of one file, in domain terms: `fields` is shaped like a partial Template
 * (camelCase fields; `attributes` and `providerOptions` nested). A `null` anywhere unsets what a
 * lower-priority file gave that field path (and, for a whole `attributes`/`providerOptions`
 * map or one provider's options, everything under it). Field paths such as `maxNumber`,
 * `attributes.ncpus` or `providerOptions.linode.region` name what is merged and traced.
 */
export interface NormalizedRecord {
  readonly templateId: string;
  readonly recordIndex: number;
  readonly fields: Readonly<Record<string, unknown>>;
  /** The value as written, for paths where `${ENV}` expansion changed it; kept so rewrites preserve references. */
  readonly rawValues: ReadonlyMap<string, unknown> | undefined;
  /** True when some entry is `null`; records without unsets can be shared instead of copied when merging. */
  readonly hasUnset: boolean;
  readonly problems: readonly TemplateProblem[];
}

export interface NormalizeContext {
  readonly file: string;
  readonly recordIndex: number;
  /** When absent, `${…}` stays as written (input from API callers must not read the server's environment). */
  readonly environment?: Environment | undefined;
  /**
   * Shared by the records of one file: lists and tags written as the same string (templates of
   * one file usually repeat their subnets and tags) are converted once and the result shared.
   * Records are never changed after they are read, so sharing is safe.
   */
  readonly conversions?: ConversionCache | undefined;
}

/** Converted `list` and `tags` values by the string they were written as. */
export interface ConversionCache {
  readonly list: Map<string, unknown>;
  readonly tags: Map<string, unknown>;
}

export function createConversionCache(): ConversionCache {
  return { list: new Map(), tags: new Map() };
}

const AWS_TEMPLATE_FIELD_NAMES: ReadonlySet<string> = new Set(AWS_TEMPLATE_FIELDS);

const integerPattern = /^\s*-?\d+\s*$/;
const numberPattern = /^\s*-?\d+(\.\d+)?\s*$/;

class InvalidValue extends Error {}

function splitList(text: string): string[] {
  const parts = text.split(',');
  // Lists are usually written clean ("a,b"): then split's own array is the answer, with no copy.
  if (parts.every((part) => part !== '' && part.trim() === part)) return parts;
  const clean: string[] = [];
  for (const part of parts) {
    const trimmed = part.trim();
    if (trimmed !== '') clean.push(trimmed);
  }
  return clean;
}

function toWeight(value: unknown): unknown {
  return typeof value === 'string' && numberPattern.test(value) ? Number(value) : value;
}

function convert(kind: FieldKind, value: unknown): unknown {
  switch (kind) {
    case 'string':
      return value;
    case 'integer':
      return typeof value === 'string' && integerPattern.test(value) ? Number(value) : value;
    case 'number':
      return typeof value === 'string' && numberPattern.test(value) ? Number(value) : value;
    case 'boolean':
      if (typeof value === 'string') {
        const lowered = value.trim().toLowerCase();
        if (lowered === 'true') return true;
        if (lowered === 'false') return false;
      }
      return value;
    case 'decimal':
      return typeof value === 'number' ? String(value) : value;
    case 'list':
      if (typeof value === 'string') return splitList(value);
      if (Array.isArray(value)) {
        // Most lists are already clean: only copy when an item needs trimming.
        const clean = value.every((item) => typeof item !== 'string' || item.trim() === item);
        return clean ? value : value.map((item) => (typeof item === 'string' ? item.trim() : item));
      }
      return value;
    case 'weights': {
      const names = typeof value === 'string' ? splitList(value) : Array.isArray(value) ? value : undefined;
      if (names !== undefined) {
        const weights: Record<string, unknown> = {};
        for (const name of names) {
          if (typeof name !== 'string') throw new InvalidValue('expected instance type names or a {"type": weight} map');
          const separator = name.lastIndexOf(':');
          if (separator > 0) weights[name.slice(0, separator).trim()] = toWeight(name.slice(separator + 1).trim());
          else weights[name] = 1;
        }
        return weights;
      }
      if (isPlainObject(value)) {
        const weights: Record<string, unknown> = {};
        for (const name in value) weights[name] = toWeight(value[name]);
        return weights;
      }
      return value;
    }
    case 'tags':
      if (typeof value === 'string') {
        try {
          return parseInstanceTags(value);
        } catch (error) {
          throw new InvalidValue((error as Error).message);
        }
      }
      if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
        const tags: Record<string, unknown> = {};
        for (const [key, tagValue] of Object.entries(value)) {
          tags[key] = typeof tagValue === 'number' || typeof tagValue === 'boolean' ? String(tagValue) : tagValue;
        }
        return tags;
      }
      return value;
    case 'attributes':
      return toAttribute(value);
    case 'providerOptions':
      return value;
    case 'requirements':
      return toRequirements(value);
  }
}

/** The seed's snake_case spellings of the requirement keys. */
const REQUIREMENT_SPELLINGS: Readonly<Record<string, string>> = { memory_gb: 'memoryGb', max_price_hourly: 'maxPriceHourly' };
const NUMERIC_REQUIREMENTS: ReadonlySet<string> = new Set(['vcpus', 'memoryGb', 'gpus', 'maxPriceHourly']);

/** `{vcpus: "2", memory_gb: 4}` → `{vcpus: 2, memoryGb: 4}`: files may quote numbers and use the snake_case names. */
function toRequirements(value: unknown): unknown {
  if (!isPlainObject(value)) return value;
  const requirements: Record<string, unknown> = {};
  for (const key in value) {
    const field = REQUIREMENT_SPELLINGS[key] ?? key;
    const item = value[key];
    requirements[field] = NUMERIC_REQUIREMENTS.has(field) && typeof item === 'string' && numberPattern.test(item) ? Number(item) : item;
  }
  return requirements;
}

const ATTRIBUTE_KINDS: Readonly<Record<string, 'String' | 'Numeric' | 'Boolean'>> = { string: 'String', numeric: 'Numeric', boolean: 'Boolean' };

function isNumericText(value: string): boolean {
  return numberPattern.test(value);
}

/** The kind a bare value stands for: numbers (and numeric text) are Numeric, booleans Boolean, the rest String. */
function kindOf(value: string | number | boolean): 'String' | 'Numeric' | 'Boolean' {
  if (typeof value === 'number') return 'Numeric';
  if (typeof value === 'boolean') return 'Boolean';
  return isNumericText(value) ? 'Numeric' : 'String';
}

function isScalar(value: unknown): value is string | number | boolean {
  return typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value)) || typeof value === 'boolean';
}

/**
 * One attribute in every form the Host Factory providers write — `["Numeric", "2"]`,
 * `["numeric", 2]`, `["4096"]` (Morgan Stanley), plain `2` or `"X86_64"` (IBM's
 * awsprov_templates.json) — as the contract's `[kind, value-string]`.
 */
function toAttribute(value: unknown): readonly [string, string] {
  if (isScalar(value)) return [kindOf(value), String(value)];
  if (!Array.isArray(value) || value.length === 0 || value.length > 2 || !value.every(isScalar)) {
    throw new InvalidValue('expected [kind, value], [value] or a plain value such as 2 or "X86_64"');
  }
  if (value.length === 1) return [kindOf(value[0] as string | number | boolean), String(value[0])];
  const [writtenKind, written] = value as [string | number | boolean, string | number | boolean];
  const kind = typeof writtenKind === 'string' ? ATTRIBUTE_KINDS[writtenKind.toLowerCase()] : undefined;
  if (kind === undefined) throw new InvalidValue(`the kind ${JSON.stringify(writtenKind)} is not String, Numeric or Boolean`);
  const text = String(written);
  if (kind === 'Numeric' && !isNumericText(text)) throw new InvalidValue(`${JSON.stringify(text)} is not a number, as the kind Numeric needs`);
  // Most attributes are written canonically: keep the array as read instead of copying it.
  return kind === writtenKind && typeof written === 'string' ? (value as [string, string]) : [kind, text];
}

/** `convert`, answered from the cache for list and tags strings seen before (failures are not cached, so each is reported). */
function convertShared(conversions: ConversionCache | undefined, kind: FieldKind, value: unknown): unknown {
  if (conversions === undefined || typeof value !== 'string' || (kind !== 'list' && kind !== 'tags')) return convert(kind, value);
  const cache = conversions[kind];
  let converted = cache.get(value);
  if (converted === undefined) {
    converted = convert(kind, value);
    cache.set(value, converted);
  }
  return converted;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The state of one record being read; one object per record keeps the hot path allocation-light. */
interface RecordReader {
  readonly file: string;
  readonly recordIndex: number;
  readonly templateId: string;
  readonly environment: Environment | undefined;
  readonly conversions: ConversionCache | undefined;
  readonly fields: Record<string, unknown>;
  rawValues: Map<string, unknown> | undefined;
  hasUnset: boolean;
  readonly problems: TemplateProblem[];
}

function report(reader: RecordReader, rule: 'unknown-env-variable' | 'invalid-value', field: string, message: string): void {
  reader.problems.push(createProblem(rule, message, { file: reader.file, templateId: reader.templateId, field, recordIndex: reader.recordIndex }));
}

function fieldPath(parentPath: string | undefined, key: string): string {
  return parentPath === undefined ? key : `${parentPath}.${key}`;
}

function writtenName(parentPath: string | undefined, parentSpelling: string, key: string): string {
  return parentPath === undefined ? parentSpelling : `${parentSpelling}.${key}`;
}

/**
 * Converts one written value and stores it under `key` of `container`. Its field path
 * (`parentPath.key`, or `key` at the top) and the name written in the file (`parentSpelling.key`,
 * or `parentSpelling` at the top) are only built when a problem or a raw value needs them:
 * building them for every value of 10,000 templates is garbage the loader would then collect.
 */
function setValue(
  reader: RecordReader,
  container: Record<string, unknown>,
  key: string,
  kind: FieldKind,
  writtenValue: unknown,
  parentPath: string | undefined,
  parentSpelling: string,
): void {
  if (writtenValue === null) {
    container[key] = null;
    reader.hasUnset = true;
    return;
  }
  let value: unknown = writtenValue;
  if (reader.environment !== undefined && mayReferenceEnvironment(writtenValue)) {
    const expansion = expandEnvironment(writtenValue, reader.environment);
    for (const name of expansion.missing) {
      report(reader, 'unknown-env-variable', fieldPath(parentPath, key), `"${writtenName(parentPath, parentSpelling, key)}" references \${${name}}, which is not set.`);
    }
    if (expansion.changed) {
      reader.rawValues ??= new Map();
      reader.rawValues.set(fieldPath(parentPath, key), writtenValue);
    }
    value = expansion.value;
  }
  try {
    container[key] = convertShared(reader.conversions, kind, value);
  } catch (error) {
    if (!(error instanceof InvalidValue)) throw error;
    report(reader, 'invalid-value', fieldPath(parentPath, key), `"${writtenName(parentPath, parentSpelling, key)}": ${error.message}`);
  }
}

function readKeyedField(reader: RecordReader, key: string, field: 'attributes' | 'providerOptions', value: unknown): void {
  if (value === null) {
    reader.fields[field] = null;
    reader.hasUnset = true;
    return;
  }
  if (!isPlainObject(value)) {
    report(reader, 'invalid-value', field, `"${key}" must be an object.`);
    return;
  }
  const container: Record<string, unknown> = {};
  reader.fields[field] = container;
  for (const name in value) {
    const child = value[name];
    if (field === 'attributes') {
      setValue(reader, container, name, 'attributes', child, 'attributes', key);
      continue;
    }
    const providerPath = `providerOptions.${name}`;
    if (child === null) {
      container[name] = null;
      reader.hasUnset = true;
    } else if (!isPlainObject(child)) {
      report(reader, 'invalid-value', providerPath, `"${key}.${name}" must be an object of options.`);
    } else if (name === 'aws') {
      readAwsOptions(reader, container, key, child);
    } else {
      const options: Record<string, unknown> = {};
      container[name] = options;
      for (const option in child) {
        setValue(reader, options, option, 'providerOptions', child[option], providerPath, `${key}.${name}`);
      }
    }
  }
}

/**
 * `providerOptions.aws` as the neutral template (spec v2) writes it: the AWS template fields
 * there (`fleetRole`, `subnetIds`, …, in any spelling) are the same fields as written flat,
 * so they are read into them and merge and trace as one field whichever way each file wrote
 * it. Written both ways in one record, the first one is used, as for two spellings. Other
 * keys stay AWS provider options.
 */
function readAwsOptions(reader: RecordReader, container: Record<string, unknown>, key: string, written: Record<string, unknown>): void {
  let options: Record<string, unknown> | undefined;
  for (const option in written) {
    const definition = fieldForKey(option);
    if (definition === undefined || !AWS_TEMPLATE_FIELD_NAMES.has(definition.field)) {
      options ??= container['aws'] = {};
      setValue(reader, options, option, 'providerOptions', written[option], 'providerOptions.aws', `${key}.aws`);
      continue;
    }
    if (Object.hasOwn(reader.fields, definition.field)) {
      reader.problems.push(
        createProblem('duplicate-field', `"${key}.aws.${option}" sets ${definition.field} again; the first one is used.`, {
          file: reader.file,
          templateId: reader.templateId,
          field: definition.field,
          recordIndex: reader.recordIndex,
        }),
      );
      continue;
    }
    setValue(reader, reader.fields, definition.field, definition.kind, written[option], undefined, `${key}.aws.${option}`);
  }
  // Only template fields were written: no AWS options are left, as when they are written flat.
  if (options === undefined && Object.keys(written).length === 0) container['aws'] = {};
}

/**
 * Reads one record in either format (Host Factory camelCase or the seed's snake_case) into
 * domain-shaped fields. Nothing is validated against the Template schema here: that happens
 * once on the merged result, so a bad value overridden by a higher-priority file is not an error.
 */
export function normalizeRecord(raw: unknown, context: NormalizeContext): { record?: NormalizedRecord; problems: TemplateProblem[] } {
  const { file, recordIndex, environment } = context;
  if (!isPlainObject(raw)) {
    return { problems: [createProblem('invalid-record', 'A template must be a JSON object.', { file, recordIndex })] };
  }
  const record = raw;

  let templateId: unknown;
  for (const spelling of TEMPLATE_ID_SPELLINGS) {
    if (record[spelling] !== undefined) {
      templateId = record[spelling];
      break;
    }
  }
  if (environment !== undefined && typeof templateId === 'string' && templateId.includes('${')) {
    templateId = expandEnvironment(templateId, environment).value;
  }
  if (typeof templateId !== 'string' || templateId.trim() === '') {
    return {
      problems: [
        createProblem('missing-template-id', 'The record has no "templateId" (or "template_id") string; it is ignored.', {
          file,
          recordIndex,
          field: 'templateId',
        }),
      ],
    };
  }

  const reader: RecordReader = {
    file,
    recordIndex,
    templateId,
    environment,
    conversions: context.conversions,
    fields: {},
    rawValues: undefined,
    hasUnset: false,
    problems: [],
  };
  const fields = reader.fields;
  for (const key in record) {
    const value = record[key];
    const definition = fieldForKey(key);
    if (definition === undefined) {
      reader.problems.push(createProblem('unknown-field', `Unknown field "${key}" is ignored.`, { file, templateId, field: key, recordIndex }));
      continue;
    }
    const field = definition.field;
    // JSON keys are unique, so a field seen twice was written under two spellings.
    if (Object.hasOwn(fields, field)) {
      reader.problems.push(
        createProblem('duplicate-field', `"${key}" sets ${field} again under another spelling; the first one is used.`, {
          file,
          templateId,
          field,
          recordIndex,
        }),
      );
      continue;
    }
    if (field === 'templateId') fields['templateId'] = templateId;
    else if (definition.kind === 'attributes' || definition.kind === 'providerOptions') readKeyedField(reader, key, definition.kind, value);
    else setValue(reader, fields, field, definition.kind, value, undefined, key);
  }

  const normalized: NormalizedRecord = {
    templateId,
    recordIndex,
    fields,
    rawValues: reader.rawValues,
    hasUnset: reader.hasUnset,
    problems: reader.problems,
  };
  return { record: normalized, problems: reader.problems };
}
