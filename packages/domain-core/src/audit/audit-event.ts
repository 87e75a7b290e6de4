import { z } from 'zod';
import { OrganizationIdSchema } from '../tenancy/organization.js';

/** Who caused an event: a user through a key, the CLI (the scheduler), or the system itself (workers). */
export const ActorSchema = z.object({
  kind: z.enum(['user', 'cli', 'system']),
  /** The user id, or the configuration key's name. */
  id: z.string().optional(),
  /** The user's name or the key's name, as shown to people. */
  name: z.string().optional(),
  /** The API key used, by id (never the key). */
  keyId: z.string().optional(),
});
export type Actor = z.infer<typeof ActorSchema>;

export const SYSTEM_ACTOR: Actor = { kind: 'system' };
export const CLI_ACTOR: Actor = { kind: 'cli' };

/** Where a call came from, when an event records one. */
export const EventSourceSchema = z.object({
  ip: z.string().optional(),
  /** The HTTP request id (X-Request-Id), to find the call in the logs. */
  httpRequestId: z.string().optional(),
});
export type EventSource = z.infer<typeof EventSourceSchema>;

/**
 * One line of the audit trail. `type` is a domain event type (`RequestCreated`,
 * `ProvisionAttemptFailed`, `MachineStateChanged`…) or `ApiCall` for a mutating API call.
 * `data` never holds secrets.
 */
export const AuditEventInputSchema = z.object({
  /** A UUID, unique across installations (webhook receivers deduplicate on it). */
  eventId: z.string().min(1),
  organizationId: OrganizationIdSchema,
  type: z.string().min(1).max(100),
  occurredAt: z.string(),
  actor: ActorSchema.default({ kind: 'system' }),
  source: EventSourceSchema.optional(),
  requestId: z.string().optional(),
  machineId: z.string().optional(),
  providerInstance: z.string().optional(),
  data: z.record(z.string(), z.unknown()).default({}),
});
export type AuditEventInput = z.input<typeof AuditEventInputSchema>;

export const AuditEventSchema = AuditEventInputSchema.extend({
  /** Assigned by storage, strictly increasing in commit order per storage: the SSE `id` and the paging cursor. */
  sequence: z.number().int().positive(),
});
export type AuditEvent = z.infer<typeof AuditEventSchema>;

export interface AuditEventFilter {
  /** One organization's events; all organizations when absent (platform admins, webhooks worker). */
  readonly organizationId?: string;
  /** Events after this sequence (exclusive): the cursor of the previous page or `Last-Event-ID`. */
  readonly afterSequence?: number;
  /** Events at or after this time (ISO 8601). */
  readonly since?: string;
  readonly types?: readonly string[];
  readonly requestId?: string;
  readonly machineId?: string;
  /** At most this many, oldest first; default 100, at most 1,000. */
  readonly limit?: number;
}

/** Options of a save that records what it changed in the audit trail, atomically. */
export interface SaveOptions {
  /** Written in the same transaction as the change: both are stored, or neither. */
  readonly events?: readonly AuditEventInput[];
}

/**
 * The audit trail. Events that go with a change are written by the change's `save` (see
 * `SaveOptions`); `append` is for events that record no stored change (provider health,
 * circuit breakers, API calls refused before any change).
 */
export interface AuditLog {
  /**
   * Stores the events, atomically. Their sequences are read back with `list`: a store may give
   * them when they become readable rather than here, so writing costs one round trip.
   */
  append(events: readonly AuditEventInput[]): Promise<void>;
  /** Oldest first, by sequence. */
  list(filter?: AuditEventFilter): Promise<readonly AuditEvent[]>;
  /** The highest sequence written so far (0 when none): where a live stream starts. */
  latestSequence(): Promise<number>;
  /** Deletes events that occurred before `cutoff` (ISO 8601); returns how many. */
  deleteBefore(cutoff: string): Promise<number>;
}
export const AuditLog = Symbol.for('ohf.AuditLog');
