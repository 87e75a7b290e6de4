import type { GetRequestResult } from '@ohf/application-cqrs';
import { isRequestFinal } from '@ohf/domain-core';
import type { ApiApplication } from './api-dependencies.js';

/** A request with its machines, as GetRequest answers. */
export type RequestSnapshot = GetRequestResult;

export interface RequestWatcherOptions {
  readonly poll_interval_ms: number;
  readonly max_duration_ms: number;
}

export interface WatchOptions {
  readonly signal: AbortSignal;
  readonly correlationId?: string;
  /** The watcher's organization: a request of another one is not found. */
  readonly organizationId?: string;
}

/**
 * Follows requests for watchers (Server-Sent Events). A watched request is re-read when this
 * process changes it (its domain events wake the watcher at once) and otherwise every poll
 * interval, which catches changes made by other replicas. Only changed snapshots are yielded.
 */
export class RequestWatcher {
  readonly #waiting = new Map<string, Set<() => void>>();
  readonly #closing = new AbortController();
  readonly #active = new Set<Promise<void>>();

  constructor(
    private readonly application: ApiApplication,
    private readonly options: RequestWatcherOptions,
  ) {}

  /** Something about this request changed in this process. */
  notify(requestId: string): void {
    for (const wake of this.#waiting.get(requestId) ?? []) wake();
  }

  /** Ends every watch and resolves once their streams are closed (shutdown). */
  async close(): Promise<void> {
    this.#closing.abort();
    await Promise.allSettled([...this.#active]);
  }

  /** Tracks a stream writer, so `close` can wait for it. */
  track(writing: Promise<void>): void {
    this.#active.add(writing);
    void writing.finally(() => this.#active.delete(writing));
  }

  /** The request and its machines; another organization's request is not found, as a missing one. */
  async read(requestId: string, correlationId?: string, organizationId?: string): Promise<RequestSnapshot> {
    return this.application.dispatch(
      { type: 'GetRequest', requestId, ...(organizationId === undefined ? {} : { organizationId }) },
      correlationId === undefined ? {} : { correlationId },
    );
  }

  /** Yields `first`, then every changed snapshot, until the request is final, the watch ends or the caller leaves. */
  async *watch(first: RequestSnapshot, options: WatchOptions): AsyncGenerator<RequestSnapshot> {
    const requestId = first.request.requestId;
    const deadline = Date.now() + this.options.max_duration_ms;
    let snapshot = first;
    let seen = fingerprintOf(snapshot);
    yield snapshot;
    while (!isRequestFinal(snapshot.request) && !this.#stopped(options.signal) && Date.now() < deadline) {
      await this.#waitForChange(requestId, Math.min(this.options.poll_interval_ms, deadline - Date.now()), options.signal);
      if (this.#stopped(options.signal)) return;
      snapshot = await this.read(requestId, options.correlationId, options.organizationId);
      const fingerprint = fingerprintOf(snapshot);
      if (fingerprint !== seen) {
        seen = fingerprint;
        yield snapshot;
      }
    }
  }

  #stopped(signal: AbortSignal): boolean {
    return signal.aborted || this.#closing.signal.aborted;
  }

  #waitForChange(requestId: string, timeoutMs: number, signal: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      const waiters = this.#waiting.get(requestId) ?? new Set<() => void>();
      this.#waiting.set(requestId, waiters);
      const done = (): void => {
        clearTimeout(timer);
        waiters.delete(done);
        if (waiters.size === 0) this.#waiting.delete(requestId);
        signal.removeEventListener('abort', done);
        this.#closing.signal.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, Math.max(0, timeoutMs));
      waiters.add(done);
      signal.addEventListener('abort', done, { once: true });
      this.#closing.signal.addEventListener('abort', done, { once: true });
    });
  }
}

/** What a watcher cares about: the request's version and status, and each machine's state. */
function fingerprintOf(snapshot: RequestSnapshot): string {
  const { request, machines } = snapshot;
  return [
    request.version,
    request.status,
    request.updatedAt,
    ...machines.map((machine) => `${machine.machineId}:${machine.state}`).sort(),
  ].join('|');
}
