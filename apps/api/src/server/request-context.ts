import type { Principal } from '../auth/authenticator.js';

/**
 * Who may call a route: anyone; anyone, with a key checked when one is sent (the route then
 * shows more to its holder); or a key holding the scope.
 */
export type RouteAccess = 'public' | 'optional' | 'read' | 'write' | 'admin';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Required scope; routes without one need `read`. */
    access?: RouteAccess;
  }
  interface FastifyRequest {
    /** The caller, once authenticated (absent on public routes and with authentication off). */
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
