import { MACHINE_STATES } from '@ohf/domain-core';
import { z } from 'zod';
import { COMMON_ERROR_RESPONSES, ErrorEnvelopeSchema, listQuery, PaginationQuerySchema } from '../schemas/common-schemas.js';
import { MachineActionBodySchema, MachineActionResultSchema } from '../schemas/machine-action-schemas.js';
import { MachinePageSchema, MachineResponseSchema } from '../schemas/request-schemas.js';
import type { ApiDependencies } from '../server/api-dependencies.js';
import type { ZodServer } from '../server/create-api-server.js';
import { organizationOf } from '../auth/caller.js';
import { dispatchOptionsOf } from '../events/caller-of.js';

/** Machines as stored (states are refreshed by the background workers and status polls), and their power actions. */
export function registerMachineRoutes(server: ZodServer, dependencies: ApiDependencies): void {
  const { application } = dependencies;
  const tags = ['machines'];

  server.get(
    '/machines',
    {
      schema: {
        tags,
        summary: 'List machines',
        querystring: z.object({
          request_id: z.string().min(1).optional(),
          provider_instance: z.string().min(1).optional(),
          state: listQuery(z.enum(MACHINE_STATES)).describe('Only these states (comma-separated or repeated).'),
          ...PaginationQuerySchema,
        }),
        response: { 200: MachinePageSchema, ...COMMON_ERROR_RESPONSES },
      },
    },
    async (request) => {
      const query = request.query;
      const page = await application.dispatch(
        {
          type: 'ListMachines',
          organizationId: organizationOf(request),
          ...(query.request_id === undefined ? {} : { requestId: query.request_id }),
          ...(query.provider_instance === undefined ? {} : { providerInstance: query.provider_instance }),
          ...(query.state === undefined || query.state.length === 0 ? {} : { states: query.state }),
          limit: query.limit,
          offset: query.offset,
        },
        { correlationId: request.id },
      );
      return { items: page.items, total: page.total, limit: query.limit, offset: query.offset };
    },
  );

  server.get(
    '/machines/:id',
    {
      schema: {
        tags,
        summary: 'One machine, by our id (m-…) or its cloud id',
        params: z.object({ id: z.string().min(1).max(200) }),
        querystring: z.object({
          provider_instance: z.string().min(1).optional().describe('Narrows a cloud id to one provider instance.'),
        }),
        response: { 200: MachineResponseSchema, ...COMMON_ERROR_RESPONSES, 404: ErrorEnvelopeSchema },
      },
    },
    async (request) =>
      application.dispatch(
        {
          type: 'GetMachine',
          organizationId: organizationOf(request),
          machineId: request.params.id,
          ...(request.query.provider_instance === undefined ? {} : { providerInstance: request.query.provider_instance }),
        },
        { correlationId: request.id },
      ),
  );

  server.post(
    '/machines/:id/actions',
    {
      config: { access: 'operate' },
      schema: {
        tags,
        summary: 'Boot, shut down or reboot one machine',
        description:
          "Sends the action to the machine's provider instance (AWS StartInstances/StopInstances/RebootInstances, Linode boot/shutdown/reboot, DigitalOcean power_on/shutdown/reboot), then reads the machine back and records its state. A terminated or returning machine is 409; a provider type without power actions is 422.",
        params: z.object({ id: z.string().min(1).max(200) }),
        querystring: z.object({
          provider_instance: z.string().min(1).optional().describe('Narrows a cloud id to one provider instance.'),
        }),
        body: MachineActionBodySchema,
        response: { 200: MachineActionResultSchema, ...COMMON_ERROR_RESPONSES, 404: ErrorEnvelopeSchema, 409: ErrorEnvelopeSchema, 422: ErrorEnvelopeSchema },
      },
    },
    async (request) => {
      const result = await application.dispatch(
        {
          type: 'PerformMachineAction',
          organizationId: organizationOf(request),
          machineId: request.params.id,
          action: request.body.action,
          dryRun: request.body.dryRun ?? false,
          ...(request.query.provider_instance === undefined ? {} : { providerInstance: request.query.provider_instance }),
        },
        dispatchOptionsOf(request),
      );
      return { ...result, ...(result.plannedCalls === undefined ? {} : { plannedCalls: [...result.plannedCalls] }) };
    },
  );
}
