import { z } from 'zod';
import { ErrorEnvelopeSchema } from '../schemas/common-schemas.js';
import type { ApiDependencies } from '../server/api-dependencies.js';
import type { ZodServer } from '../server/create-api-server.js';
import { ReadinessProbe, summaryOf } from '../server/readiness-probe.js';
import { VERSION } from '../version.js';
import { ProviderVisibility } from '../tenancy/provider-visibility.js';

const HealthSchema = z.object({ status: z.literal('ok'), version: z.string(), uptimeSeconds: z.number() });

const ReadinessSchema = z
  .object({
    ready: z.boolean(),
    storage: z.object({
      ok: z.boolean(),
      strategy: z.string().optional(),
      latencyMs: z.number().optional(),
      detail: z.string().optional(),
    }),
    providers: z.array(
      z.object({ name: z.string(), healthy: z.boolean(), latencyMs: z.number().optional(), detail: z.string().optional() }),
    ),
    workers: z.object({
      ok: z.boolean(),
      running: z.boolean().optional(),
      inFlight: z.number().int().optional(),
      claimFailures: z.number().int().optional(),
    }),
    checkedAt: z.string(),
  })
  .meta({
    id: 'Readiness',
    description:
      'Ready or not per component. Details (storage strategy and latency, provider health text and latency, worker counts) only for a caller with a valid API key.',
  });

/** /healthz (the process answers), /readyz (storage and a healthy provider), /metrics (Prometheus). */
export function registerOperationsRoutes(server: ZodServer, dependencies: ApiDependencies): void {
  const probe = new ReadinessProbe(dependencies.storage, dependencies.providers, {
    ...(dependencies.workersStatus === undefined ? {} : { workers: dependencies.workersStatus }),
  });
  const authenticationOn = dependencies.configuration.auth.enabled;
  const visibility = new ProviderVisibility(dependencies.providers, dependencies.storage.providerInstances);
  const started = performance.now();

  server.get(
    '/healthz',
    {
      config: { access: 'public' },
      schema: { tags: ['operations'], summary: 'The process is up', response: { 200: HealthSchema } },
    },
    async () => ({ status: 'ok' as const, version: VERSION, uptimeSeconds: Math.round((performance.now() - started) / 1000) }),
  );

  server.get(
    '/readyz',
    {
      // Open to probes; a key, when sent, must be valid, and its holder sees the details.
      config: { access: 'optional' },
      schema: {
        tags: ['operations'],
        summary: 'Storage answers, at least one provider instance is healthy and the workers reach storage',
        response: { 200: ReadinessSchema, 401: ErrorEnvelopeSchema, 503: ReadinessSchema },
      },
    },
    async (request, reply) => {
      const readiness = await probe.check();
      // Provider error text can name credentials and storage details name hosts: not for strangers.
      const withDetails = request.principal !== undefined || !authenticationOn;
      const answer = withDetails ? readiness : summaryOf(readiness);
      // Another organization's instances are its business, even by name.
      const visible = await visibility.of(request.principal);
      const providers = answer.providers.filter((provider) => visible.has(provider.name)).map((provider) => ({ ...provider }));
      return reply.code(readiness.ready ? 200 : 503).send({ ...answer, providers });
    },
  );

  server.get(
    '/metrics',
    {
      // Labels name provider instances, some of them organizations' own: for the platform's operators only.
      config: { access: dependencies.configuration.auth.public_metrics ? 'public' : 'platform' },
      schema: { tags: ['operations'], summary: 'Prometheus metrics (text exposition format)', produces: ['text/plain'] },
    },
    async (_request, reply) => reply.type(dependencies.metrics.contentType()).send(await dependencies.metrics.render()),
  );
}
