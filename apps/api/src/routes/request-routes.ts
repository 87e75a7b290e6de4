import { PassThrough } from 'node:stream';
import { z } from 'zod';
import type { ApiDependencies } from '../server/api-dependencies.js';
import { API_PREFIX } from '../server/api-prefix.js';
import type { ZodServer } from '../server/create-api-server.js';
import type { RequestWatcher } from '../server/request-watcher.js';
import { COMMON_ERROR_RESPONSES, ErrorEnvelopeSchema, IdempotencyHeadersSchema, listQuery, PaginationQuerySchema } from '../schemas/common-schemas.js';
import {
  CancelRequestBodySchema,
  CancelResultSchema,
  CreateRequestBodySchema,
  CreateRequestResultSchema,
  CreateReturnBodySchema,
  DryRunPlanSchema,
  RequestPageSchema,
  RequestStatusSchema,
  RequestViewSchema,
  ReturnPlanSchema,
  ReturnViewSchema,
} from '../schemas/request-schemas.js';
import { requestView, withoutExplanation } from './request-view.js';
import { organizationOf } from '../auth/caller.js';
import { dispatchOptionsOf } from '../events/caller-of.js';
import { ProviderVisibility } from '../tenancy/provider-visibility.js';
import { discardInlineTemplate, storeInlineTemplate } from './inline-template.js';

const RequestParamsSchema = z.object({ id: z.string().min(1).max(200).describe('A request id: req-… or ret-…') });
const ExplainQuerySchema = z.object({
  explain: z
    .stringbool()
    .default(false)
    .describe('Include the selection explanation (every candidate provider instance and why it was skipped).'),
});

