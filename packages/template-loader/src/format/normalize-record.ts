import { parseInstanceTags } from '@ohf/domain-core';
import { z } from 'zod';
import { createProblem, type TemplateProblem } from '../validation/template-problem.js';
import { expandEnvironment, mayReferenceEnvironment, type Environment } from './expand-environment.js';
import { fieldForKey, TEMPLATE_ID_SPELLINGS, type FieldKind } from './template-fields.js';

/**
 * One template record of one file, in domain terms. `entries` maps merge paths (`maxNumber`,
 * `attributes.ncpus`, `providerOptions.linode.region`) to values; `null` unsets what a
 * lower-priority file gave that path (and, for `attributes`/`providerOptions`, everything under it).
 */
export interface NormalizedRecord {
  readonly templateId: string;
  readonly recordIndex: number;
  readonly entries: ReadonlyMap<string, unknown>;
  /** The value as written, for paths where `${ENV}` expansion changed it; kept so rewrites preserve references. */
  readonly rawValues: ReadonlyMap<string, unknown> | undefined;
  readonly problems: readonly TemplateProblem[];
}

export interface NormalizeContext {
  readonly file: string;
  readonly recordIndex: number;
  /** When absent, `${…}` stays as written (input from API callers must not read the server's environment). */
  readonly environment?: Environment | undefined;
}

export const RawTemplateRecordSchema = z.record(z.string(), z.unknown());

const integerPattern = /^\s*-?\d+\s*$/;
const numberPattern = /^\s*-?\d+(\.\d+)?\s*$/;

class InvalidValue extends Error {}

function splitList(text: string): string[] {
  return text
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '');
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
      if (Array.isArray(value)) return value.map((item) => (typeof item === 'string' ? item.trim() : item));
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
      if (typeof value === 'object' && value !== null) {
        const weights: Record<string, unknown> = {};
        for (const [name, weight] of Object.entries(value)) weights[name] = toWeight(weight);
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
      // One attribute: ["Numeric", "2"]; numbers are accepted and written as the strings Host Factory expects.
      if (Array.isArray(value) && value.length === 2 && (typeof value[1] === 'number' || typeof value[1] === 'boolean')) {
        return [value[0], String(value[1])];
      }
      return value;
    case 'providerOptions':
      return value;
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Reads one record in either format (Host Factory camelCase or the seed's snake_case) into
 * merge entries. Nothing is validated against the Template schema here: that happens once on
 * the merged result, so a bad value overridden by a higher-priority file is not an error.
 */
export function normalizeRecord(raw: unknown, context: NormalizeContext): { record?: NormalizedRecord; problems: TemplateProblem[] } {
  const { file, recordIndex, environment } = context;
  const problems: TemplateProblem[] = [];
  const parsed = RawTemplateRecordSchema.safeParse(raw);
  if (!parsed.success || Array.isArray(raw)) {
    problems.push(createProblem('invalid-record', 'A template must be a JSON object.', { file, recordIndex }));
    return { problems };
  }
  const record = parsed.data;

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
    problems.push(
      createProblem('missing-template-id', 'The record has no "templateId" (or "template_id") string; it is ignored.', {
        file,
        recordIndex,
        field: 'templateId',
      }),
    );
    return { problems };
  }

  const entries = new Map<string, unknown>();
  let rawValues: Map<string, unknown> | undefined;
  const seenFields = new Map<string, string>();
  const location = (field: string) => ({ file, templateId, field, recordIndex });

  const setEntry = (path: string, kind: FieldKind, writtenValue: unknown, spelling: string): void => {
    if (writtenValue === null) {
      entries.set(path, null);
      return;
    }
    let value: unknown = writtenValue;
    if (environment !== undefined && mayReferenceEnvironment(writtenValue)) {
      const expansion = expandEnvironment(writtenValue, environment);
      for (const name of expansion.missing) {
        problems.push(
          createProblem('unknown-env-variable', `"${spelling}" references \${${name}}, which is not set.`, location(path)),
        );
      }
      if (expansion.changed) {
        rawValues ??= new Map();
        rawValues.set(path, writtenValue);
      }
      value = expansion.value;
    }
    try {
      entries.set(path, convert(kind, value));
    } catch (error) {
      if (!(error instanceof InvalidValue)) throw error;
      problems.push(createProblem('invalid-value', `"${spelling}": ${error.message}`, location(path)));
    }
  };

  for (const key of Object.keys(record)) {
    const value = record[key];
    const definition = fieldForKey(key);
    if (definition === undefined) {
      problems.push(createProblem('unknown-field', `Unknown field "${key}" is ignored.`, location(key)));
      continue;
    }
    const field = definition.field;
    const earlier = seenFields.get(field);
    if (earlier !== undefined) {
      problems.push(
        createProblem('duplicate-field', `"${key}" and "${earlier}" both set ${field}; "${earlier}" is used.`, location(field)),
      );
      continue;
    }
    seenFields.set(field, key);
    if (field === 'templateId') {
      entries.set('templateId', templateId);
      continue;
    }

    if (definition.kind === 'attributes' || definition.kind === 'providerOptions') {
      if (value === null) {
        entries.set(field, null);
        continue;
      }
      if (!isPlainObject(value)) {
        problems.push(createProblem('invalid-value', `"${key}" must be an object.`, location(field)));
        continue;
      }
      for (const [name, child] of Object.entries(value)) {
        if (definition.kind === 'attributes') {
          setEntry(`attributes.${name}`, 'attributes', child, `${key}.${name}`);
          continue;
        }
        const providerPath = `providerOptions.${name}`;
        if (child === null) {
          entries.set(providerPath, null);
        } else if (!isPlainObject(child)) {
          problems.push(createProblem('invalid-value', `"${key}.${name}" must be an object of options.`, location(providerPath)));
        } else {
          for (const [option, optionValue] of Object.entries(child)) {
            setEntry(`${providerPath}.${option}`, 'providerOptions', optionValue, `${key}.${name}.${option}`);
          }
        }
      }
      continue;
    }
    setEntry(field, definition.kind, value, key);
  }

  return { record: { templateId, recordIndex, entries, rawValues, problems }, problems };
}
