import { OhfError } from '@ohf/domain-core';
import type { Logger } from '../ports/logger.js';
import type { Middleware } from './middleware.js';

export interface LoggingMiddlewareOptions {
  readonly logger: Logger;
  /** Milliseconds since an arbitrary origin; injectable so tests see exact durations. */
  readonly now?: () => number;
}

/**
 * Logs each message's start (debug) and end (debug on success, warn for our own errors,
 * error with the stack for anything unexpected). Message bodies are not logged: they may
 * hold user data and provider settings.
 */
export function loggingMiddleware(options: LoggingMiddlewareOptions): Middleware {
  const { logger } = options;
  const now = options.now ?? (() => performance.now());
  return async (envelope, next) => {
    const base = {
      kind: envelope.kind,
      type: envelope.type,
      ...(envelope.options.correlationId === undefined ? {} : { correlationId: envelope.options.correlationId }),
    };
    const startedAt = now();
    logger.debug(base, `${envelope.kind} ${envelope.type} started`);
    try {
      const result = await next(envelope);
      logger.debug({ ...base, durationMs: now() - startedAt }, `${envelope.kind} ${envelope.type} succeeded`);
      return result;
    } catch (error) {
      const durationMs = now() - startedAt;
      if (OhfError.isInstance(error)) {
        logger.warn(
          { ...base, durationMs, code: error.code, retryable: error.retryable, details: error.details },
          `${envelope.kind} ${envelope.type} failed: ${error.message}`,
        );
      } else {
        logger.error({ ...base, durationMs, error: describeUnexpected(error) }, `${envelope.kind} ${envelope.type} failed unexpectedly`);
      }
      throw error;
    }
  };
}

function describeUnexpected(error: unknown): object {
  if (error instanceof Error) return { name: error.name, message: error.message, stack: error.stack };
  return { value: String(error) };
}
