import { TemplateIdSchema } from '@ohf/domain-core';
import { z } from 'zod';

/**
 * Inputs of the five Host Factory operations as Symphony and the other Host Factory providers
 * send them (HOSTFACTORY.md). Shapes are tolerated the way IBM's reference allows them — one
 * object where a list is expected, machines named by host name only — but values are never
 * coerced: a count is a JSON number, ids and names are printable text. What the REST API
 * refuses with 400 is refused here with exit code 2.
 */

export const GetAvailableTemplatesInputSchema = z.object({}).passthrough();

// Control characters (NUL, ESC, DEL, C1) have no place in ids or host names, and a lone
// surrogate is not text at all: both would only reach storage or a cloud API as garbage.
const controlCharacters = /\p{Cc}/u;
// Without the u flag the pattern sees UTF-16 code units, so a surrogate without its pair shows.
const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function isPlainText(value: string): boolean {
  return !controlCharacters.test(value) && !loneSurrogate.test(value);
}

/** An id or a name: a non-empty string of printable, well-formed text. */
function contractText(field: string, maxLength = 255) {
  return z
    .string({ error: `${field} must be a string` })
    .min(1, `${field} must not be empty`)
    .max(maxLength, `${field} must be at most ${maxLength} characters`)
    .refine(isPlainText, `${field} must not contain control characters (such as NUL) or invalid Unicode`);
}

/** Like contractText, but an empty string (or null) means "not given": Symphony sends `"name": ""` for hosts without one. */
function optionalContractText(field: string) {
  return z.preprocess((value) => (value === '' || value === null ? undefined : value), contractText(field).optional());
}

/** A list, or the single object IBM's reference allows in its place. */
function oneOrMany<Item extends z.ZodType>(item: Item) {
  return z.preprocess((value) => (value !== null && typeof value === 'object' && !Array.isArray(value) ? [value] : value), z.array(item));
}

// No coercion: "2", "0x2", true, [2] and 2.5 are refused, as the REST API refuses them. A JSON
// number written 1e3 is the number 1000, for the API too.
const machineCount = z
  .number({ error: 'machineCount must be a JSON number (a whole number of machines, e.g. 3), not a string, boolean or list' })
  .int('machineCount must be a whole number')
  .min(1, 'machineCount must be at least 1');

const templateId = z.string({ error: 'templateId must be a string' }).pipe(TemplateIdSchema);

const TemplateRequestSchema = z.object({ templateId, machineCount });

/** Input as an object of fields, or undefined when it is something else (left for the schema to refuse). */
function fieldsOf(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

/**
 * `{"template":{"templateId","machineCount"}}`, with `template` also as a list holding that one
 * object; the older flat snake_case form (`template_id`, `machine_count`) is accepted too.
 * Shapes are settled before validation, so every problem names its field.
 */
export const RequestMachinesInputSchema = z
  .preprocess(
    (value) => {
      const input = fieldsOf(value);
      if (input === undefined) return value;
      if (input['template'] === undefined && (input['template_id'] !== undefined || input['machine_count'] !== undefined)) {
        return { template: { templateId: input['template_id'], machineCount: input['machine_count'] } };
      }
      const template = input['template'];
      return Array.isArray(template) && template.length === 1 ? { ...input, template: template[0] } : input;
    },
    z.object({
      template: z.custom<unknown>((value) => !Array.isArray(value), 'give one template per request').pipe(TemplateRequestSchema),
    }),
  )
  .transform((input) => ({ templateId: input.template.templateId, machineCount: input.template.machineCount }));

const HostSchema = z
  .object({ name: optionalContractText('name'), machineId: optionalContractText('machineId') })
  .refine((host) => host.name !== undefined || host.machineId !== undefined, 'give the machine\'s machineId or its name');

export type ContractHost = z.infer<typeof HostSchema>;

/** `{"machines": [...]}`, one machine object in its place, or one bare `{"name"}` as IBM's reference shows it. */
function machinesInput(minimum: number) {
  return z.preprocess(
    (value) => {
      const input = fieldsOf(value);
      if (input === undefined) return value;
      if (input['machines'] === undefined && (input['name'] !== undefined || input['machineId'] !== undefined)) return { machines: [input] };
      return input;
    },
    z.object({
      machines: minimum > 0 ? oneOrMany(HostSchema).refine((hosts) => hosts.length >= minimum, 'list at least one machine to return') : oneOrMany(HostSchema).default([]),
    }),
  );
}

export const RequestReturnMachinesInputSchema = machinesInput(1);

export const GetReturnRequestsInputSchema = machinesInput(0);

const RequestReferenceSchema = z.object({ requestId: contractText('requestId') });

/** `{"requests":[{"requestId":…}]}`, `{"requests":{"requestId":…}}` or a single `{"requestId":…}`. */
export const GetRequestStatusInputSchema = z
  .preprocess(
    (value) => {
      const input = fieldsOf(value);
      return input !== undefined && input['requests'] === undefined && input['requestId'] !== undefined ? { requests: [input] } : value;
    },
    z.object({ requests: oneOrMany(RequestReferenceSchema).refine((requests) => requests.length > 0, 'list at least one request') }),
  )
  .transform((input) => input.requests.map((request) => request.requestId));

/** How the application names a machine: only what was given. */
export function toMachineReference(host: ContractHost): { machineId?: string; name?: string } {
  return { ...(host.machineId === undefined ? {} : { machineId: host.machineId }), ...(host.name === undefined ? {} : { name: host.name }) };
}
