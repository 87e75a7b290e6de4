import {
  MachineRequestSchema,
  MachineSchema,
  type Clock,
  type Machine,
  type MachineInput,
  type MachineRequest,
} from '@ohf/domain-core';
import type { z } from 'zod';

/** A valid uuid whose last group is `sequence`, so ids sort in the order they were made. */
export function sequentialUuid(sequence: number): string {
  return `00000000-0000-4000-8000-${sequence.toString(16).padStart(12, '0')}`;
}

type MachineRequestInput = z.input<typeof MachineRequestSchema>;

/** A pending acquire request created now; `overrides` may set any field. */
export function sampleRequest(
  sequence: number,
  clock: Clock,
  overrides: Partial<MachineRequestInput> = {},
): MachineRequest {
  const now = clock.now().toISOString();
  const kind = overrides.kind ?? 'acquire';
  return MachineRequestSchema.parse({
    requestId: `${kind === 'acquire' ? 'req' : 'ret'}-${sequentialUuid(sequence)}`,
    kind,
    ...(kind === 'acquire' ? { templateId: 'template-a' } : { machineIds: [] }),
    requestedCount: 2,
    status: 'pending',
    createdAt: now,
    updatedAt: now,
    ...overrides,
  });
}

/** A running machine of `requestId` created now; `overrides` may set any field. */
export function sampleMachine(
  sequence: number,
  requestId: string,
  clock: Clock,
  overrides: Partial<MachineInput> = {},
): Machine {
  const now = clock.now().toISOString();
  return MachineSchema.parse({
    machineId: `m-${sequentialUuid(sequence)}`,
    providerInstanceId: `i-${sequence.toString(16).padStart(17, '0')}`,
    requestId,
    templateId: 'template-a',
    providerType: 'aws',
    providerInstance: 'aws-us-east-1',
    providerApi: 'EC2Fleet',
    state: 'running',
    rawState: 'running',
    privateIpAddress: '10.0.0.1',
    instanceType: 't3.micro',
    priceType: 'ondemand',
    tags: { 'ohf:request-id': requestId },
    createdAt: now,
    updatedAt: now,
    ...overrides,
  });
}
