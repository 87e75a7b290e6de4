import type { AuditEvent, AuditEventFilter } from '@ohf/domain-core';

/** Reads stored events, oldest first (the AuditLog, or the application's ListEvents). */
export type ReadEvents = (filter: AuditEventFilter) => Promise<readonly AuditEvent[]>;

export interface AuditEventFeedOptions {
  /** How often a follower re-reads storage when nothing woke it (events written by other processes). */
  readonly pollIntervalMs: number;
  /** Events read per storage round trip. */
  readonly batchSize?: number;
}

export interface FollowOptions {
  /** Only this organization's events: a stream never sees another's. */
  readonly organizationId: string;
  /** Events after this sequence. */
  readonly afterSequence: number;
  readonly types?: readonly string[];
  readonly requestId?: string;
  readonly machineId?: string;
  /** The follower left. */
  readonly signal: AbortSignal;
  /** The follow ends then (the client reconnects with Last-Event-ID). */
  readonly deadline?: number;
}

const DEFAULT_BATCH_SIZE = 500;

/**
 * Live audit events for Server-Sent Events streams. Every follower reads storage itself, after
 * its own cursor and within its organization, so what it sees is exactly what the list route
 * would answer: nothing skipped, nothing of another tenant. Events written in this process wake
 * followers at once (`notify`); otherwise each re-reads every poll interval, which brings events
 * written by other replicas and the CLI.
 */
export class AuditEventFeed {
  readonly #waiters = new Set<() => void>();
  readonly #closing = new AbortController();
  readonly #active = new Set<Promise<void>>();
  #generation = 0;

  constructor(
    private readonly read: ReadEvents,
    private readonly options: AuditEventFeedOptions,
  ) {}

  /** Something was stored in this process: followers read now instead of at their next poll. */
  notify(): void {
    this.#generation += 1;
    for (const wake of [...this.#waiters]) wake();
  }

  get closing(): AbortSignal {
    return this.#closing.signal;
  }

  /** Ends every follow and resolves once their streams are closed (shutdown). */
  async close(): Promise<void> {
    this.#closing.abort();
    await Promise.allSettled([...this.#active]);
  }

  /** Tracks a stream writer, so `close` can wait for it. */
  track(writing: Promise<void>): void {
    this.#active.add(writing);
    void writing.finally(() => this.#active.delete(writing));
  }

  /** Yields every matching event after the cursor, in sequence order, until stopped. */
  async *follow(options: FollowOptions): AsyncGenerator<AuditEvent> {
    const batchSize = this.options.batchSize ?? DEFAULT_BATCH_SIZE;
    let after = options.afterSequence;
    while (!this.#stopped(options)) {
      // Taken before the read: a notify during the read makes the wait below return at once.
      const generation = this.#generation;
      const events = await this.read({
        organizationId: options.organizationId,
        afterSequence: after,
        limit: batchSize,
        ...(options.types === undefined || options.types.length === 0 ? {} : { types: options.types }),
        ...(options.requestId === undefined ? {} : { requestId: options.requestId }),
        ...(options.machineId === undefined ? {} : { machineId: options.machineId }),
      });
      for (const event of events) {
        if (this.#stopped(options)) return;
        after = event.sequence;
        yield event;
      }
      if (events.length >= batchSize) continue;
      if (generation !== this.#generation) continue;
      const remaining = (options.deadline ?? Number.POSITIVE_INFINITY) - Date.now();
      await this.#wait(Math.min(this.options.pollIntervalMs, Math.max(0, remaining)), options.signal);
    }
  }

  #stopped(options: FollowOptions): boolean {
    return options.signal.aborted || this.#closing.signal.aborted || (options.deadline !== undefined && Date.now() >= options.deadline);
  }

  #wait(timeoutMs: number, signal: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.#waiters.delete(done);
        signal.removeEventListener('abort', done);
        this.#closing.signal.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, timeoutMs);
      this.#waiters.add(done);
      signal.addEventListener('abort', done, { once: true });
      this.#closing.signal.addEventListener('abort', done, { once: true });
    });
  }
}