/** Requests (acquire), their progress and events, cancellation, and returns. */
export function registerRequestRoutes(server: ZodServer, dependencies: ApiDependencies, watcher: RequestWatcher): void {
  const { application } = dependencies;
  const tags = ['requests'];
  const providerVisibility = new ProviderVisibility(dependencies.providers, dependencies.storage.providerInstances);

  server.post(
    '/requests',
    {
      config: { access: 'operate' },
      schema: {
        tags,
        summary: 'Request machines',
        description:
          'Validates the request, selects a provider instance and records the request; provisioning runs in the background (watch it with GET /requests/{id} or /requests/{id}/events). With an Idempotency-Key already used, answers 200 with the original request.\n\n' +
          'Give either `templateId` (a stored template) or `template` (a new one, in any format POST /templates accepts). An inline template is stored as the organization\'s own, validated, audited and owned exactly as POST /templates stores one, then the machines are requested from it and `createdTemplateId` names it. An invalid template stores nothing and answers 400 naming each `body.template.<field>`; a refused request deletes the template it stored.',
        headers: IdempotencyHeadersSchema,
        body: CreateRequestBodySchema,
        response: {
          200: z.union([CreateRequestResultSchema, DryRunPlanSchema]),
          202: CreateRequestResultSchema,
          ...COMMON_ERROR_RESPONSES,
          404: ErrorEnvelopeSchema,
          409: ErrorEnvelopeSchema,
          422: ErrorEnvelopeSchema,
          503: ErrorEnvelopeSchema,
        },
      },
    },
    async (request, reply) => {
      const body = request.body;
      const idempotencyKey = request.headers['idempotency-key'];
      const inline =
        body.template === undefined ? undefined : await storeInlineTemplate(request, dependencies, providerVisibility, body.template, idempotencyKey);
      // The schema lets exactly one of the two through.
      const templateId = inline?.templateId ?? body.templateId ?? '';
      let result;
      try {
        result = await application.dispatch(
          {
            type: 'RequestMachines',
            organizationId: organizationOf(request),
            templateId,
            count: body.maxNumber,
            ...(idempotencyKey === undefined ? {} : { idempotencyKey }),
            ...(body.providerPreference === undefined ? {} : { providerPreference: body.providerPreference }),
            ...(body.selectionCriteria === undefined ? {} : { selectionCriteria: body.selectionCriteria }),
            dryRun: body.dryRun ?? false,
            provisionInline: false,
          },
          dispatchOptionsOf(request),
        );
      } catch (error) {
        // Only a template this call stored is taken back; a replay's template belongs to the original call.
        if (inline?.created === true) await discardInlineTemplate(request, dependencies, inline.templateId);
        throw error;
      }
      if (result.dryRun || result.request === undefined) {
        return reply.code(200).send({
          dryRun: true as const,
          templateId: result.templateId,
          providerInstance: result.providerInstance,
          providerType: result.providerType,
          ...(result.providerApi === undefined ? {} : { providerApi: result.providerApi }),
          selection: result.selection,
          plannedCalls: [...(result.plannedCalls ?? [])],
          ...(result.warnings === undefined ? {} : { warnings: [...result.warnings] }),
        });
      }
      if (result.created) dependencies.onWorkCreated?.();
      reply.header('location', `${API_PREFIX}/requests/${result.request.requestId}`);
      return reply.code(result.created ? 202 : 200).send({
        ...requestView(result.request, result.machines),
        ...(inline === undefined ? {} : { createdTemplateId: inline.templateId }),
      });
    },
  );

  server.get(
    '/requests',
    {
      schema: {
        tags,
        summary: 'List requests in the order they were made',
        querystring: z.object({
          status: listQuery(RequestStatusSchema).describe('Only these statuses (comma-separated or repeated).'),
          kind: z.enum(['acquire', 'return']).optional(),
          template_id: z.string().min(1).optional(),
          provider_instance: z.string().min(1).optional(),
          ...ExplainQuerySchema.shape,
          ...PaginationQuerySchema,
        }),
        response: { 200: RequestPageSchema, ...COMMON_ERROR_RESPONSES },
      },
    },
    async (request) => {
      const query = request.query;
      const page = await application.dispatch(
        {
          type: 'ListRequests',
          organizationId: organizationOf(request),
          ...(query.kind === undefined ? {} : { kind: query.kind }),
          ...(query.status === undefined || query.status.length === 0 ? {} : { statuses: query.status }),
          ...(query.template_id === undefined ? {} : { templateId: query.template_id }),
          ...(query.provider_instance === undefined ? {} : { providerInstance: query.provider_instance }),
          limit: query.limit,
          offset: query.offset,
        },
        { correlationId: request.id },
      );
      return {
        items: page.items.map((item) => withoutExplanation(item, { explain: query.explain })),
        total: page.total,
        limit: query.limit,
        offset: query.offset,
      };
    },
  );

  server.get(
    '/requests/:id',
    {
      schema: {
        tags,
        summary: 'One request with its machines and progress',
        params: RequestParamsSchema,
        querystring: ExplainQuerySchema,
        response: { 200: RequestViewSchema, ...COMMON_ERROR_RESPONSES, 404: ErrorEnvelopeSchema },
      },
    },
    async (request) => {
      const snapshot = await watcher.read(request.params.id, request.id, organizationOf(request));
      return requestView(snapshot.request, snapshot.machines, { explain: request.query.explain });
    },
  );

  server.get(
    '/requests/:id/events',
    {
      schema: {
        tags,
        summary: 'Watch a request until it is final (Server-Sent Events)',
        description:
          'A `text/event-stream`: a `progress` event with the RequestView now and on every change, then a `final` event when the request reaches complete, partial, failed or cancelled, and the stream ends. Comment lines keep a quiet stream open.',
        params: RequestParamsSchema,
        querystring: ExplainQuerySchema,
        produces: ['text/event-stream'],
        response: { 200: z.unknown().describe('text/event-stream: progress and final events, each a RequestView'), ...COMMON_ERROR_RESPONSES, 404: ErrorEnvelopeSchema },
      },
    },
    async (request, reply) => {
      // Read first: an unknown id is a plain 404, not an empty stream.
      const organizationId = organizationOf(request);
      const first = await watcher.read(request.params.id, request.id, organizationId);
      const stream = new PassThrough();
      const leave = new AbortController();
      // The client went away (its connection closed): stop watching.
      const socket = request.raw.socket;
      const onSocketClose = (): void => leave.abort();
      socket.once('close', onSocketClose);
      const heartbeat = setInterval(() => stream.write(': keep-alive\n\n'), dependencies.configuration.events.heartbeat_ms);
      dependencies.metrics.watchStarted();
      const writing = (async () => {
        try {
          for await (const snapshot of watcher.watch(first, { signal: leave.signal, correlationId: request.id, organizationId })) {
            const view = requestView(snapshot.request, snapshot.machines, { explain: request.query.explain });
            const event = view.progress.final ? 'final' : 'progress';
            stream.write(`event: ${event}\nid: ${snapshot.request.version}\ndata: ${JSON.stringify(view)}\n\n`);
          }
        } catch (error) {
          request.log.warn({ err: error }, 'watching a request failed');
          stream.write(`event: error\ndata: ${JSON.stringify({ error: { code: 'INTERNAL', message: 'Watching the request failed; reconnect to resume.', details: {} } })}\n\n`);
        } finally {
          clearInterval(heartbeat);
          socket.removeListener('close', onSocketClose);
          stream.end();
          dependencies.metrics.watchEnded();
        }
      })();
      watcher.track(writing);
      return reply
        .header('content-type', 'text/event-stream; charset=utf-8')
        .header('cache-control', 'no-cache, no-transform')
        .header('x-accel-buffering', 'no')
        .send(stream);
    },
  );

  server.post(
    '/requests/:id/cancel',
    {
      config: { access: 'operate' },
      schema: {
        tags,
        summary: 'Cancel an unfinished request',
        description:
          'Stops provisioning; machines already created stay unless terminateMachines is true, which releases everything the request launched at each provider instance it used, recorded or not (fleets and groups deleted, machines terminated through a return request). A finished request cannot be cancelled (409).',
        params: RequestParamsSchema,
        // The body is optional: no body (null to fastify) means the defaults.
        body: z.preprocess((value) => value ?? {}, CancelRequestBodySchema),
        response: { 200: CancelResultSchema, ...COMMON_ERROR_RESPONSES, 404: ErrorEnvelopeSchema, 409: ErrorEnvelopeSchema },
      },
    },
    async (request) => {
      const result = await application.dispatch(
        { type: 'CancelRequest', organizationId: organizationOf(request), requestId: request.params.id, terminateMachines: request.body.terminateMachines },
        dispatchOptionsOf(request),
      );
      if (result.returnRequestId !== undefined) dependencies.onWorkCreated?.();
      return {
        ...requestView(result.request, result.machines),
        ...(result.returnRequestId === undefined ? {} : { returnRequestId: result.returnRequestId }),
        released: result.released.map(({ plannedCalls, ...entry }) => ({
          ...entry,
          resources: [...entry.resources],
          terminated: [...entry.terminated],
          ...(plannedCalls === undefined ? {} : { plannedCalls: [...plannedCalls] }),
        })),
        problems: [...result.problems],
      };
    },
  );

  server.post(
    '/returns',
    {
      config: { access: 'operate' },
      schema: {
        tags,
        summary: 'Return machines',
        description:
          'Records a return request and terminates the machines at their providers; the return request completes once every machine is gone. Idempotency-Key works as for POST /requests.',
        headers: IdempotencyHeadersSchema,
        body: CreateReturnBodySchema,
        response: {
          200: z.union([ReturnViewSchema, ReturnPlanSchema]),
          202: ReturnViewSchema,
          ...COMMON_ERROR_RESPONSES,
          404: ErrorEnvelopeSchema,
          409: ErrorEnvelopeSchema,
        },
      },
    },
    async (request, reply) => {
      const idempotencyKey = request.headers['idempotency-key'];
      const result = await application.dispatch(
        {
          type: 'ReturnMachines',
          organizationId: organizationOf(request),
          machines: request.body.machineIds.map((machineId) => ({ machineId })),
          ...(idempotencyKey === undefined ? {} : { idempotencyKey }),
          dryRun: request.body.dryRun ?? false,
        },
        dispatchOptionsOf(request),
      );
      const notFound = result.notFound.map((reference) => reference.machineId ?? reference.name ?? '');
      if (result.dryRun || result.request === undefined) {
        return reply.code(200).send({ dryRun: true as const, machines: [...result.machines], notFound, plan: [...(result.plan ?? [])] });
      }
      if (result.created) dependencies.onWorkCreated?.();
      return reply.code(result.created ? 202 : 200).send({ ...requestView(result.request, result.machines), notFound });
    },
  );
}
