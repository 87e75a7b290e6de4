import { COST_GROUPINGS } from '@ohf/domain-core';
import { organizationOf } from '../auth/caller.js';
import { z } from 'zod';
import { COMMON_ERROR_RESPONSES } from '../schemas/common-schemas.js';
import type { ApiDependencies } from '../server/api-dependencies.js';
import type { ZodServer } from '../server/create-api-server.js';

const CostsQuerySchema = z.object({
  group_by: z.enum(COST_GROUPINGS).default('provider').describe('Group by provider instance or template.'),
  since: z.iso.datetime({ offset: true }).optional().describe('Start of the period (ISO 8601); absent: every machine from its launch.'),
  running_only: z
    .enum(['true', 'false'])
    .default('false')
    .transform((value) => value === 'true')
    .describe('Only machines not yet ended: what runs now and costs per hour.'),
});

const CostGroupSchema = z.object({
  key: z.string(),
  machines: z.number().int(),
  machineHours: z.number(),
  cost: z.number(),
  runningPriceHourly: z.number().describe('What the machines of the group still running cost per hour now.'),
  runningMachines: z.number().int(),
});

const CostSummarySchema = z
  .object({
    since: z.string().nullable(),
    until: z.string(),
    groupBy: z.enum(COST_GROUPINGS),
    currencies: z.array(z.string()),
    groups: z.array(CostGroupSchema),
    total: z.object({ machines: z.number().int(), machineHours: z.number(), cost: z.number(), runningPriceHourly: z.number() }),
    unpricedMachines: z.number().int().describe('Machines launched without a recorded price (counted in no cost).'),
  })
  .meta({ id: 'CostSummary', description: 'Machine-hours × the hourly price recorded at launch, per group, and the hourly spend of what still runs.' });

/** What the caller's organization's machines cost, as `ohfp costs` reports it. */
export function registerCostRoutes(server: ZodServer, dependencies: ApiDependencies): void {
  server.get(
    '/costs',
    {
      schema: {
        tags: ['machines'],
        summary: 'What the machines cost per provider instance or template, and the hourly spend now',
        querystring: CostsQuerySchema,
        response: { 200: CostSummarySchema, ...COMMON_ERROR_RESPONSES },
      },
    },
    async (request) =>
      dependencies.application.dispatch(
        {
          type: 'GetCosts',
          organizationId: organizationOf(request),
          groupBy: request.query.group_by,
          runningOnly: request.query.running_only,
          ...(request.query.since === undefined ? {} : { since: request.query.since }),
        },
        { correlationId: request.id },
      ),
  );
}
