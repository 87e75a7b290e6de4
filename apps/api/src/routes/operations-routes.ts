import { z } from 'zod';
import type { ApiDependencies } from '../server/api-dependencies.js';
import type { ZodServer } from '../server/create-api-server.js';
import { ReadinessProbe } from '../server/readiness-probe.js';
import { VERSION } from '../version.js';

const HealthSchema = z.object({ status: z.literal('ok'), version: z.string(), uptimeSeconds: z.number() });

const ReadinessSchema = z.object({
  ready: z.boolean(),
  storage: z.object({ ok: z.boolean(), strategy: z.string(), latencyMs: z.number(), detail: z.string() }),
  providers: z.array(z.object({ name: z.string(), healthy: z.boolean(), detail: z.string().optional() })),
  checkedAt: z.string(),
});

/** /healthz (the process answers), /readyz (storage and a healthy provider), /metrics (Prometheus). */
export function registerOperationsRoutes(server: ZodServer, dependencies: ApiDependencies): void {
  const probe = new ReadinessProbe(dependencies.storage, dependencies.providers);
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
      config: { access: 'public' },
      schema: {
        tags: ['operations'],
        summary: 'Storage answers and at least one provider instance is healthy',
        response: { 200: ReadinessSchema, 503: ReadinessSchema },
      },
    },
    async (_request, reply) => {
      const readiness = await probe.check();
      return reply.code(readiness.ready ? 200 : 503).send({
        ...readiness,
        providers: readiness.providers.map((provider) => ({ ...provider })),
      });
    },
  );

  server.get(
    '/metrics',
    {
      config: { access: dependencies.configuration.auth.public_metrics ? 'public' : 'read' },
      schema: { tags: ['operations'], summary: 'Prometheus metrics (text exposition format)', produces: ['text/plain'] },
    },
    async (_request, reply) => reply.type(dependencies.metrics.contentType()).send(await dependencies.metrics.render()),
  );
}
