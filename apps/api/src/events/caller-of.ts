import type { Actor, EventSource } from '@ohf/domain-core';
import type { FastifyRequest } from 'fastify';
import { actorOf as actorOfPrincipal } from '../auth/principal.js';

/**
 * Who made a call, for the audit trail: the key's user (or the configuration key's name) and the
 * key's id, never the key. A protected route always has a principal; a route without one
 * records an anonymous user.
 */
export function actorOf(request: Pick<FastifyRequest, 'principal'>): Actor {
  return request.principal === undefined ? { kind: 'user', name: 'anonymous' } : actorOfPrincipal(request.principal);
}

/** Where a call came from: the client address (X-Forwarded-For only with `trust_proxy`) and the request id. */
export function sourceOf(request: Pick<FastifyRequest, 'ip' | 'id'>): EventSource {
  return { ip: request.ip, httpRequestId: request.id };
}

/** How a route dispatches: the request id ties logs together; actor and source go into the audit trail. */
export interface CallerDispatchOptions {
  readonly correlationId: string;
  readonly actor: Actor;
  readonly source: EventSource;
}

export function dispatchOptionsOf(request: Pick<FastifyRequest, 'principal' | 'ip' | 'id'>): CallerDispatchOptions {
  return { correlationId: request.id, actor: actorOf(request), source: sourceOf(request) };
}
