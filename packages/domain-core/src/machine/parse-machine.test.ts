import { describe, expect, it, vi } from 'vitest';
import { MachineSchema } from './machine.js';
import { PLAINLY_CHECKED_MACHINE_FIELDS, safeParseMachine } from './parse-machine.js';

/** A machine as storage holds it (JSON text of a saved machine). */
const stored = {
  machineId: 'm-5ea405fa-20dc-4fdf-bedc-5b59943fd953',
  providerInstanceId: 'i-0abc0000000000000',
  requestId: 'req-3d1b2830-ccfa-46aa-a02f-c7ace1ff1450',
  organizationId: 'default',
  templateId: 'workers',
  providerType: 'aws',
  providerInstance: 'aws-us-east-1',
  providerApi: 'RunInstances',
  state: 'running',
  rawState: 'running',
  privateIpAddress: '10.0.0.4',
  publicIpAddress: null,
  hostName: 'ip-10-0-0-4.ec2.internal',
  priceType: 'ondemand',
  instanceType: 't3.medium',
  launchTime: '2026-01-01T00:00:00.000Z',
  tags: { 'ohf:request-id': 'req-3d1b2830-ccfa-46aa-a02f-c7ace1ff1450', 'ohf:template-id': 'workers' },
  message: '',
  providerMetadata: { subnetId: 'subnet-1', nested: { kept: [1, 2] } },
  createdAt: '2026-12-07T03:34:59.209Z',
  updatedAt: '2026-12-07T03:34:59.209Z',
  version: 0,
};
const priced = { ...stored, planId: 'g6-standard-2', priceHourly: 0.036, currency: 'USD', returnRequestId: 'ret-1' };
const required = {
  machineId: stored.machineId,
  providerInstanceId: stored.providerInstanceId,
  requestId: stored.requestId,
  templateId: 'workers',
  providerType: 'linode',
  providerInstance: 'linode-1',
  state: 'pending',
  rawState: 'provisioning',
  createdAt: stored.createdAt,
  updatedAt: stored.updatedAt,
};

/** Inputs in shape and out of it: each must come out of both exactly alike, or fail in both alike. */
const inputs: Record<string, unknown> = {
  'a stored machine': stored,
  'a priced machine of a return request': priced,
  'only the required fields (defaults filled in)': required,
  'fields in another order': Object.fromEntries(Object.entries(priced).reverse()),
  'the same machine read back from JSON': JSON.parse(JSON.stringify(priced)) as unknown,
  'no prototype': Object.assign(Object.create(null) as object, stored),
  'a field the schema strips': { ...stored, extra: 'dropped' },
  'an optional field holding undefined': { ...stored, providerApi: undefined },
  'a defaulted field holding undefined': { ...stored, message: undefined },
  'a nullable field holding undefined': { ...stored, hostName: undefined },
  'a machine id that is no uuid': { ...stored, machineId: 'm-1' },
  'an empty provider instance id': { ...stored, providerInstanceId: '' },
  'a numeric request id': { ...stored, requestId: 7 },
  'an organization id in capitals': { ...stored, organizationId: 'Default' },
  'an organization id of 64 characters': { ...stored, organizationId: 'a'.repeat(64) },
  'an organization id of 63 characters': { ...stored, organizationId: 'a'.repeat(63) },
  'an unknown state': { ...stored, state: 'exploded' },
  'a numeric raw state': { ...stored, rawState: 16 },
  'a numeric address': { ...stored, privateIpAddress: 10 },
  'an empty plan id': { ...priced, planId: '' },
  'a negative price': { ...priced, priceHourly: -1 },
  'an infinite price': { ...priced, priceHourly: Number.POSITIVE_INFINITY },
  'a price as text': { ...priced, priceHourly: '0.036' },
  'another currency': { ...priced, currency: 'EUR' },
  'a tag that is no text': { ...stored, tags: { size: 3 } },
  'tags as an array': { ...stored, tags: [['a', 'b']] },
  'a tag named __proto__': { ...stored, tags: JSON.parse('{"__proto__": "x", "a": "b"}') as unknown },
  'metadata named __proto__': { ...stored, providerMetadata: JSON.parse('{"__proto__": {"x": 1}}') as unknown },
  'metadata as an array': { ...stored, providerMetadata: ['x'] },
  'a numeric message': { ...stored, message: 3 },
  'a date for a creation time': { ...stored, createdAt: new Date(0) },
  'a fractional version': { ...stored, version: 1.5 },
  'a negative version': { ...stored, version: -1 },
  'a version past the safe integers': { ...stored, version: 2 ** 53 },
  'a class instance': new (class StoredMachine {
    machineId = stored.machineId;
  })(),
  'an array': [stored],
  'null': null,
  'a text': 'm-1',
};

describe('safeParseMachine', () => {
  it.each(Object.keys(inputs))('gives what MachineSchema.safeParse gives for %s', (name) => {
    const value = inputs[name];
    const fast = safeParseMachine(value);
    const schema = MachineSchema.safeParse(value);
    expect(fast.success).toBe(schema.success);
    if (fast.success && schema.success) {
      expect(fast.data).toEqual(schema.data);
      // JSON text compares key order too, where objects are rebuilt.
      expect(JSON.stringify(fast.data)).toBe(JSON.stringify(schema.data));
    } else {
      expect(fast.error?.issues).toEqual(schema.error?.issues);
    }
  });

  it('checks a machine in shape without the schema, and gives fresh tags and metadata', () => {
    const parse = vi.spyOn(MachineSchema, 'safeParse');
    try {
      const parsed = safeParseMachine(stored);
      expect(parse).not.toHaveBeenCalled();
      expect(parsed.data?.tags).not.toBe(stored.tags);
      expect(parsed.data?.providerMetadata).not.toBe(stored.providerMetadata);
      safeParseMachine({ ...stored, extra: 'dropped' });
      expect(parse).toHaveBeenCalledTimes(1);
    } finally {
      parse.mockRestore();
    }
  });

  it('names every field of MachineSchema, in its order: a field added to the schema needs the plain check to learn it', () => {
    expect(Object.keys(MachineSchema.shape)).toEqual([...PLAINLY_CHECKED_MACHINE_FIELDS]);
  });
});
