import { newEventId } from '@ohf/application-cqrs';
import type { FastifyInstance } from 'fastify';
import type { ApiCallRecorder } from './api-call-recorder.js';
import { actorOf, recordedOrganizationOf, sourceOf } from './caller-of.js';

const MUTATING_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

declare module 'fastify' {
  interface FastifyRequest {
    /** A mutating route's handler was reached (authenticated, validated): the call is audited. */
    auditedCall: boolean;
  }
}

/**
 * Records every POST, PUT, PATCH and DELETE whose handler ran as an `ApiCall` audit event: who
 * (actor), in which organization, the method and route pattern, the status answered, the
 * client address and request id. Never a body, a query, a header or a path value (a refused call
 * may name another organization's id), so never a secret; the changes a call made are recorded
 * with their ids by their own events. Calls refused before the handler (401, 403, 429, validation) are in the
 * request log, not the trail.
 */
export function installApiCallAudit(server: FastifyInstance, recorder: ApiCallRecorder): void {
  server.decorateRequest('auditedCall', false);
  server.addHook('preHandler', (request, _reply, done) => {
    if (MUTATING_METHODS.has(request.method)) request.auditedCall = true;
    done();
  });
  server.addHook('onResponse', (request, reply, done) => {
    if (request.auditedCall) {
      recorder.record({
        eventId: newEventId(),
        organizationId: recordedOrganizationOf(request),
        type: 'ApiCall',
        occurredAt: new Date().toISOString(),
        actor: actorOf(request),
        source: sourceOf(request),
        data: {
          method: request.method,
          route: request.routeOptions.url ?? request.url,
          statusCode: reply.statusCode,
        },
      });
    }
    done();
  });
}
