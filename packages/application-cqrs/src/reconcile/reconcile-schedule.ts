import { OhfError, type StateStore } from '@ohf/domain-core';
import type { Clock } from '../ports/clock.js';
import type { ReconcileReport } from './reconciler.js';

/** Where the last run is kept, so separate CLI processes and API replicas honour one interval. */
export const RECONCILE_STATE_KEY = 'reconcile';

/** What the state store holds about reconciliation. */
export interface ReconcileState {
  /** When the last run was claimed (it may still be running). */
  readonly lastStartedAt: string;
  readonly lastFinishedAt?: string;
  /** The last finished run's counts per provider instance. */
  readonly providers?: ReconcileReport['providers'];
}

/**
 * Decides when the automatic reconciliation runs: at most once per interval, whichever process
 * asks first. A claim is a compare-and-set on the state store, so of two processes polling at
 * once only one runs it. Without a state store (a bare application), the interval holds within
 * this process only.
 */
export class ReconcileSchedule {
  #lastStartedInProcess: number | undefined;

  constructor(
    private readonly intervalMs: number,
    private readonly clock: Clock,
    private readonly stateStore?: StateStore,
  ) {}

  get enabled(): boolean {
    return this.intervalMs > 0;
  }

  /** True for exactly one caller once the interval since the last run has passed. */
  async claim(): Promise<boolean> {
    if (!this.enabled) return false;
    const now = this.clock.now();
    if (this.stateStore === undefined) {
      if (this.#lastStartedInProcess !== undefined && now.getTime() - this.#lastStartedInProcess < this.intervalMs) return false;
      this.#lastStartedInProcess = now.getTime();
      return true;
    }
    const stored = await this.stateStore.get(RECONCILE_STATE_KEY);
    const last = readState(stored?.value);
    if (last !== undefined && now.getTime() - Date.parse(last.lastStartedAt) < this.intervalMs) return false;
    try {
      await this.stateStore.put(RECONCILE_STATE_KEY, { ...last, lastStartedAt: now.toISOString() } satisfies ReconcileState, {
        expectedVersion: stored?.version ?? 0,
      });
      return true;
    } catch (error) {
      // Another process claimed this run first.
      if (OhfError.isInstance(error) && error.code === 'CONFLICT') return false;
      throw error;
    }
  }

  /** Records a finished run (an on-demand one too: it resets the interval). */
  async record(report: ReconcileReport): Promise<void> {
    if (report.dryRun) return;
    const state: ReconcileState = { lastStartedAt: report.startedAt, lastFinishedAt: report.finishedAt, providers: report.providers };
    if (this.stateStore === undefined) {
      this.#lastStartedInProcess = Date.parse(report.startedAt);
      return;
    }
    await this.stateStore.put(RECONCILE_STATE_KEY, state);
  }

  /** The last run as stored. */
  async last(): Promise<ReconcileState | undefined> {
    return this.stateStore === undefined ? undefined : readState((await this.stateStore.get(RECONCILE_STATE_KEY))?.value);
  }
}

function readState(value: unknown): ReconcileState | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  const lastStartedAt = (value as { lastStartedAt?: unknown }).lastStartedAt;
  return typeof lastStartedAt === 'string' && !Number.isNaN(Date.parse(lastStartedAt)) ? (value as ReconcileState) : undefined;
}
