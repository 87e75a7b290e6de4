import { DEFAULT_ORGANIZATION_ID, type AuditEvent } from '@ohf/domain-core';
import { z } from 'zod';
import type { CommandDefinition, OptionValues } from '../cli/command-definition.js';
import { EXIT_CODES } from '../cli/exit-codes.js';
import { UsageError } from '../cli/parse-arguments.js';
import { sinceOf } from './costs-command.js';
import { dispatch } from './dispatch.js';

/** The flags of `ohfp events list`, as the parser hands them over. */
const EventsListOptionsSchema = z.object({
  request: z.string().min(1, '--request needs a request id').optional(),
  machine: z.string().min(1, '--machine needs a machine id').optional(),
  type: z.array(z.string().min(1).max(100)).min(1).optional(),
  since: z.string().min(1).optional(),
  limit: z
    .string()
    .regex(/^\d+$/, '--limit must be a whole number')
    .transform(Number)
    .pipe(z.number().int().min(1, '--limit must be at least 1').max(1000, '--limit must be at most 1000'))
    .default(100),
  after: z
    .string()
    .regex(/^\d+$/, '--after must be an event sequence number')
    .transform(Number)
    .optional(),
});

function parseOptions(options: OptionValues): z.infer<typeof EventsListOptionsSchema> {
  const parsed = EventsListOptionsSchema.safeParse(Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined)));
  if (!parsed.success) throw new UsageError(parsed.error.issues.map((issue) => issue.message).join('; '));
  return parsed.data;
}

function actorOf(event: AuditEvent): string {
  return event.actor.name ?? event.actor.id ?? event.actor.kind;
}

/** `ohfp events list`: the audit trail of the scheduler's organization, oldest first. */
export const eventsListCommand: CommandDefinition = {
  path: ['events', 'list'],
  group: 'Audit',
  summary: 'What happened to requests and machines, who caused it and when (the audit trail), oldest first.',
  description:
    'Lists the stored events of the default organization (the one the CLI and Host Factory act in): requests accepted, provisioning attempts and their outcome, failovers with their reason, machines created, changing state and returned, cancellations. Pages hold at most --limit events; when more follow, the answer gives nextSequence, to pass as --after.',
  options: [
    { name: 'request', type: 'string', valueName: 'ID', description: 'Only the events of this request.' },
    { name: 'machine', type: 'string', valueName: 'ID', description: 'Only the events of this machine (our m-… id).' },
    { name: 'type', type: 'string', valueName: 'TYPE', multiple: true, description: 'Only events of this type (repeatable), e.g. ProviderFailover, ProvisionAttemptEnded.' },
    { name: 'since', type: 'string', valueName: 'ISO|1h|1d', description: 'Only events from this time on: an ISO 8601 date or time, or a span back from now.' },
    { name: 'limit', type: 'string', valueName: 'N', description: 'At most this many events (1–1000, default 100).' },
    { name: 'after', type: 'string', valueName: 'SEQUENCE', description: 'Only events after this sequence number (the nextSequence of the previous page).' },
  ],
  examples: ['ohfp events list --request req-… --format table', 'ohfp events list --type ProviderFailover --since 1d', 'ohfp events list --machine m-… --limit 20'],
  fieldOptions: { requestId: 'request', machineId: 'machine', types: 'type', since: 'since', limit: 'limit', afterSequence: 'after' },
  run: async (invocation, context) => {
    const options = parseOptions(invocation.options);
    const page = await dispatch(context, {
      type: 'ListEvents',
      organizationId: DEFAULT_ORGANIZATION_ID,
      limit: options.limit,
      ...(options.request === undefined ? {} : { requestId: options.request }),
      ...(options.machine === undefined ? {} : { machineId: options.machine }),
      ...(options.type === undefined ? {} : { types: options.type }),
      ...(options.since === undefined ? {} : { since: sinceOf(options.since, new Date()) }),
      ...(options.after === undefined ? {} : { afterSequence: options.after }),
    });
    return {
      exitCode: EXIT_CODES.success,
      output: page,
      table: {
        columns: ['sequence', 'occurredAt', 'type', 'actor', 'requestId', 'machineId', 'providerInstance', 'data'],
        rows: page.events.map((event) => [
          event.sequence,
          event.occurredAt,
          event.type,
          actorOf(event),
          event.requestId ?? '',
          event.machineId ?? '',
          event.providerInstance ?? '',
          JSON.stringify(event.data),
        ]),
      },
    };
  },
};
