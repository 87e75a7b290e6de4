import { describe, expect, it } from 'vitest';
import { MachineSchema, type Machine, type MachineInput } from '../machine/machine.js';
import { summarizeCosts } from './machine-costs.js';

let sequence = 0;
function machine(fields: Partial<MachineInput>): Machine {
  sequence += 1;
  return MachineSchema.parse({
    machineId: `m-00000000-0000-4000-8000-${String(sequence).padStart(12, '0')}`,
    providerInstanceId: `i-${sequence}`,
    requestId: 'req-1',
    templateId: 'web',
    providerType: 'linode',
    providerInstance: 'linode-main',
    state: 'running',
    rawState: 'running',
    createdAt: '2026-12-01T00:00:00.000Z',
    updatedAt: '2026-12-01T00:00:00.000Z',
    ...fields,
  });
}

const now = new Date('2026-12-02T00:00:00.000Z');

describe('summarizeCosts', () => {
  it('sums machine-hours × launch price per provider instance, from launch to termination or now', () => {
    const machines = [
      // 24 h running at 0.1: 2.4
      machine({ launchTime: '2026-12-01T00:00:00.000Z', priceHourly: 0.1, currency: 'USD' }),
      // 1.5 h, terminated (seen at its last update): 0.054
      machine({ launchTime: '2026-12-01T10:00:00.000Z', state: 'terminated', updatedAt: '2026-12-01T11:30:00.000Z', priceHourly: 0.036, currency: 'USD' }),
      // no launch time: counted from its recording, 12 h at 0.0357: 0.4284
      machine({ providerInstance: 'do-main', templateId: 'db', createdAt: '2026-12-01T12:00:00.000Z', priceHourly: 0.0357, currency: 'USD' }),
      // launched before prices were recorded
      machine({ launchTime: '2026-12-01T00:00:00.000Z' }),
    ];
    const byProvider = summarizeCosts(machines, { groupBy: 'provider', since: null, now });
    expect(byProvider.groups).toEqual([
      { key: 'linode-main', machines: 2, machineHours: 25.5, cost: 2.454, runningPriceHourly: 0.1, runningMachines: 1 },
      { key: 'do-main', machines: 1, machineHours: 12, cost: 0.4284, runningPriceHourly: 0.0357, runningMachines: 1 },
    ]);
    expect(byProvider.total).toEqual({ machines: 3, machineHours: 37.5, cost: 2.8824, runningPriceHourly: 0.1357 });
    expect(byProvider.unpricedMachines).toBe(1);
    expect(byProvider.currencies).toEqual(['USD']);

    const byTemplate = summarizeCosts(machines, { groupBy: 'template', since: null, now });
    expect(byTemplate.groups.map((group) => [group.key, group.cost])).toEqual([
      ['web', 2.454],
      ['db', 0.4284],
    ]);
  });

  it('counts only the part of the period after since, and leaves out machines that ended before it', () => {
    const machines = [
      machine({ launchTime: '2026-12-01T00:00:00.000Z', priceHourly: 0.5 }),
      machine({ launchTime: '2026-12-01T00:00:00.000Z', state: 'terminated', updatedAt: '2026-12-01T06:00:00.000Z', priceHourly: 9 }),
    ];
    const summary = summarizeCosts(machines, { groupBy: 'provider', since: new Date('2026-12-01T18:00:00.000Z'), now });
    expect(summary.groups).toEqual([{ key: 'linode-main', machines: 1, machineHours: 6, cost: 3, runningPriceHourly: 0.5, runningMachines: 1 }]);
    expect(summary.since).toBe('2026-12-01T18:00:00.000Z');
  });

  it('adds many small amounts without drift', () => {
    const machines = Array.from({ length: 1000 }, () => machine({ launchTime: '2026-12-01T23:00:00.000Z', priceHourly: 0.1, currency: 'USD' }));
    const summary = summarizeCosts(machines, { groupBy: 'provider', since: null, now });
    expect(summary.total.cost).toBe(100);
    expect(summary.total.runningPriceHourly).toBe(100);
  });
});
