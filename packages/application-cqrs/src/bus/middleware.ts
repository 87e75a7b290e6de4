import type { z } from 'zod';
import type { DispatchOptions } from './message-map.js';

export type EnvelopeKind = 'command' | 'query' | 'event';

/** One message on its way through the middleware to its handler. */
export interface MessageEnvelope {
  readonly kind: EnvelopeKind;
  readonly type: string;
  /** As sent by the caller until the validation middleware replaces it with the parsed message. */
  readonly message: unknown;
  /** The message's schema; events have none (they are built by our own code). */
  readonly schema?: z.ZodType;
  readonly options: DispatchOptions;
}

export type NextMiddleware = (envelope: MessageEnvelope) => Promise<unknown>;

/**
 * Runs around a handler. Call `next` (at most once) to continue; return its result or throw.
 * Middleware may replace the envelope (the validation middleware swaps in the parsed message).
 */
export type Middleware = (envelope: MessageEnvelope, next: NextMiddleware) => Promise<unknown>;

/** Composes middleware around a final step, first in the list outermost. */
export function composeMiddleware(middleware: readonly Middleware[], last: NextMiddleware): NextMiddleware {
  return middleware.reduceRight<NextMiddleware>(
    (next, current) => (envelope) => current(envelope, next),
    last,
  );
}
