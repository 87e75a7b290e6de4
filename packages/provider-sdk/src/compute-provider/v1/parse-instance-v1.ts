import { INSTANCE_STATES_V1, type InstanceStateV1 } from './instance-state-v1.js';
import { InstanceV1Schema, type InstanceV1 } from './compute-provider-v1.js';
import { copyNullableTexts, copyOptionalTexts, copyPlainRecord, copyTextRecord, isPlainRecord } from '../../parsing/plain-record.js';

const STATES: ReadonlySet<string> = new Set<InstanceStateV1>(INSTANCE_STATES_V1);
const NULLABLE_TEXTS = ['name', 'hostName', 'privateIpAddress', 'publicIpAddress'] as const;
const OPTIONAL_TEXTS = ['instanceType', 'location', 'launchTime'] as const;
const KNOWN_FIELDS: ReadonlySet<string> = new Set(Object.keys(InstanceV1Schema.shape));

/**
 * `InstanceV1Schema.parse`, the same result for every input, at a fraction of the cost for an
 * instance already in shape: a status poll checks every instance a provider describes, thousands
 * at a time. An instance with anything the plain check does not expect (a field of the wrong
 * type, a field the schema strips, a key holding `undefined`, a key named `__proto__`, which
 * an assignment would not copy as it is) goes to the schema itself, which gives its result or
 * its error.
 */
export function parseInstanceV1(value: unknown): InstanceV1 {
  return inShape(value) ?? InstanceV1Schema.parse(value);
}

/** The parsed instance when `value` passes the plain check, else undefined. */
function inShape(value: unknown): InstanceV1 | undefined {
  if (!isPlainRecord(value)) return undefined;
  for (const key in value) if (!KNOWN_FIELDS.has(key) || value[key] === undefined) return undefined;
  const { id, state, rawState, lifecycle, tags, providerMetadata } = value;
  if (typeof id !== 'string' || id.length === 0 || typeof state !== 'string' || !STATES.has(state) || typeof rawState !== 'string') return undefined;
  // Built field by field in the schema's order, as the schema builds its output.
  const parsed: Record<string, unknown> = { id, state, rawState };
  if (!copyNullableTexts(value, NULLABLE_TEXTS, parsed) || !copyOptionalTexts(value, OPTIONAL_TEXTS, parsed)) return undefined;
  if (lifecycle !== undefined) {
    if (lifecycle !== 'ondemand' && lifecycle !== 'spot') return undefined;
    parsed['lifecycle'] = lifecycle;
  }
  if (tags === undefined) {
    parsed['tags'] = {};
  } else {
    const copy = copyTextRecord(tags);
    if (copy === undefined) return undefined;
    parsed['tags'] = copy;
  }
  if (providerMetadata !== undefined) {
    const copy = copyPlainRecord(providerMetadata);
    if (copy === undefined) return undefined;
    parsed['providerMetadata'] = copy;
  }
  return parsed as InstanceV1;
}
