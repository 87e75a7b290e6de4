import { CommandError, OhfError, QueryError, type ErrorCode, type OhfErrorOptions } from '@ohf/domain-core';
import type {
  DispatchOptions,
  HandlerContext,
  MessageHandler,
  MessageKind,
  MessageMap,
  MessageRegistration,
} from './message-map.js';
import { composeMiddleware, type MessageEnvelope, type Middleware, type NextMiddleware } from './middleware.js';

interface RegisteredHandler {
  readonly registration: MessageRegistration<unknown>;
  readonly handler: MessageHandler<unknown, unknown>;
}

export interface HandlerBusOptions {
  /** First in the list runs outermost. */
  readonly middleware?: readonly Middleware[];
}

export interface RegisteredMessageType {
  readonly type: string;
  readonly description?: string;
}

/**
 * The shared core of the command and query buses: one handler per message type, a middleware
 * pipeline, and one rule for errors — an Open Host Factory error keeps its code, anything else
 * becomes INTERNAL (its text may hold details callers must not see; the logging middleware has
 * already recorded it).
 */
export abstract class HandlerBus<Map extends MessageMap<Map>> {
  private readonly handlers = new globalThis.Map<string, RegisteredHandler>();
  private readonly pipeline: NextMiddleware;

  protected constructor(
    readonly kind: MessageKind,
    options: HandlerBusOptions = {},
  ) {
    this.pipeline = composeMiddleware(options.middleware ?? [], (envelope) => this.invoke(envelope));
  }

  register<Type extends keyof Map & string>(
    registration: MessageRegistration<Map[Type]['message']> & { readonly type: Type },
    handler: MessageHandler<Map[Type]['message'], Map[Type]['result']>,
  ): this {
    if (this.handlers.has(registration.type)) {
      throw this.error('CONFLICT', `A handler for the ${this.kind} "${registration.type}" is already registered.`, {
        details: { type: registration.type },
      });
    }
    this.handlers.set(registration.type, {
      registration: registration as MessageRegistration<unknown>,
      handler: handler as MessageHandler<unknown, unknown>,
    });
    return this;
  }

  has(type: string): boolean {
    return this.handlers.has(type);
  }

  /** Every registered message type, sorted, with its description. */
  registeredTypes(): RegisteredMessageType[] {
    return [...this.handlers.values()]
      .map(({ registration }) =>
        registration.description === undefined
          ? { type: registration.type }
          : { type: registration.type, description: registration.description },
      )
      .sort((left, right) => left.type.localeCompare(right.type));
  }

  /** Validates the message against its schema, runs the middleware and the one handler of its type. */
  execute<Type extends keyof Map & string>(
    message: Map[Type]['input'] & { readonly type: Type },
    options?: DispatchOptions,
  ): Promise<Map[Type]['result']>;
  execute(message: unknown, options?: DispatchOptions): Promise<unknown>;
  async execute(message: unknown, options: DispatchOptions = {}): Promise<unknown> {
    const type = typeOf(message);
    if (type === undefined) {
      throw this.error('VALIDATION_ERROR', `A ${this.kind} must be an object with a string "type".`, {
        details: { known: this.knownTypeNames() },
      });
    }
    const registered = this.handlers.get(type);
    if (registered === undefined) {
      const known = this.knownTypeNames();
      throw this.error(
        'VALIDATION_ERROR',
        `Unknown ${this.kind} "${type}". Known ${this.kind === 'command' ? 'commands' : 'queries'}: ${
          known.length === 0 ? '(none)' : known.join(', ')
        }.`,
        { details: { type, known } },
      );
    }
    const envelope: MessageEnvelope = {
      kind: this.kind,
      type,
      message,
      schema: registered.registration.schema,
      options,
    };
    try {
      return await this.pipeline(envelope);
    } catch (error) {
      if (OhfError.isInstance(error)) throw error;
      throw this.error('INTERNAL', `An internal error occurred while handling the ${this.kind} "${type}".`, {
        cause: error,
        details: { type },
      });
    }
  }

  private async invoke(envelope: MessageEnvelope): Promise<unknown> {
    const registered = this.handlers.get(envelope.type);
    /* c8 ignore next: execute() checked it */
    if (registered === undefined) throw new Error(`no handler for ${envelope.type}`);
    const context: HandlerContext = {
      kind: this.kind,
      type: envelope.type,
      ...(envelope.options.correlationId === undefined ? {} : { correlationId: envelope.options.correlationId }),
      ...(envelope.options.signal === undefined ? {} : { signal: envelope.options.signal }),
      ...(envelope.options.actor === undefined ? {} : { actor: envelope.options.actor }),
      ...(envelope.options.source === undefined ? {} : { source: envelope.options.source }),
    };
    const { handler } = registered;
    return typeof handler === 'function' ? handler(envelope.message, context) : handler.handle(envelope.message, context);
  }

  private knownTypeNames(): string[] {
    return [...this.handlers.keys()].sort();
  }

  private error(code: ErrorCode, message: string, options: OhfErrorOptions): OhfError {
    return this.kind === 'command' ? new CommandError(code, message, options) : new QueryError(code, message, options);
  }
}

function typeOf(message: unknown): string | undefined {
  if (typeof message !== 'object' || message === null) return undefined;
  const type = (message as { type?: unknown }).type;
  return typeof type === 'string' && type.length > 0 ? type : undefined;
}
