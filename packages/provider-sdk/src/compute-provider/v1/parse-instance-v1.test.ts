import { describe, expect, it, vi } from 'vitest';
import { InstanceV1Schema } from './compute-provider-v1.js';
import { parseInstanceV1 } from './parse-instance-v1.js';

const described = {
  id: 'i-0abc0000000000001',
  state: 'running',
  rawState: 'running',
  name: null,
  hostName: 'ip-10-0-0-4.ec2.internal',
  privateIpAddress: '10.0.0.4',
  publicIpAddress: null,
  instanceType: 't3.medium',
  location: 'us-east-1a',
  launchTime: '2026-01-01T00:00:00.000Z',
  lifecycle: 'ondemand',
  tags: { 'ohf:request-id': 'req-1', Name: 'worker' },
  providerMetadata: { subnetId: 'subnet-1', nested: { kept: [1, 2] } },
};

/** Inputs in shape and out of it: each must come out of both exactly alike, or fail in both alike. */
const inputs: Record<string, unknown> = {
  'a full instance': described,
  'only the required fields': { id: 'i-1', state: 'pending', rawState: 'pending' },
  'fields in another order': Object.fromEntries(Object.entries(described).reverse()),
  'a spot instance without tags': { ...described, lifecycle: 'spot', tags: undefined },
  'a field the schema strips': { ...described, extra: 'dropped' },
  'an optional field holding undefined': { ...described, location: undefined },
  'a nullable field holding undefined': { ...described, name: undefined },
  'no prototype': Object.assign(Object.create(null) as object, described),
  'a tag named __proto__': { ...described, tags: JSON.parse('{"__proto__": "x", "a": "b"}') as unknown },
  'metadata named __proto__': { ...described, providerMetadata: JSON.parse('{"__proto__": {"x": 1}}') as unknown },
  'an empty id': { ...described, id: '' },
  'an unknown state': { ...described, state: 'exploded' },
  'a numeric raw state': { ...described, rawState: 16 },
  'a numeric address': { ...described, privateIpAddress: 10 },
  'a tag that is no text': { ...described, tags: { size: 3 } },
  'tags as an array': { ...described, tags: [['a', 'b']] },
  'metadata as an array': { ...described, providerMetadata: ['x'] },
  'a date for a launch time': { ...described, launchTime: new Date(0) },
  'another lifecycle': { ...described, lifecycle: 'reserved' },
  'a class instance': new (class Instance {
    id = 'i-1';
    state = 'running';
    rawState = 'running';
  })(),
  'an array': [described],
  'null': null,
  'a text': 'i-1',
};

function outcome(parse: (value: unknown) => unknown, value: unknown): unknown {
  try {
    const parsed = parse(value);
    // JSON text compares key order too, where objects are rebuilt.
    return { parsed, text: JSON.stringify(parsed), keys: Object.keys(parsed as object) };
  } catch (error) {
    return { error: (error as { issues?: unknown }).issues ?? String(error) };
  }
}

describe('parseInstanceV1', () => {
  it.each(Object.keys(inputs))('gives what InstanceV1Schema.parse gives for %s', (name) => {
    const value = inputs[name];
    expect(outcome(parseInstanceV1, value)).toEqual(outcome((input) => InstanceV1Schema.parse(input), value));
  });

  it('checks an instance in shape without the schema, and gives fresh tags and metadata', () => {
    const parse = vi.spyOn(InstanceV1Schema, 'parse');
    try {
      const parsed = parseInstanceV1(described);
      expect(parse).not.toHaveBeenCalled();
      expect(parsed.tags).not.toBe(described.tags);
      expect(parsed.providerMetadata).not.toBe(described.providerMetadata);
      parseInstanceV1({ ...described, extra: 'dropped' });
      expect(parse).toHaveBeenCalledTimes(1);
    } finally {
      parse.mockRestore();
    }
  });
});
