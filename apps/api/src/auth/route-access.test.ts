import { describe, expect, it } from 'vitest';
import type { Principal } from './principal.js';
import { principalMay, ROUTE_PERMISSIONS } from './route-access.js';

const member = (role: Principal['role'], platformAdmin = false): Principal => ({ name: role, organizationId: 'acme', role, platformAdmin });

describe('principalMay', () => {
  it('grants each role its permissions and nothing more', () => {
    const granted = (principal: Principal) => ROUTE_PERMISSIONS.filter((permission) => principalMay(principal, permission));
    expect(granted(member('viewer'))).toEqual(['read']);
    expect(granted(member('operator'))).toEqual(['read', 'operate']);
    expect(granted(member('admin'))).toEqual(['read', 'operate', 'administer']);
  });

  it('grants a platform admin everything, whatever its role in the organization says', () => {
    expect(ROUTE_PERMISSIONS.every((permission) => principalMay(member('viewer', true), permission))).toBe(true);
  });
});
