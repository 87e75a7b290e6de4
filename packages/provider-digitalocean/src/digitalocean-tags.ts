import { OHF_TAG_KEYS, decodeStringTags, encodeStringTags } from '@ohf/provider-sdk';

/** DigitalOcean tag names: letters, digits, `_`, `-` and `:`, at most 255 characters. */
export const DIGITALOCEAN_TAG_RULES = Object.freeze({ maxLength: 255, pattern: /^[a-zA-Z0-9_\-:]+$/ });

/** Key/value tags as DigitalOcean tag names (lossless for the OHF keys). */
export function encodeDigitalOceanTags(tags: Readonly<Record<string, string>>): string[] {
  return encodeStringTags(tags, DIGITALOCEAN_TAG_RULES);
}

/** Tag names back to key/value tags. */
export function decodeDigitalOceanTags(tags: readonly string[]): Record<string, string> {
  return decodeStringTags(tags);
}

/**
 * The tag name every droplet of a request carries, e.g. `ohf-req:req-…`: list with it
 * (`GET /v2/droplets?tag_name=`) or delete with it (`terminateByTag`).
 */
export function digitalOceanRequestTag(requestId: string): string {
  const [tag] = encodeDigitalOceanTags({ [OHF_TAG_KEYS.requestId]: requestId });
  if (tag === undefined) throw new RangeError('A request id is needed to build its tag');
  return tag;
}

/** Whether a droplet's tags include every wanted tag (DigitalOcean compares tag names case-insensitively). */
export function hasAllTags(dropletTags: readonly string[] | null | undefined, wanted: readonly string[]): boolean {
  const present = new Set((dropletTags ?? []).map((tag) => tag.toLowerCase()));
  return wanted.every((tag) => present.has(tag.toLowerCase()));
}
