import { describe, expect, it } from 'vitest';
import { MachineSchema, observationChanges, observeMachine, type Machine, type MachineObservation } from './machine.js';

const clock = { now: () => new Date('2026-01-01T00:05:00.000Z') };

function machine(overrides: Partial<Machine> = {}): Machine {
  return MachineSchema.parse({
    machineId: 'm-00000000-0000-4000-8000-000000000001',
    providerInstanceId: 'i-0abc',
    requestId: 'req-00000000-0000-4000-8000-000000000001',
    templateId: 'web',
    providerType: 'aws',
    providerInstance: 'aws-us-east-1',
    state: 'pending',
    rawState: 'pending',
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    ...overrides,
  });
}

describe('machine lifecycle', () => {
  it('keeps the plan and price it was launched with through observations, and parses records without them', () => {
    expect(machine()).not.toHaveProperty('priceHourly');
    const priced = machine({ planId: 'g6-standard-2', priceHourly: 0.072, currency: 'USD' });
    const running = observeMachine(priced, { state: 'running', rawState: 'running' }, clock);
    expect(running).toMatchObject({ planId: 'g6-standard-2', priceHourly: 0.072, currency: 'USD' });
    expect(() => machine({ priceHourly: -1 })).toThrow();
  });

  it('applies what the provider reports, keeping known addresses the report leaves out', () => {
    const running = observeMachine(machine({ privateIpAddress: '10.0.0.7' }), { state: 'running', rawState: 'running', hostName: 'ip-10-0-0-7' }, clock);
    expect(running).toMatchObject({
      state: 'running',
      rawState: 'running',
      privateIpAddress: '10.0.0.7',
      hostName: 'ip-10-0-0-7',
      updatedAt: '2026-01-01T00:05:00.000Z',
    });
  });

  it('tells whether an observation changes anything but updatedAt, exactly as observeMachine would', () => {
    const known = machine({ state: 'running', rawState: 'running', privateIpAddress: '10.0.0.7', hostName: 'ip-10-0-0-7', launchTime: '2026-01-01T00:00:00.000Z', instanceType: 't3.medium' });
    const observations: MachineObservation[] = [
      { state: 'running', rawState: 'running' },
      { state: 'running', rawState: 'running', privateIpAddress: '10.0.0.7', hostName: 'ip-10-0-0-7', launchTime: '2026-01-01T00:00:00.000Z', instanceType: 't3.medium' },
      { state: 'running', rawState: 'running', privateIpAddress: null, publicIpAddress: null, hostName: null },
      { state: 'stopping', rawState: 'stopping' },
      { state: 'running', rawState: 'active' },
      { state: 'running', rawState: 'running', privateIpAddress: '10.0.0.8' },
      { state: 'running', rawState: 'running', publicIpAddress: '203.0.113.9' },
      { state: 'running', rawState: 'running', hostName: 'worker-1' },
      { state: 'running', rawState: 'running', launchTime: '2026-01-01T00:00:01.000Z' },
      { state: 'running', rawState: 'running', instanceType: 't3.large' },
      { state: 'running', rawState: 'running', message: 'Scheduled for maintenance.' },
    ];
    const changes = observations.map((observation) => observationChanges(known, observation));
    expect(changes).toEqual(observations.map((observation) => JSON.stringify({ ...observeMachine(known, observation, clock), updatedAt: known.updatedAt }) !== JSON.stringify(known)));
    expect(changes).toEqual([false, false, false, true, true, true, true, true, true, true, true]);
  });

  it('never brings a terminated machine back', () => {
    const terminated = machine({ state: 'terminated', rawState: 'terminated' });
    expect(() => observeMachine(terminated, { state: 'running', rawState: 'running' }, clock)).toThrow(
      /cannot move from "terminated" to "running"/,
    );
    expect(observeMachine(terminated, { state: 'terminated', rawState: 'terminated' }, clock).state).toBe('terminated');
  });

  it('does not let a failed machine start running', () => {
    expect(() => observeMachine(machine({ state: 'failed' }), { state: 'running', rawState: 'active' }, clock)).toThrow(/CONFLICT|cannot move/);
    expect(observeMachine(machine({ state: 'failed' }), { state: 'terminated', rawState: 'deleted' }, clock).state).toBe('terminated');
  });

  it('keeps the raw provider state beside the normalized one', () => {
    expect(observeMachine(machine(), { state: 'unknown', rawState: 'migrating' }, clock)).toMatchObject({ state: 'unknown', rawState: 'migrating' });
  });
});
