import { DEFAULT_ORGANIZATION_ID, type Actor, type OrganizationRole } from '@ohf/domain-core';

/**
 * Who is calling, once their key checked out: the organization every route acts in and the
 * role the caller holds there. A platform admin manages organizations and is an admin of its
 * key's organization whatever its membership says.
 */
export interface Principal {
  /** The user the key belongs to; absent for keys of the configuration file. */
  readonly userId?: string;
  /** The user's or configuration key's name: logs and the audit trail show it, never the key. */
  readonly name: string;
  readonly organizationId: string;
  readonly role: OrganizationRole;
  readonly platformAdmin: boolean;
  /** The stored key used, by id; absent for keys of the configuration file. */
  readonly keyId?: string;
}

/**
 * The caller when `api.auth.enabled` is false: every route open, as before organizations
 * existed, acting in the default organization.
 */
export const AUTHENTICATION_OFF_PRINCIPAL: Principal = Object.freeze({
  name: 'anonymous',
  organizationId: DEFAULT_ORGANIZATION_ID,
  role: 'admin',
  platformAdmin: true,
});

/** The principal as the audit trail records it (`actor` of DispatchOptions). */
export function actorOf(principal: Principal): Actor {
  return {
    kind: 'user',
    id: principal.userId ?? principal.name,
    name: principal.name,
    ...(principal.keyId === undefined ? {} : { keyId: principal.keyId }),
  };
}
