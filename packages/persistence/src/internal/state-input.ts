import { ValidationError, type StatePutOptions } from '@ohf/domain-core';
import { z } from 'zod';

const KeySchema = z.string().min(1).max(255);
const ExpectedVersionSchema = z.number().int().nonnegative().optional();

export function stateKey(key: string): string {
  const parsed = KeySchema.safeParse(key);
  if (!parsed.success) {
    throw new ValidationError(`Invalid state key ${JSON.stringify(key)}: ${parsed.error.issues[0]?.message}`, {
      details: { field: 'key' },
    });
  }
  return parsed.data;
}

/** The value as stored text; it must survive JSON, which every strategy uses. */
export function stateText(key: string, value: unknown): string {
  const text = value === undefined ? undefined : JSON.stringify(value);
  if (text === undefined) {
    throw new ValidationError(`State ${key}: the value must be JSON (got ${typeof value}).`, {
      details: { field: 'value' },
    });
  }
  return text;
}

export function expectedVersion(options: StatePutOptions | undefined): number | undefined {
  const parsed = ExpectedVersionSchema.safeParse(options?.expectedVersion);
  if (!parsed.success) {
    throw new ValidationError('expectedVersion must be a non-negative integer', { details: { field: 'expectedVersion' } });
  }
  return parsed.data;
}
