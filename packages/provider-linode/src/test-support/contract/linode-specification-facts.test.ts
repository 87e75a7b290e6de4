import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LINODE_INSTANCE_STATUSES } from '../../linode-api-schemas/linode-instance-schema.js';
import { buildLinodeLabel, isValidLinodeLabel, LINODE_LABEL_MAX_LENGTH, LINODE_LABEL_MIN_LENGTH, LINODE_LABEL_PATTERN } from '../../linode-label.js';
import { LINODE_STATE_MAP } from '../../linode-state-map.js';
import { requireLinodeSpecification } from './linode-specification.js';

/** The constants this provider copies from Linode's OpenAPI document still match it. */

interface Schema {
  readonly properties?: Record<string, Schema>;
  readonly allOf?: readonly Schema[];
  readonly items?: Schema;
  readonly enum?: readonly string[];
  readonly pattern?: string;
  readonly minLength?: number;
  readonly maxLength?: number;
}
interface Specification {
  readonly paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: Schema }> }; responses: Record<string, { content?: Record<string, { schema: Schema }> }> }>>;
}

const specification = JSON.parse(readFileSync(requireLinodeSpecification(), 'utf8')) as Specification;
const instances = specification.paths['/{apiVersion}/linode/instances'];

function property(schema: Schema, name: string): Schema | undefined {
  if (schema.properties?.[name]) return schema.properties[name];
  for (const part of schema.allOf ?? []) {
    const found = property(part, name);
    if (found) return found;
  }
  return undefined;
}

describe('Linode OpenAPI facts', () => {
  const createBody = instances?.['post']?.requestBody?.content['application/json']?.schema as Schema;
  const listedInstance = instances?.['get']?.responses['200']?.content?.['application/json']?.schema.properties?.['data']?.items as Schema;

  it('the label pattern and length are the ones this provider builds labels for', () => {
    const label = property(createBody, 'label');
    expect(label?.pattern).toBe(LINODE_LABEL_PATTERN.source);
    expect([label?.minLength, label?.maxLength]).toEqual([LINODE_LABEL_MIN_LENGTH, LINODE_LABEL_MAX_LENGTH]);
    const specPattern = new RegExp(label?.pattern ?? '^$');
    for (const templateId of ['web', '__x__', '9lives', 'a'.repeat(90), 'dots...and--dashes']) {
      const built = buildLinodeLabel({ templateId, requestId: 'req-00000000-0000', suffix: 'abc123' });
      expect(specPattern.test(built) && isValidLinodeLabel(built), built).toBe(true);
    }
  });

  it('the instance status enum is exactly the state map’s keys', () => {
    const status = property(listedInstance, 'status');
    expect([...(status?.enum ?? [])].sort()).toEqual([...LINODE_INSTANCE_STATUSES].sort());
    expect(Object.keys(LINODE_STATE_MAP).sort()).toEqual([...(status?.enum ?? [])].sort());
  });

  it('tags are 3 to 50 characters', () => {
    const tagLabel = specification.paths['/{apiVersion}/tags']?.['post']?.requestBody?.content['application/json']?.schema.properties?.['label'];
    expect([tagLabel?.minLength, tagLabel?.maxLength]).toEqual([3, 50]);
  });
});
