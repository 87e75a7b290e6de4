import type { FastifyRequest } from 'fastify';
import { apiError } from '../http/api-error.js';
import type { Principal } from './principal.js';

/**
 * The caller of a protected route: the authentication hook sets it on every route that is not
 * public (with authentication off, the default organization's admin). A handler that finds
 * none was registered as public by mistake: refuse rather than act for nobody.
 */
export function callerOf(request: FastifyRequest): Principal {
  const principal = request.principal;
  if (principal === undefined) throw apiError('UNAUTHORIZED', 'This route needs an API key: send "Authorization: Bearer <key>" or "X-API-Key: <key>".');
  return principal;
}

/** The organization a protected route acts in: the caller's. */
export function organizationOf(request: FastifyRequest): string {
  return callerOf(request).organizationId;
}
