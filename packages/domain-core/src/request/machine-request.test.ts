import { describe, expect, it } from 'vitest';
import { OhfError } from '../errors/ohf-error.js';
import { createAcquireRequest, createReturnRequest, MachineRequestSchema, transitionRequest } from './machine-request.js';

const clock = { now: () => new Date('2026-01-01T00:00:00.000Z') };
const requestId = 'req-00000000-0000-4000-8000-000000000001';

describe('machine request lifecycle', () => {
  it('starts pending and walks pending → in_progress → complete, stamping completion', () => {
    const created = createAcquireRequest({ requestId, templateId: 'web', requestedCount: 3 }, clock);
    expect(created.status).toBe('pending');
    const running = transitionRequest(created, 'in_progress', clock);
    const done = transitionRequest(running, 'complete', clock, 'all machines running');
    expect(done).toMatchObject({ status: 'complete', message: 'all machines running', completedAt: '2026-01-01T00:00:00.000Z' });
    expect(MachineRequestSchema.parse(done)).toEqual(done);
  });

  it('rejects leaving a final state with a CONFLICT naming the allowed moves', () => {
    const created = createAcquireRequest({ requestId, templateId: 'web', requestedCount: 1 }, clock);
    const failed = transitionRequest(created, 'failed', clock);
    let caught: unknown;
    try {
      transitionRequest(failed, 'in_progress', clock);
    } catch (error) {
      caught = error;
    }
    expect(OhfError.isInstance(caught)).toBe(true);
    expect(caught).toMatchObject({ code: 'CONFLICT', retryable: false });
    expect((caught as Error).message).toContain('from "failed" to "in_progress"');
    expect((caught as Error).message).toContain('final state');
  });

  it('rejects request ids that are not req-/ret-<uuid>', () => {
    expect(() => createAcquireRequest({ requestId: 'req-1', templateId: 'web', requestedCount: 1 }, clock)).toThrow();
    const returned = createReturnRequest(
      { requestId: 'ret-00000000-0000-4000-8000-000000000002', machineIds: ['m-a', 'm-b'] },
      clock,
    );
    expect(returned).toMatchObject({ kind: 'return', requestedCount: 2, lookups: [] });
  });

  it('counts the machines a return request had to look up, and keeps what the lookup found', () => {
    const returned = createReturnRequest(
      {
        requestId: 'ret-00000000-0000-4000-8000-000000000003',
        machineIds: ['m-a'],
        lookups: [
          { machineId: 'i-0123456789abcdef0', name: 'ip-10-0-57-7.ec2.internal', outcome: 'gone', message: 'No provider instance has this machine.' },
          { name: 'legacy-host', outcome: 'not_ours', providerInstance: 'aws-us-east-1', providerInstanceId: 'i-0fedcba9876543210', state: 'running', rawState: 'running', message: 'not ours' },
        ],
      },
      clock,
    );
    expect(returned).toMatchObject({ requestedCount: 3, lookups: [{ outcome: 'gone' }, { outcome: 'not_ours', state: 'running' }] });
    expect(MachineRequestSchema.parse(JSON.parse(JSON.stringify(returned)))).toEqual(returned);
    expect(() => MachineRequestSchema.parse({ ...returned, lookups: [{ name: 'x', outcome: 'lost' }] })).toThrow();
  });
});
