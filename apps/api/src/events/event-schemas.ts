import { z } from 'zod';
import { listQuery, plainText } from '../schemas/common-schemas.js';

export const ActorViewSchema = z
  .object({
    kind: z.enum(['user', 'cli', 'system']),
    id: z.string().optional(),
    name: z.string().optional(),
    keyId: z.string().optional().describe('The API key used, by id (never the key).'),
  })
  .meta({ id: 'Actor', description: 'Who caused the event: a user through a key, the CLI, or the system (background workers).' });

export const EventViewSchema = z
  .object({
    sequence: z.number().int().positive().describe('Strictly increasing in the order events were stored: the paging cursor and the SSE id.'),
    eventId: z.string().describe('Unique across installations; webhook receivers deduplicate on it.'),
    organizationId: z.string(),
    type: z.string().describe('A domain event type (RequestCreated, ProvisionAttemptFailed, MachineStateChanged…) or ApiCall.'),
    occurredAt: z.string(),
    actor: ActorViewSchema,
    source: z.object({ ip: z.string().optional(), httpRequestId: z.string().optional() }).optional(),
    requestId: z.string().optional(),
    machineId: z.string().optional(),
    providerInstance: z.string().optional(),
    data: z.record(z.string(), z.unknown()),
  })
  .meta({ id: 'AuditEvent', description: 'One line of the audit trail. Never holds secrets.' });
export type EventView = z.infer<typeof EventViewSchema>;

export const EventPageSchema = z
  .object({
    items: z.array(EventViewSchema),
    next: z
      .number()
      .int()
      .optional()
      .describe('Present when more events follow: pass it as `after` for the next page.'),
  })
  .meta({ id: 'EventPage' });

/** A sequence cursor as a query value: a whole number, 0 for "from the start". */
export const SequenceCursorSchema = z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

/** The filters both the list and the stream take. */
export const EventFilterQuerySchema = {
  type: listQuery(plainText(100)).describe('Only these event types (comma-separated or repeated).'),
  request_id: plainText().optional().describe('Only events about this request.'),
  machine_id: plainText().optional().describe('Only events about this machine.'),
};

export const EventListQuerySchema = z.object({
  since: z.iso.datetime({ offset: true }).optional().describe('Events at or after this time (ISO 8601).'),
  ...EventFilterQuerySchema,
  after: SequenceCursorSchema.optional().describe('Events after this sequence: the `next` of the previous page.'),
  limit: z.coerce.number().int().min(1).max(1000).default(100).describe('Page size (1–1000).'),
});

export const EventStreamQuerySchema = z.object({
  ...EventFilterQuerySchema,
  after: SequenceCursorSchema.optional().describe(
    'Start after this sequence (0: from the oldest stored event). Without it (and without Last-Event-ID) the stream starts with the events written from now on.',
  ),
});

export const EventStreamHeadersSchema = z.object({
  'last-event-id': z
    .string()
    .regex(/^\d{1,16}$/, 'Last-Event-ID is the sequence of the last event received')
    .optional()
    .describe('Sent by EventSource on reconnection: the stream resumes after this sequence (wins over `after`).'),
});
