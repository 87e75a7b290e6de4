import { roleAllows, type OrganizationRole, type RolePermission } from '@ohf/domain-core';
import type { Principal } from './principal.js';

/**
 * Who may call a route: anyone; anyone, with a key checked when one is sent (the route then
 * shows more to its holder); a caller whose role in their organization holds the permission
 * (`read` viewer, `operate` operator, `administer` admin); or a platform admin.
 */
export type RouteAccess = 'public' | 'optional' | RolePermission | 'platform';

/** The access words a route may require of a caller, from least to most. */
export const ROUTE_PERMISSIONS = ['read', 'operate', 'administer', 'platform'] as const;
export type RoutePermission = (typeof ROUTE_PERMISSIONS)[number];

export function principalMay(principal: Principal, permission: RoutePermission): boolean {
  if (principal.platformAdmin) return true;
  if (permission === 'platform') return false;
  return roleAllows(principal.role, permission);
}

/**
 * The configuration file's scope words for a permission and a role: refusals name them so
 * clients written against scopes keep understanding them.
 */
const SCOPE_OF_PERMISSION: Readonly<Record<RoutePermission, string>> = {
  read: 'read',
  operate: 'write',
  administer: 'admin',
  platform: 'admin',
};
const SCOPES_OF_ROLE: Readonly<Record<OrganizationRole, readonly string[]>> = {
  viewer: ['read'],
  operator: ['read', 'write'],
  admin: ['read', 'write', 'admin'],
};

export function scopeOfPermission(permission: RoutePermission): string {
  return SCOPE_OF_PERMISSION[permission];
}

export function scopesOfRole(role: OrganizationRole): readonly string[] {
  return SCOPES_OF_ROLE[role];
}
