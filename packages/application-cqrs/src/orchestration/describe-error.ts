import { OhfError } from '@ohf/domain-core';

/** An error as log data: code and message for ours, name and message for others. */
export function describeError(error: unknown): object {
  if (OhfError.isInstance(error)) return { code: error.code, message: error.message };
  if (error instanceof Error) return { name: error.name, message: error.message };
  return { value: String(error) };
}
