import { describe, expect, it } from 'vitest';
import { actorOf, dispatchOptionsOf } from './caller-of.js';
import { organizationOf } from './organization-of.js';

describe('the caller of a mutating route, for the audit trail', () => {
  it('names the key’s user and key id, and where the call came from', () => {
    const request = { id: 'call-7', ip: '10.0.0.9', principal: { name: 'ops', userId: 'u-1', keyId: 'k-1', organizationId: 'acme' } } as never;
    expect(dispatchOptionsOf(request)).toEqual({
      correlationId: 'call-7',
      actor: { kind: 'user', id: 'u-1', name: 'ops', keyId: 'k-1' },
      source: { ip: '10.0.0.9', httpRequestId: 'call-7' },
    });
    expect(organizationOf(request)).toBe('acme');
  });

  it('names a configuration key by its name, in the default organization', () => {
    const request = { principal: { name: 'scheduler', scopes: new Set(['write']) } } as never;
    expect(actorOf(request)).toEqual({ kind: 'user', id: 'scheduler', name: 'scheduler' });
    expect(organizationOf(request)).toBe('default');
  });

  it('records an anonymous user when authentication is off', () => {
    expect(actorOf({} as never)).toEqual({ kind: 'user', name: 'anonymous' });
    expect(organizationOf({} as never)).toBe('default');
  });
});
