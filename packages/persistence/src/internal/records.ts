import { StorageError } from '@ohf/domain-core';
import type { z } from 'zod';

function describe(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
    .join('; ');
}

/**
 * Tenancy, provider instance, event and webhook records are checked on the way in
 * (VALIDATION_ERROR, nothing unreadable is stored) and parsed on the way out (a bad row fails
 * with where it is), like requests and machines.
 */
export function checkRecord<Schema extends z.ZodType>(schema: Schema, value: unknown, what: string): z.infer<Schema> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    throw new StorageError(`${what} cannot be saved: ${describe(parsed.error)}`, { code: 'VALIDATION_ERROR', details: { what } });
  }
  return parsed.data;
}

export function readRecord<Schema extends z.ZodType>(schema: Schema, value: unknown, where: string): z.infer<Schema> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    throw new StorageError(`${where} holds a record that is not valid: ${describe(parsed.error)}`, { details: { where } });
  }
  return parsed.data;
}
