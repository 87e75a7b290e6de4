import { createHash } from 'node:crypto';

export interface AwsTag {
  Key: string;
  Value: string;
}

/** AWS allows 50 tags per resource; keys up to 128 characters, values up to 256. */
const MAX_TAGS = 50;

/**
 * The tags of every resource created for a request: the template's `instanceTags` first,
 * then the request's tags (request id, template id, provider instance), which win on a clash
 * because reconciliation depends on them.
 */
export function resourceTags(
  requestTags: Readonly<Record<string, string>>,
  instanceTags: Readonly<Record<string, string>> = {},
): AwsTag[] {
  const merged = new Map<string, string>();
  for (const [key, value] of Object.entries(instanceTags)) {
    // The aws: prefix is reserved: AWS rejects the whole call if such a tag is set.
    if (!key.toLowerCase().startsWith('aws:')) merged.set(key, value);
  }
  for (const [key, value] of Object.entries(requestTags)) merged.set(key, value);
  return [...merged]
    .slice(-MAX_TAGS)
    .map(([key, value]) => ({ Key: key.slice(0, 128), Value: value.slice(0, 256) }));
}

export function tagSpecifications<const ResourceType extends string>(
  resourceTypes: readonly ResourceType[],
  tags: readonly AwsTag[],
): Array<{ ResourceType: ResourceType; Tags: AwsTag[] }> {
  if (tags.length === 0) return [];
  return resourceTypes.map((resourceType) => ({ ResourceType: resourceType, Tags: tags.map((tag) => ({ ...tag })) }));
}

export function tagsToRecord(tags: ReadonlyArray<{ Key?: string | undefined; Value?: string | undefined }> | undefined): Record<string, string> {
  const record: Record<string, string> = {};
  for (const tag of tags ?? []) if (tag.Key !== undefined) record[tag.Key] = tag.Value ?? '';
  return record;
}

const CLIENT_TOKEN_MAX_LENGTH = 64;

/**
 * The idempotency token of one create call. The same request, try and batch always give the
 * same token, so a call the SDK or we retry is answered with the first call's result instead
 * of creating machines twice; a new try of the request gets a new token on purpose.
 */
export function clientToken(requestKey: string, attempt: number, ...parts: ReadonlyArray<string | number>): string {
  const token = [requestKey, `a${attempt}`, ...parts].join('-');
  if (token.length <= CLIENT_TOKEN_MAX_LENGTH && /^[\x21-\x7e]+$/.test(token)) return token;
  return `ohf-${createHash('sha256').update(token).digest('hex').slice(0, CLIENT_TOKEN_MAX_LENGTH - 4)}`;
}
