import { INSTANCE_STATES_V1 } from '@ohf/provider-sdk';
import { describe, expect, it } from 'vitest';
import { DROPLET_STATE_MAP, DROPLET_STATUSES, mapDropletStatus } from './digitalocean-state-map.js';

describe('droplet state map', () => {
  it('maps every documented status', () => {
    expect(DROPLET_STATUSES.map((status) => [status, mapDropletStatus(status)])).toEqual([
      ['new', 'pending'],
      ['active', 'running'],
      ['off', 'stopped'],
      ['archive', 'terminated'],
    ]);
  });

  it('maps only onto normalized states and is total over the documented statuses', () => {
    expect(Object.keys(DROPLET_STATE_MAP).sort()).toEqual([...DROPLET_STATUSES].sort());
    for (const state of Object.values(DROPLET_STATE_MAP)) expect(INSTANCE_STATES_V1).toContain(state);
  });

  it('turns anything else into unknown', () => {
    expect(mapDropletStatus('migrating')).toBe('unknown');
    expect(mapDropletStatus('toString')).toBe('unknown');
    expect(mapDropletStatus(undefined)).toBe('unknown');
  });
});
