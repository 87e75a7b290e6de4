import type { Principal } from '../auth/principal.js';
import type { RouteAccess } from '../auth/route-access.js';

export type { RouteAccess } from '../auth/route-access.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Required permission; routes without one need `read` (any member). */
    access?: RouteAccess;
  }
  interface FastifyRequest {
    /** The caller, once authenticated (absent on public routes; the default organization's admin with authentication off). */
    principal?: Principal;
    /** performance.now() at arrival, for latency metrics and request logs. */
    startedAt: number;
  }
}

/** A request id from the caller is kept only if it is short and plain (it ends up in logs). */
const REQUEST_ID_PATTERN = /^[A-Za-z0-9._:-]{1,128}$/;

export function requestIdFrom(header: string | string[] | undefined, generate: () => string): string {
  return typeof header === 'string' && REQUEST_ID_PATTERN.test(header) ? header : generate();
}
