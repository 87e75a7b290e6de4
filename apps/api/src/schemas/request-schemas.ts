import {
  MACHINE_STATES,
  MachineRequestSchema,
  MachineSchema,
  REQUEST_STATUSES,
  TemplateIdSchema,
} from '@ohf/domain-core';
import { z } from 'zod';
import { pageOf, plainText } from './common-schemas.js';
import { TemplateBodySchema } from './template-schemas.js';

export const MachineRequestResponseSchema = MachineRequestSchema.meta({
  id: 'Request',
  description: 'A request for machines (`req-…`) or for their return (`ret-…`).',
});
export const MachineResponseSchema = MachineSchema.meta({ id: 'Machine', description: 'A machine, with its normalized and raw state.' });

export const RequestProgressSchema = z
  .object({
    requested: z.number().int(),
    machines: z.number().int().describe('Machines recorded for the request so far.'),
    byState: z.partialRecord(z.enum(MACHINE_STATES), z.number().int()),
    final: z.boolean().describe('The status will not change any more.'),
  })
  .meta({ id: 'RequestProgress' });

export const RequestViewSchema = z
  .object({
    request: MachineRequestResponseSchema,
    machines: z.array(MachineResponseSchema),
    progress: RequestProgressSchema,
  })
  .meta({ id: 'RequestView' });

export const RequestPageSchema = pageOf(MachineRequestResponseSchema, 'RequestPage');
export const MachinePageSchema = pageOf(MachineResponseSchema, 'MachinePage');

export const CreateRequestBodySchema = z
  .strictObject({
    templateId: TemplateIdSchema.optional().describe('A stored template to request machines from…'),
    template: TemplateBodySchema.optional().describe(
      '…or a new template, stored as the organization\'s own (as POST /templates stores one) before the machines are requested from it. Needs only the request permission.',
    ),
    maxNumber: z.number().int().min(1, 'maxNumber must be at least 1').describe('How many machines to provision.'),
    providerPreference: z
      .strictObject({
        type: plainText().optional().describe('A provider type, e.g. aws.'),
        instance: plainText().optional().describe('A provider instance, e.g. aws-us-east-1.'),
      })
      .optional(),
    selectionCriteria: z
      .record(z.string(), z.unknown())
      .optional()
      .describe('Selection criteria, e.g. {"require_healthy": true, "exclude_strategies": ["aws-backup"]}.'),
    dryRun: z
      .boolean()
      .optional()
      .describe('Plan only: the chosen provider, the explanation and the provider calls; nothing is recorded. Only with templateId.'),
  })
  // Exactly one source of the template: the route cannot guess which one the caller meant.
  .refine((body) => (body.templateId === undefined) !== (body.template === undefined), {
    message: 'give either templateId (a stored template) or template (a new one), not both',
    path: ['templateId'],
    // Also beside other problems: a body missing both hears about it with the rest.
    when: (payload) => typeof payload.value === 'object' && payload.value !== null,
  })
  // A plan needs a stored template, and planning must store nothing.
  .refine((body) => body.template === undefined || body.dryRun !== true, {
    message: 'dryRun needs a stored template; check an inline template with POST /templates/validate first',
    path: ['dryRun'],
  })
  .meta({ id: 'CreateRequest' });

export const CreateRequestResultSchema = RequestViewSchema.extend({
  createdTemplateId: TemplateIdSchema.optional().describe(
    'The templateId stored from the inline template (also on a replay with the same Idempotency-Key); absent when the body named a stored template.',
  ),
}).meta({ id: 'CreateRequestResult' });

export const DryRunPlanSchema = z
  .object({
    dryRun: z.literal(true),
    templateId: z.string(),
    providerInstance: z.string(),
    providerType: z.string(),
    providerApi: z.string().optional(),
    selection: z.unknown(),
    plannedCalls: z.array(z.unknown()),
    warnings: z.array(z.unknown()).optional(),
  })
  .meta({ id: 'RequestPlan' });

export const RequestStatusSchema = z.enum(REQUEST_STATUSES);

export const CancelRequestBodySchema = z
  .strictObject({
    terminateMachines: z
      .boolean()
      .default(false)
      .describe('Also return the machines already created (default false: they stay).'),
  })
  .meta({ id: 'CancelRequest' });

export const CancelResultSchema = RequestViewSchema.extend({
  returnRequestId: z.string().optional().describe('The return request terminating the machines, when asked to.'),
  released: z
    .array(
      z.object({
        providerInstance: z.string(),
        resources: z.array(z.object({ kind: z.string(), id: z.string(), action: z.string() })),
        terminated: z.array(z.string()),
        plannedCalls: z.array(z.unknown()).optional(),
      }),
    )
    .describe('With terminateMachines: what each provider instance the request used released (fleets, groups, machines), recorded or not.'),
  problems: z.array(z.string()).describe('Provider instances that could not be asked to release (`instance: CODE: message`).'),
}).meta({ id: 'CancelResult' });

export const CreateReturnBodySchema = z
  .strictObject({
    machineIds: z
      .array(plainText())
      .min(1, 'give at least one machine id')
      .max(10_000)
      .describe('Our machine ids (m-…) or the clouds\' instance ids.'),
    dryRun: z.boolean().optional(),
  })
  .meta({ id: 'CreateReturn' });

export const ReturnViewSchema = RequestViewSchema.extend({
  notFound: z.array(z.string()).describe('Ids that match no machine we know (reported, not fatal).'),
}).meta({ id: 'ReturnView' });

export const ReturnPlanSchema = z
  .object({ dryRun: z.literal(true), machines: z.array(MachineResponseSchema), notFound: z.array(z.string()), plan: z.array(z.unknown()) })
  .meta({ id: 'ReturnPlan' });
