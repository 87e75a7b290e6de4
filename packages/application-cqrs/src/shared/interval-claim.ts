import { OhfError, type StateStore } from '@ohf/domain-core';
import type { Clock } from '../ports/clock.js';

/** What a periodic job keeps in the state store: at least when its last run was claimed. */
export interface IntervalState {
  readonly lastStartedAt: string;
}

/** The stored state when it has a readable `lastStartedAt`; anything else counts as never run. */
export function readIntervalState<State extends IntervalState>(value: unknown): State | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  const lastStartedAt = (value as { lastStartedAt?: unknown }).lastStartedAt;
  return typeof lastStartedAt === 'string' && !Number.isNaN(Date.parse(lastStartedAt)) ? (value as State) : undefined;
}

/**
 * At most one run per interval, whichever process asks first: a claim is a compare-and-set on
 * the state store under `key`, so of two processes (CLI polls, API replicas) asking at once only
 * one runs the job. Without a state store the interval holds within this process only.
 */
export class IntervalClaim {
  #lastStartedInProcess: number | undefined;

  constructor(
    private readonly key: string,
    private readonly intervalMs: number,
    private readonly clock: Clock,
    private readonly stateStore?: StateStore,
  ) {}

  get enabled(): boolean {
    return this.intervalMs > 0;
  }

  /** True for exactly one caller once the interval since the last run has passed; never when disabled. */
  async claim(): Promise<boolean> {
    if (!this.enabled) return false;
    const now = this.clock.now();
    if (this.stateStore === undefined) {
      if (this.#lastStartedInProcess !== undefined && now.getTime() - this.#lastStartedInProcess < this.intervalMs) return false;
      this.#lastStartedInProcess = now.getTime();
      return true;
    }
    const stored = await this.stateStore.get(this.key);
    const last = readIntervalState(stored?.value);
    if (last !== undefined && now.getTime() - Date.parse(last.lastStartedAt) < this.intervalMs) return false;
    try {
      // The rest of the stored state (a report of the last run) is kept until that run records its own.
      await this.stateStore.put(this.key, { ...last, lastStartedAt: now.toISOString() } satisfies IntervalState, {
        expectedVersion: stored?.version ?? 0,
      });
      return true;
    } catch (error) {
      // Another process claimed this run first.
      if (OhfError.isInstance(error) && error.code === 'CONFLICT') return false;
      throw error;
    }
  }

  /** A run started outside `claim` (asked for explicitly) restarts the interval in this process. */
  startedInProcess(startedAt: Date): void {
    this.#lastStartedInProcess = startedAt.getTime();
  }
}
