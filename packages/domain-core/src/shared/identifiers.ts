import { z } from 'zod';
import { ValidationError } from '../errors/ohf-error.js';

/** Template ids appear in file names, tags and labels, so they stay short and plain. */
export const TemplateIdSchema = z
  .string()
  .min(1, 'templateId must not be empty')
  .max(64, 'templateId must be at most 64 characters')
  .regex(/^[A-Za-z0-9_-]+$/, 'templateId may contain only letters, digits, "_" and "-"');
export type TemplateId = z.infer<typeof TemplateIdSchema>;

const uuidPattern = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
export const AcquireRequestIdSchema = z.string().regex(new RegExp(`^req-${uuidPattern}$`), 'expected req-<uuid>');
export const ReturnRequestIdSchema = z.string().regex(new RegExp(`^ret-${uuidPattern}$`), 'expected ret-<uuid>');
export const RequestIdSchema = z.union([AcquireRequestIdSchema, ReturnRequestIdSchema]);
export type RequestId = z.infer<typeof RequestIdSchema>;

/** What a machine id looks like, for plain checks beside the schema (see parseMachine). */
export const MACHINE_ID_PATTERN = new RegExp(`^m-${uuidPattern}$`);
export const MachineIdSchema = z.string().regex(MACHINE_ID_PATTERN, 'expected m-<uuid>');
export type MachineId = z.infer<typeof MachineIdSchema>;

export type RequestKind = 'acquire' | 'return';

/** Source of new ids; injectable so tests can predict them. */
export interface IdGenerator {
  uuid(): string;
}

export const randomIdGenerator: IdGenerator = { uuid: () => crypto.randomUUID() };

export function newRequestId(kind: RequestKind, ids: IdGenerator = randomIdGenerator): RequestId {
  return `${kind === 'acquire' ? 'req' : 'ret'}-${ids.uuid()}`;
}

export function newMachineId(ids: IdGenerator = randomIdGenerator): MachineId {
  return `m-${ids.uuid()}`;
}

export function requestKindOf(requestId: string): RequestKind | undefined {
  if (requestId.startsWith('req-')) return 'acquire';
  if (requestId.startsWith('ret-')) return 'return';
  return undefined;
}

export function parseTemplateId(value: unknown): TemplateId {
  const parsed = TemplateIdSchema.safeParse(value);
  if (!parsed.success) {
    throw new ValidationError(`Invalid templateId ${JSON.stringify(value)}: ${parsed.error.issues[0]?.message}`, {
      details: { field: 'templateId' },
    });
  }
  return parsed.data;
}

/** Wall clock; injectable so tests and benchmarks control time. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
