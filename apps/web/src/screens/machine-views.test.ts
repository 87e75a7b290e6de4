import { describe, expect, it } from 'vitest';
import type { Machine } from '../api/schema-types';
import { actionsFor } from './machines-screen';
import { machinesByInstance } from './overview-screen';

const machine = (providerInstance: string, state: Machine['state']) => ({ providerInstance, state }) as Machine;

describe('machine views', () => {
  it('offers only the actions a state allows', () => {
    expect(actionsFor('running')).toEqual(['shutdown', 'reboot', 'return']);
    expect(actionsFor('stopped')).toEqual(['boot', 'return']);
    expect(actionsFor('pending')).toEqual(['return']);
    expect(actionsFor('terminated')).toEqual([]);
    expect(actionsFor('shutting_down')).toEqual([]);
  });

  it('counts machines per provider instance and state, instances in name order', () => {
    expect(machinesByInstance([machine('b', 'running'), machine('a', 'pending'), machine('b', 'running'), machine('b', 'stopped')])).toEqual([
      { instance: 'a', states: { pending: 1 }, total: 1 },
      { instance: 'b', states: { running: 2, stopped: 1 }, total: 3 },
    ]);
  });
});
