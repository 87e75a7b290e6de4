/**
 * What every long-lived stream source shares (request watches, the audit event feed): the
 * streams it is writing, and one signal that ends them all at shutdown.
 */
export class LiveStreams {
  readonly #closing = new AbortController();
  readonly #active = new Set<Promise<void>>();

  /** Aborted when the server shuts down. */
  get closing(): AbortSignal {
    return this.#closing.signal;
  }

  /** Ends every stream and resolves once they are closed (shutdown). */
  async close(): Promise<void> {
    this.#closing.abort();
    await Promise.allSettled([...this.#active]);
  }

  /** Tracks a stream writer, so `close` can wait for it. */
  track(writing: Promise<void>): void {
    this.#active.add(writing);
    void writing.finally(() => this.#active.delete(writing));
  }
}
