import type { Actor, EventSource } from '@ohf/domain-core';
import type { z } from 'zod';

/** What the bus knows about one message type: the shape callers send, the validated shape and the result. */
export interface MessageTypeEntry {
  readonly input: { readonly type: string };
  readonly message: { readonly type: string };
  readonly result: unknown;
}

/**
 * Message type name → entry. Each bus is typed by one such map; interfaces work too, since the
 * buses constrain a map by its own keys (`Map extends MessageMap<Map>`).
 */
export type MessageMap<Map = Record<string, MessageTypeEntry>> = { readonly [Type in keyof Map]: MessageTypeEntry };

export type MessageKind = 'command' | 'query';

/** Options a caller may pass with one dispatch. */
export interface DispatchOptions {
  /** Ties logs and metrics of one user action together (e.g. an HTTP request id). */
  readonly correlationId?: string;
  readonly signal?: AbortSignal;
  /** Who sends the message, for the audit trail; absent: the system itself (workers). The CLI passes `CLI_ACTOR`. */
  readonly actor?: Actor;
  /** Where the call came from (source IP, HTTP request id), for the audit trail. */
  readonly source?: EventSource;
}

/** What a handler receives besides the validated message. */
export interface HandlerContext {
  readonly kind: MessageKind;
  readonly type: string;
  readonly correlationId?: string;
  readonly signal?: AbortSignal;
  /** As dispatched; absent: the system. */
  readonly actor?: Actor;
  readonly source?: EventSource;
}

/** A handler is a function or an object with `handle`; constructor-injected ports live on the object. */
export type MessageHandler<Message, Result> =
  | ((message: Message, context: HandlerContext) => Promise<Result>)
  | { handle(message: Message, context: HandlerContext): Promise<Result> };

/** A message type with its schema: the schema validates the whole message, `type` included. */
export interface MessageRegistration<Message> {
  readonly type: string;
  /** Its input side is not checked against the map: schemas may accept more shapes than the typed input. */
  readonly schema: z.ZodType<Message, unknown>;
  /** One line for help texts and the unknown-message error. */
  readonly description?: string;
}
