import type { AuditEventInput, AuditLog } from '@ohf/domain-core';

export interface ApiCallRecorderOptions {
  readonly audit: Pick<AuditLog, 'append'>;
  /** Calls recorded within this window are written together, in one transaction. */
  readonly flushDelayMs?: number;
  /** A batch this large is written at once. */
  readonly maxBatch?: number;
  /** After each write (followers of the live stream are woken). */
  readonly onWritten?: () => void;
  readonly onError: (error: unknown, count: number) => void;
}

const DEFAULT_FLUSH_DELAY_MS = 10;
const DEFAULT_MAX_BATCH = 200;

/**
 * Writes `ApiCall` events after the answer is sent, batched: under load one insert carries the
 * calls of a few milliseconds, so recording costs the write path little. A batch that cannot be
 * written is reported and dropped (the call itself already happened and was answered); the
 * changes a call made carry their own events, written with them.
 */
export class ApiCallRecorder {
  readonly #options: ApiCallRecorderOptions;
  #pending: AuditEventInput[] = [];
  #timer: NodeJS.Timeout | undefined;
  readonly #writing = new Set<Promise<void>>();

  constructor(options: ApiCallRecorderOptions) {
    this.#options = options;
  }

  record(event: AuditEventInput): void {
    this.#pending.push(event);
    if (this.#pending.length >= (this.#options.maxBatch ?? DEFAULT_MAX_BATCH)) {
      void this.flush();
      return;
    }
    this.#timer ??= setTimeout(() => void this.flush(), this.#options.flushDelayMs ?? DEFAULT_FLUSH_DELAY_MS);
  }

  /** Writes what is pending; resolves when every write started so far is done. */
  async flush(): Promise<void> {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
    const batch = this.#pending;
    this.#pending = [];
    if (batch.length > 0) {
      const writing = this.#options.audit.append(batch).then(
        () => this.#options.onWritten?.(),
        (error: unknown) => this.#options.onError(error, batch.length),
      );
      this.#writing.add(writing);
      void writing.finally(() => this.#writing.delete(writing));
    }
    await Promise.all([...this.#writing]);
  }
}
