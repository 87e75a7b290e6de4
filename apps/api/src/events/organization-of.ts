import { DEFAULT_ORGANIZATION_ID } from '@ohf/domain-core';
import type { FastifyRequest } from 'fastify';

/**
 * The organization a call acts in, for events and webhooks: its principal's (every protected
 * route has one), else the default organization.
 */
export function organizationOf(request: Pick<FastifyRequest, 'principal'>): string {
  return request.principal?.organizationId ?? DEFAULT_ORGANIZATION_ID;
}
