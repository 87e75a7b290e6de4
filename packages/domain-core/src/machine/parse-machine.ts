import { copyNullableTexts, copyOptionalTexts, copyPlainRecord, copyTextRecord, isPlainRecord } from '@ohf/provider-sdk';
import { CURRENCIES } from '../catalog/catalog-records.js';
import { MACHINE_ID_PATTERN } from '../shared/identifiers.js';
import { DEFAULT_ORGANIZATION_ID, ORGANIZATION_ID_MAX_LENGTH, ORGANIZATION_ID_PATTERN } from '../tenancy/organization.js';
import { MACHINE_STATES, MachineSchema, type Machine } from './machine.js';

const STATES: ReadonlySet<unknown> = new Set(MACHINE_STATES);
const KNOWN_CURRENCIES: ReadonlySet<unknown> = new Set(CURRENCIES);
const NULLABLE_TEXTS = ['privateIpAddress', 'publicIpAddress', 'hostName'] as const;
const OPTIONAL_TEXTS = ['priceType', 'instanceType', 'launchTime'] as const;

/**
 * Every field of `MachineSchema`, in its order: what the plain check below reads and writes.
 * When the schema gains a field this list does not name, the plain check is off (every machine
 * goes through the schema) until the check learns it; a test fails meanwhile.
 */
export const PLAINLY_CHECKED_MACHINE_FIELDS = [
  'machineId',
  'providerInstanceId',
  'requestId',
  'organizationId',
  'returnRequestId',
  'templateId',
  'providerType',
  'providerInstance',
  'providerApi',
  'state',
  'rawState',
  'privateIpAddress',
  'publicIpAddress',
  'hostName',
  'priceType',
  'instanceType',
  'launchTime',
  'planId',
  'priceHourly',
  'currency',
  'tags',
  'message',
  'providerMetadata',
  'createdAt',
  'updatedAt',
  'version',
] as const;

const KNOWN_FIELDS: ReadonlySet<string> = new Set(Object.keys(MachineSchema.shape));
const PLAIN_CHECK_COVERS_SCHEMA =
  KNOWN_FIELDS.size === PLAINLY_CHECKED_MACHINE_FIELDS.length && PLAINLY_CHECKED_MACHINE_FIELDS.every((field, index) => Object.keys(MachineSchema.shape)[index] === field);

/**
 * `MachineSchema.safeParse`, the same result for every input, at a fraction of the cost for a
 * machine already in shape: storage reads every machine of a request back through the schema,
 * and a status poll of 10,000 machines spent about 100 ms of CPU there. A machine with anything
 * the plain check does not expect (a field of the wrong type, a field the schema strips, a key
 * holding `undefined`, a key named `__proto__`) goes to the schema itself, which gives its
 * result or its issues.
 */
export function safeParseMachine(value: unknown): ReturnType<typeof MachineSchema.safeParse> {
  const parsed = PLAIN_CHECK_COVERS_SCHEMA ? inShape(value) : undefined;
  return parsed === undefined ? MachineSchema.safeParse(value) : { success: true, data: parsed };
}

/** The parsed machine when `value` passes the plain check, else undefined. */
function inShape(value: unknown): Machine | undefined {
  if (!isPlainRecord(value)) return undefined;
  for (const key in value) if (!KNOWN_FIELDS.has(key) || value[key] === undefined) return undefined;
  const { machineId, providerInstanceId, requestId, organizationId, returnRequestId, templateId, providerType, providerInstance, providerApi, state, rawState } = value;
  if (typeof machineId !== 'string' || !MACHINE_ID_PATTERN.test(machineId)) return undefined;
  if (typeof providerInstanceId !== 'string' || providerInstanceId.length === 0 || typeof requestId !== 'string') return undefined;
  // Built field by field in the schema's order, as the schema builds its output.
  const parsed: Record<string, unknown> = { machineId, providerInstanceId, requestId };
  if (organizationId === undefined) parsed['organizationId'] = DEFAULT_ORGANIZATION_ID;
  else if (typeof organizationId === 'string' && organizationId.length <= ORGANIZATION_ID_MAX_LENGTH && ORGANIZATION_ID_PATTERN.test(organizationId)) parsed['organizationId'] = organizationId;
  else return undefined;
  if (returnRequestId !== undefined) {
    if (typeof returnRequestId !== 'string') return undefined;
    parsed['returnRequestId'] = returnRequestId;
  }
  if (typeof templateId !== 'string' || typeof providerType !== 'string' || typeof providerInstance !== 'string') return undefined;
  parsed['templateId'] = templateId;
  parsed['providerType'] = providerType;
  parsed['providerInstance'] = providerInstance;
  if (providerApi !== undefined) {
    if (typeof providerApi !== 'string') return undefined;
    parsed['providerApi'] = providerApi;
  }
  if (!STATES.has(state) || typeof rawState !== 'string') return undefined;
  parsed['state'] = state;
  parsed['rawState'] = rawState;
  if (!copyNullableTexts(value, NULLABLE_TEXTS, parsed) || !copyOptionalTexts(value, OPTIONAL_TEXTS, parsed)) return undefined;
  return withTheRest(value, parsed);
}

/** From `planId` on: the launch cost, tags, message, metadata, dates and version. */
function withTheRest(value: Record<string, unknown>, parsed: Record<string, unknown>): Machine | undefined {
  const { planId, priceHourly, currency, tags, message, providerMetadata, createdAt, updatedAt, version } = value;
  if (planId !== undefined) {
    if (typeof planId !== 'string' || planId.length === 0) return undefined;
    parsed['planId'] = planId;
  }
  if (priceHourly !== undefined) {
    if (typeof priceHourly !== 'number' || !Number.isFinite(priceHourly) || priceHourly < 0) return undefined;
    parsed['priceHourly'] = priceHourly;
  }
  if (currency !== undefined) {
    if (!KNOWN_CURRENCIES.has(currency)) return undefined;
    parsed['currency'] = currency;
  }
  const tagsCopy = tags === undefined ? {} : copyTextRecord(tags);
  if (tagsCopy === undefined) return undefined;
  parsed['tags'] = tagsCopy;
  if (message !== undefined && typeof message !== 'string') return undefined;
  parsed['message'] = message ?? '';
  if (providerMetadata !== undefined) {
    const metadataCopy = copyPlainRecord(providerMetadata);
    if (metadataCopy === undefined) return undefined;
    parsed['providerMetadata'] = metadataCopy;
  }
  if (typeof createdAt !== 'string' || typeof updatedAt !== 'string') return undefined;
  parsed['createdAt'] = createdAt;
  parsed['updatedAt'] = updatedAt;
  if (version !== undefined && !(typeof version === 'number' && Number.isSafeInteger(version) && version >= 0)) return undefined;
  parsed['version'] = version ?? 0;
  return parsed as Machine;
}
