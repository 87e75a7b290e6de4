import type { Actor, EventSource } from '@ohf/domain-core';
import type { FastifyRequest } from 'fastify';

/** What a principal may say about who it is beyond its name (keys stored per user do). */
interface IdentifiedPrincipal {
  readonly name: string;
  readonly userId?: string;
  readonly keyId?: string;
}

/**
 * Who made a call, for the audit trail: the key's user (or the configuration key's name) and the
 * key's id, never the key. Without a principal authentication is off: an anonymous user.
 */
export function actorOf(request: Pick<FastifyRequest, 'principal'>): Actor {
  const principal = request.principal as IdentifiedPrincipal | undefined;
  if (principal === undefined) return { kind: 'user', name: 'anonymous' };
  return {
    kind: 'user',
    id: principal.userId ?? principal.name,
    name: principal.name,
    ...(principal.keyId === undefined ? {} : { keyId: principal.keyId }),
  };
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
