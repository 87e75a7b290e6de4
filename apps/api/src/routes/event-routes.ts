import { PassThrough } from 'node:stream';
import { z } from 'zod';
import type { AuditEventFeed } from '../events/audit-event-feed.js';
import {
  EventListQuerySchema,
  EventPageSchema,
  EventStreamHeadersSchema,
  EventStreamQuerySchema,
} from '../events/event-schemas.js';
import { eventView } from '../events/event-view.js';
import { organizationOf } from '../events/organization-of.js';
import { formatServerSentComment, formatServerSentEvent } from '../events/server-sent-events.js';
import { COMMON_ERROR_RESPONSES } from '../schemas/common-schemas.js';
import type { ApiDependencies } from '../server/api-dependencies.js';
import type { ZodServer } from '../server/create-api-server.js';

export interface EventRouteParts {
  /** The highest sequence stored: where a stream without a cursor starts. */
  readonly latestSequence: () => Promise<number>;
  readonly feed: AuditEventFeed;
}

/** The audit trail of the caller's organization: paged, and live as Server-Sent Events. */
export function registerEventRoutes(server: ZodServer, dependencies: ApiDependencies, parts: EventRouteParts): void {
  const tags = ['events'];

  server.get(
    '/events',
    {
      schema: {
        tags,
        summary: "The audit trail of the caller's organization, oldest first",
        description:
          'Every domain event (request accepted, attempts, failovers, machine states, returns, cancellations) and every mutating API call, paged by sequence: pass the answer’s `next` as `after` for the following page.',
        querystring: EventListQuerySchema,
        response: { 200: EventPageSchema, ...COMMON_ERROR_RESPONSES },
      },
    },
    async (request) => {
      const query = request.query;
      const page = await dependencies.application.dispatch(
        {
          type: 'ListEvents',
          organizationId: organizationOf(request),
          limit: query.limit,
          ...(query.after === undefined ? {} : { afterSequence: query.after }),
          ...(query.since === undefined ? {} : { since: new Date(query.since).toISOString() }),
          ...(query.type === undefined || query.type.length === 0 ? {} : { types: query.type }),
          ...(query.request_id === undefined ? {} : { requestId: query.request_id }),
          ...(query.machine_id === undefined ? {} : { machineId: query.machine_id }),
        },
        { correlationId: request.id },
      );
      return { items: page.events.map(eventView), ...(page.nextSequence === undefined ? {} : { next: page.nextSequence }) };
    },
  );

  server.get(
    '/events/stream',
    {
      schema: {
        tags,
        summary: "The audit trail of the caller's organization, live (Server-Sent Events)",
        description:
          'A `text/event-stream` of AuditEvent messages, each with `id:` = its sequence. Reconnecting with `Last-Event-ID` (EventSource does) resumes exactly after the last event received; `?after=` does the same for other clients, `after=0` replays the stored trail first. Comment lines keep a quiet stream open; the stream ends after `api.events.max_duration_ms` or at shutdown, and the client reconnects.',
        querystring: EventStreamQuerySchema,
        headers: EventStreamHeadersSchema,
        produces: ['text/event-stream'],
        response: { 200: z.unknown().describe('text/event-stream: one AuditEvent per message'), ...COMMON_ERROR_RESPONSES },
      },
    },
    async (request, reply) => {
      const lastEventId = request.headers['last-event-id'];
      const afterSequence = lastEventId !== undefined ? Number(lastEventId) : (request.query.after ?? (await parts.latestSequence()));
      const { configuration, metrics } = dependencies;
      const stream = new PassThrough();
      const leave = new AbortController();
      // The client went away (its connection closed): stop following.
      const socket = request.raw.socket;
      const onSocketClose = (): void => leave.abort();
      socket.once('close', onSocketClose);
      const heartbeat = setInterval(() => stream.write(formatServerSentComment('keep-alive')), configuration.events.heartbeat_ms);
      metrics.watchStarted();
      const writing = (async () => {
        try {
          // Sent at once, so the client knows the stream is open before the first event.
          stream.write(formatServerSentComment(`after ${afterSequence}`));
          for await (const event of parts.feed.follow({
            organizationId: organizationOf(request),
            afterSequence,
            signal: leave.signal,
            deadline: Date.now() + configuration.events.max_duration_ms,
            ...(request.query.type === undefined || request.query.type.length === 0 ? {} : { types: request.query.type }),
            ...(request.query.request_id === undefined ? {} : { requestId: request.query.request_id }),
            ...(request.query.machine_id === undefined ? {} : { machineId: request.query.machine_id }),
          })) {
            stream.write(formatServerSentEvent({ id: event.sequence, data: eventView(event) }));
          }
        } catch (error) {
          request.log.warn({ err: error }, 'following the audit trail failed');
          stream.write(
            formatServerSentEvent({
              event: 'error',
              data: { error: { code: 'INTERNAL', message: 'Following the audit trail failed; reconnect to resume.', details: {} } },
            }),
          );
        } finally {
          clearInterval(heartbeat);
          socket.removeListener('close', onSocketClose);
          stream.end();
          metrics.watchEnded();
        }
      })();
      parts.feed.track(writing);
      return reply
        .header('content-type', 'text/event-stream; charset=utf-8')
        .header('cache-control', 'no-cache, no-transform')
        .header('x-accel-buffering', 'no')
        .send(stream);
    },
  );
}
