import { INSTANCE_STATES_V1 } from '@ohf/provider-sdk';
import { describe, expect, it } from 'vitest';
import { LINODE_INSTANCE_STATUSES } from './linode-api-schemas/linode-instance-schema.js';
import { LINODE_STATE_MAP, linodeStatusToState } from './linode-state-map.js';

describe('LINODE_STATE_MAP', () => {
  it('maps every status of the specification, and nothing else', () => {
    expect(Object.keys(LINODE_STATE_MAP).sort()).toEqual([...LINODE_INSTANCE_STATUSES].sort());
    for (const state of Object.values(LINODE_STATE_MAP)) expect(INSTANCE_STATES_V1).toContain(state);
  });

  it.each([
    ['running', 'running'],
    ['offline', 'stopped'],
    ['booting', 'pending'],
    ['provisioning', 'pending'],
    ['shutting_down', 'stopping'],
    ['deleting', 'shutting_down'],
    ['stopped', 'stopped'],
    ['billing_suspension', 'stopped'],
  ] as const)('%s → %s', (status, state) => {
    expect(linodeStatusToState(status)).toBe(state);
  });

  it('turns statuses it does not know into unknown', () => {
    expect(linodeStatusToState('hibernating')).toBe('unknown');
    expect(linodeStatusToState('toString')).toBe('unknown');
    expect(linodeStatusToState(undefined)).toBe('unknown');
  });
});
