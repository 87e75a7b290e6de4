import { NotFoundError, StorageError, type ErrorDetails } from '@ohf/domain-core';

/** A write lost a race (stale version, duplicate id or idempotency key): re-read, then decide. */
export function conflictError(message: string, details: ErrorDetails): StorageError {
  return new StorageError(message, { code: 'CONFLICT', retryable: false, details });
}

export function requestNotFound(requestId: string): NotFoundError {
  return new NotFoundError('REQUEST_NOT_FOUND', `Request ${requestId} does not exist.`, { details: { requestId } });
}

/**
 * Wraps a driver failure. The driver's own message is kept (it names the table, constraint or
 * connection problem) but not its stack, which callers may print.
 */
export function storageFailure(
  what: string,
  cause: unknown,
  options: { retryable?: boolean; details?: ErrorDetails } = {},
): StorageError {
  const reason = cause instanceof Error ? cause.message : String(cause);
  return new StorageError(`${what}: ${reason}`, {
    cause,
    retryable: options.retryable ?? false,
    details: options.details ?? {},
  });
}

/** Our own errors pass through untouched; anything else becomes a StorageError. */
export function asStorageError(what: string, error: unknown, retryable = false): Error {
  if (error instanceof StorageError || error instanceof NotFoundError) return error;
  return storageFailure(what, error, { retryable });
}
