import { DEFAULT_ORGANIZATION_ID } from '@ohf/domain-core';
import type { FastifyRequest } from 'fastify';

/** What a principal may say about its organization (keys of the configuration file say nothing). */
interface OrganizationBearer {
  readonly organizationId?: string;
}

/**
 * The organization a call acts in: its key's, else the default one (keys of the configuration
 * file, authentication off). The only place the API decides it for events and webhooks.
 */
export function organizationOf(request: Pick<FastifyRequest, 'principal'>): string {
  return (request.principal as OrganizationBearer | undefined)?.organizationId ?? DEFAULT_ORGANIZATION_ID;
}
