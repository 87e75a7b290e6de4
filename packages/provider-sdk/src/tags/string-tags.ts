import { OHF_TAG_KEYS } from './ohf-tag-keys.js';

/** Limits of a cloud whose tags are plain strings. */
export interface StringTagRules {
  /** Longest tag the cloud accepts (Linode: 50, DigitalOcean: 255). Default 255. */
  readonly maxLength?: number;
  /** Shortest tag the cloud accepts (Linode: 3). Shorter tags are padded with '_'. Default 1. */
  readonly minLength?: number;
  /** Whole-tag pattern the cloud enforces (DigitalOcean: /^[a-zA-Z0-9_\-:]+$/); characters outside it are replaced. */
  readonly pattern?: RegExp;
}

const DEFAULT_MAX_LENGTH = 255;
const SEPARATOR = ':';
const REPLACEMENT = '_';

// Short aliases keep the OHF tags within Linode's 50 characters: 'ohf-req:req-<uuid>' is 48.
const ALIAS_BY_KEY: Readonly<Record<string, string>> = {
  [OHF_TAG_KEYS.requestId]: 'ohf-req',
  [OHF_TAG_KEYS.templateId]: 'ohf-tpl',
  [OHF_TAG_KEYS.providerInstance]: 'ohf-pi',
};
const KEY_BY_ALIAS: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(ALIAS_BY_KEY).map(([key, alias]) => [alias, key]),
);
// alias, 'x' when the value is hex-encoded, '.<n>' when the value is split over several tags.
const ENCODED_OHF_TAG = /^(ohf-req|ohf-tpl|ohf-pi)(x)?(?:\.(\d+))?:(.*)$/;

/**
 * Turns key/value tags into plain string tags. The OHF keys (`OHF_TAG_KEYS`) survive
 * `decodeStringTags` exactly, whatever the limits: their values are hex-encoded when the
 * pattern forbids a character and split over numbered tags when too long. Other tags are
 * best effort: `key:value`, forbidden characters replaced with '_', truncated to `maxLength`.
 */
export function encodeStringTags(tags: Readonly<Record<string, string>>, rules: StringTagRules = {}): string[] {
  const maxLength = rules.maxLength ?? DEFAULT_MAX_LENGTH;
  const minLength = rules.minLength ?? 1;
  const isAllowed = characterTest(rules.pattern);
  const encoded: string[] = [];
  for (const [key, value] of Object.entries(tags)) {
    const alias = ALIAS_BY_KEY[key];
    if (alias !== undefined) {
      encoded.push(...encodeOhfTag(alias, value, maxLength, isAllowed));
      continue;
    }
    let tag = sanitize(value === '' ? key : `${key}${SEPARATOR}${value}`, isAllowed).slice(0, maxLength);
    if (tag.length < minLength) tag = tag.padEnd(minLength, REPLACEMENT);
    if (!encoded.includes(tag)) encoded.push(tag);
  }
  return encoded;
}

/** Reads tags written by `encodeStringTags` (and plain `key:value` or bare tags from elsewhere). */
export function decodeStringTags(tags: readonly string[]): Record<string, string> {
  const decoded: Record<string, string> = {};
  const ohfParts = new Map<string, { hex: boolean; parts: Map<number, string> }>();
  for (const tag of tags) {
    const match = ENCODED_OHF_TAG.exec(tag);
    if (match) {
      const [, alias = '', hexFlag, index, part = ''] = match;
      const key = KEY_BY_ALIAS[alias] ?? alias;
      const entry = ohfParts.get(key) ?? { hex: hexFlag === 'x', parts: new Map<number, string>() };
      entry.parts.set(index === undefined ? 0 : Number(index), part);
      ohfParts.set(key, entry);
      continue;
    }
    const separatorAt = tag.indexOf(SEPARATOR);
    if (separatorAt === -1) decoded[tag] = '';
    else decoded[tag.slice(0, separatorAt)] = tag.slice(separatorAt + 1);
  }
  for (const [key, { hex, parts }] of ohfParts) {
    const joined = [...parts.entries()]
      .sort(([left], [right]) => left - right)
      .map(([, part]) => part)
      .join('');
    decoded[key] = hex ? Buffer.from(joined, 'hex').toString('utf8') : joined;
  }
  return decoded;
}

function encodeOhfTag(alias: string, value: string, maxLength: number, isAllowed: (character: string) => boolean): string[] {
  const needsHex = [...value].some((character) => !isAllowed(character));
  const body = needsHex ? Buffer.from(value, 'utf8').toString('hex') : value;
  const prefix = `${alias}${needsHex ? 'x' : ''}`;
  if (prefix.length + SEPARATOR.length + body.length <= maxLength) return [`${prefix}${SEPARATOR}${body}`];
  const parts: string[] = [];
  // Leaves room for a two-digit part index.
  const room = maxLength - (prefix.length + '.99'.length + SEPARATOR.length);
  if (room < 1) throw new RangeError(`Tag limit ${maxLength} is too small for the ${alias} tag`);
  for (let offset = 0, index = 0; offset < body.length; offset += room, index += 1) {
    parts.push(`${prefix}.${index}${SEPARATOR}${body.slice(offset, offset + room)}`);
  }
  return parts;
}

function characterTest(pattern: RegExp | undefined): (character: string) => boolean {
  if (!pattern) return () => true;
  // A copy without the global/sticky flags: `test` on those keeps state between calls.
  const probe = new RegExp(pattern.source, pattern.flags.replace(/[gy]/g, ''));
  return (character) => probe.test(character);
}

function sanitize(text: string, isAllowed: (character: string) => boolean): string {
  return [...text].map((character) => (isAllowed(character) ? character : REPLACEMENT)).join('');
}
