import type { DomainEvent, DomainEventOf, DomainEventType } from '@ohf/domain-core';
import { silentLogger, type Logger } from '../ports/logger.js';
import { APPLICATION_METRICS, noopMetricsSink, type MetricsSink } from '../ports/metrics-sink.js';
import { composeMiddleware, type Middleware, type NextMiddleware } from './middleware.js';

export type EventSubscriber<Event extends DomainEvent = DomainEvent> = (event: Event) => void | Promise<void>;

export interface EventBusOptions {
  readonly middleware?: readonly Middleware[];
  /** Where subscriber failures are reported. */
  readonly logger?: Logger;
  readonly metrics?: MetricsSink;
}

/**
 * Publishes domain events to subscribers (audit log, read models, metrics). A subscriber that
 * throws is logged and counted but never fails the publisher: the state change the event
 * describes has already happened.
 */
export class EventBus {
  private readonly subscribers = new Map<string, EventSubscriber[]>();
  private readonly pipeline: NextMiddleware;
  private readonly logger: Logger;
  private readonly metrics: MetricsSink;

  constructor(options: EventBusOptions = {}) {
    this.logger = options.logger ?? silentLogger;
    this.metrics = options.metrics ?? noopMetricsSink;
    this.pipeline = composeMiddleware(options.middleware ?? [], (envelope) =>
      this.deliver(envelope.message as DomainEvent),
    );
  }

  /** Subscribes to one event type, or to every event with `'*'`. Returns the unsubscribe function. */
  subscribe<Type extends DomainEventType>(type: Type, subscriber: EventSubscriber<DomainEventOf<Type>>): () => void;
  subscribe(type: '*', subscriber: EventSubscriber): () => void;
  subscribe(type: string, subscriber: EventSubscriber<never>): () => void {
    const list = this.subscribers.get(type) ?? [];
    list.push(subscriber as EventSubscriber);
    this.subscribers.set(type, list);
    return () => {
      const current = this.subscribers.get(type) ?? [];
      this.subscribers.set(
        type,
        current.filter((candidate) => candidate !== (subscriber as EventSubscriber)),
      );
    };
  }

  /** Delivers the events in order; resolves once every subscriber has run. */
  async publish(...events: readonly DomainEvent[]): Promise<void> {
    for (const event of events) {
      await this.pipeline({ kind: 'event', type: event.type, message: event, options: {} });
    }
  }

  private async deliver(event: DomainEvent): Promise<void> {
    const targets = [...(this.subscribers.get(event.type) ?? []), ...(this.subscribers.get('*') ?? [])];
    for (const subscriber of targets) {
      try {
        await subscriber(event);
      } catch (error) {
        this.metrics.increment(APPLICATION_METRICS.eventSubscriberFailuresTotal, { type: event.type });
        this.logger.error(
          { type: event.type, error: error instanceof Error ? { message: error.message, stack: error.stack } : String(error) },
          `event subscriber for ${event.type} failed`,
        );
      }
    }
  }
}
