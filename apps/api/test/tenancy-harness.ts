import type { OrganizationQuotas, OrganizationRole } from '@ohf/domain-core';
import { expect } from 'vitest';
import type { TestApi } from './api-harness.js';

/** One organization made through the API, with a user and a stored key per role. */
export interface TestOrganization {
  readonly organizationId: string;
  /** A stored key per role, as `inject`'s `key`. */
  readonly keys: Readonly<Record<OrganizationRole, { readonly bearer: string }>>;
  readonly userIds: Readonly<Record<OrganizationRole, string>>;
  /** The id of the admin's key. */
  readonly adminKeyId: string;
}

export const ROLES: readonly OrganizationRole[] = ['viewer', 'operator', 'admin'];

/**
 * Creates an organization as the platform admin would (the configuration's admin key): the
 * organization, a user per role in it, and a key for each, every step through the routes.
 */
export async function createTestOrganization(harness: TestApi, organizationId: string, quotas: OrganizationQuotas = {}): Promise<TestOrganization> {
  const created = await harness.inject({ method: 'POST', url: '/api/v1/organizations', payload: { organizationId, name: `Organization ${organizationId}`, quotas } });
  expect(created.statusCode, created.body).toBe(201);
  const keys: Partial<Record<OrganizationRole, { bearer: string }>> = {};
  const userIds: Partial<Record<OrganizationRole, string>> = {};
  let adminKeyId = '';
  for (const role of ROLES) {
    const user = await harness.inject({ method: 'POST', url: `/api/v1/organizations/${organizationId}/users`, payload: { name: `${role}@${organizationId}.example`, role } });
    expect(user.statusCode, user.body).toBe(201);
    userIds[role] = user.json().userId;
    const key = await harness.inject({ method: 'POST', url: '/api/v1/api-keys', payload: { name: `${role} key`, userId: userIds[role], organizationId } });
    expect(key.statusCode, key.body).toBe(201);
    keys[role] = { bearer: key.json().key };
    if (role === 'admin') adminKeyId = key.json().keyId;
  }
  return { organizationId, keys: keys as TestOrganization['keys'], userIds: userIds as TestOrganization['userIds'], adminKeyId };
}
