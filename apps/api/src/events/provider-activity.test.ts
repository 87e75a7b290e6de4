import type { AuditEvent } from '@ohf/domain-core';
import { describe, expect, it } from 'vitest';
import { activityWindowStart, aggregateProviderActivity } from './provider-activity.js';

let sequence = 0;
function event(type: string, occurredAt: string, fields: Partial<AuditEvent> = {}): AuditEvent {
  sequence += 1;
  return {
    eventId: `e-${sequence}`,
    organizationId: 'default',
    type,
    occurredAt,
    actor: { kind: 'system' },
    providerInstance: 'mem-a',
    requestId: 'req-1',
    data: {},
    sequence,
    ...fields,
  };
}

const NOW = new Date('2026-03-04T10:25:00.000Z');

describe('aggregateProviderActivity', () => {
  it('starts the window on a clock hour so the current hour is the last bucket', () => {
    expect(activityWindowStart(NOW, 24).toISOString()).toBe('2026-03-03T11:00:00.000Z');
    const activity = aggregateProviderActivity([], { providerInstance: 'mem-a', now: NOW, hours: 3 });
    expect(activity.buckets.map((bucket) => bucket.start)).toEqual(['2026-03-04T08:00:00.000Z', '2026-03-04T09:00:00.000Z', '2026-03-04T10:00:00.000Z']);
    expect(activity.totals).toEqual({ attempts: 0, failures: 0, partial: 0, machinesLaunched: 0, meanAttemptSeconds: null });
    expect(activity).toMatchObject({ from: '2026-03-04T08:00:00.000Z', to: NOW.toISOString(), truncated: false });
  });

  it('counts attempts, failures, partial attempts and machines per hour, and the mean attempt time', () => {
    const events = [
      event('ProvisionAttemptStarted', '2026-03-04T09:10:00.000Z', { data: { attempt: 1 } }),
      event('ProvisionAttemptEnded', '2026-03-04T09:10:04.000Z', { data: { attempt: 1, outcome: 'failed' } }),
      event('ProvisionAttemptStarted', '2026-03-04T09:59:58.000Z', { requestId: 'req-2', data: { attempt: 1 } }),
      // Ends in the next hour: its 4 s count there.
      event('ProvisionAttemptEnded', '2026-03-04T10:00:02.000Z', { requestId: 'req-2', data: { attempt: 1, outcome: 'succeeded' } }),
      event('MachineCreated', '2026-03-04T10:00:01.000Z', { requestId: 'req-2', machineId: 'm-1' }),
      event('MachineCreated', '2026-03-04T10:00:01.500Z', { requestId: 'req-2', machineId: 'm-2' }),
      event('ProvisionAttemptStarted', '2026-03-04T10:20:00.000Z', { requestId: 'req-3', data: { attempt: 2 } }),
      event('ProvisionAttemptEnded', '2026-03-04T10:20:01.000Z', { requestId: 'req-3', data: { attempt: 2, outcome: 'partial' } }),
    ];
    const activity = aggregateProviderActivity(events, { providerInstance: 'mem-a', now: NOW, hours: 2 });
    expect(activity.buckets).toEqual([
      { start: '2026-03-04T09:00:00.000Z', attempts: 2, failures: 1, partial: 0, machinesLaunched: 0, meanAttemptSeconds: 4 },
      { start: '2026-03-04T10:00:00.000Z', attempts: 1, failures: 0, partial: 1, machinesLaunched: 2, meanAttemptSeconds: 2.5 },
    ]);
    expect(activity.totals).toEqual({ attempts: 3, failures: 1, partial: 1, machinesLaunched: 2, meanAttemptSeconds: 3 });
  });

  it("ignores other instances' events and events outside the window", () => {
    const events = [
      event('ProvisionAttemptStarted', '2026-03-04T10:01:00.000Z', { providerInstance: 'mem-b', data: { attempt: 1 } }),
      event('ProvisionAttemptStarted', '2026-03-04T07:59:59.000Z', { data: { attempt: 1 } }),
      event('MachineCreated', '2026-03-04T11:00:00.000Z', { machineId: 'm-late' }),
    ];
    const activity = aggregateProviderActivity(events, { providerInstance: 'mem-a', now: NOW, hours: 2, truncated: true });
    expect(activity.totals.attempts).toBe(0);
    expect(activity.totals.machinesLaunched).toBe(0);
    expect(activity.truncated).toBe(true);
  });

  it('leaves the duration out when the start is not among the events', () => {
    const events = [event('ProvisionAttemptEnded', '2026-03-04T10:05:00.000Z', { data: { attempt: 1, outcome: 'failed' } })];
    const activity = aggregateProviderActivity(events, { providerInstance: 'mem-a', now: NOW, hours: 1 });
    expect(activity.buckets[0]).toMatchObject({ failures: 1, meanAttemptSeconds: null });
  });
});
