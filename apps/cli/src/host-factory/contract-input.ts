import { z } from 'zod';

/** Inputs of the five Host Factory operations, exactly as Symphony sends them (HOSTFACTORY.md). */

export const GetAvailableTemplatesInputSchema = z.object({}).passthrough();

const machineCount = z.coerce.number().int('machineCount must be a whole number').min(1, 'machineCount must be at least 1');

/** `{"template":{"templateId","machineCount"}}`; the older flat snake_case form is accepted too. */
export const RequestMachinesInputSchema = z
  .union([
    z.object({ template: z.object({ templateId: z.string().min(1), machineCount }) }),
    z.object({ template_id: z.string().min(1), machine_count: machineCount }),
  ])
  .transform((input) =>
    'template' in input
      ? { templateId: input.template.templateId, machineCount: input.template.machineCount }
      : { templateId: input.template_id, machineCount: input.machine_count },
  );

const HostSchema = z.object({ name: z.string().default(''), machineId: z.string().min(1) });

export const RequestReturnMachinesInputSchema = z.object({
  machines: z.array(HostSchema).min(1, 'list at least one machine to return'),
});

/** `{"requests":[{"requestId":…}]}` or a single `{"requestId":…}`. */
export const GetRequestStatusInputSchema = z
  .union([
    z.object({ requests: z.array(z.object({ requestId: z.string().min(1) })).min(1, 'list at least one request') }),
    z.object({ requestId: z.string().min(1) }),
  ])
  .transform((input) => ('requests' in input ? input.requests.map((request) => request.requestId) : [input.requestId]));

export const GetReturnRequestsInputSchema = z.object({ machines: z.array(HostSchema).default([]) });
