import type { StateStore } from '@ohf/domain-core';
import type { Clock } from '../ports/clock.js';
import { IntervalClaim, readIntervalState, type IntervalState } from '../shared/interval-claim.js';
import type { ReconcileReport } from './reconciler.js';

/** Where the last run is kept, so separate CLI processes and API replicas honour one interval. */
export const RECONCILE_STATE_KEY = 'reconcile';

/** What the state store holds about reconciliation. */
export interface ReconcileState extends IntervalState {
  /** When the last run was claimed (it may still be running). */
  readonly lastStartedAt: string;
  readonly lastFinishedAt?: string;
  /** The last finished run's counts per provider instance. */
  readonly providers?: ReconcileReport['providers'];
}

/**
 * Decides when the automatic reconciliation runs: at most once per interval, whichever process
 * asks first, so of two processes polling at once only one runs it.
 */
export class ReconcileSchedule {
  readonly #interval: IntervalClaim;

  constructor(
    intervalMs: number,
    clock: Clock,
    private readonly stateStore?: StateStore,
  ) {
    this.#interval = new IntervalClaim(RECONCILE_STATE_KEY, intervalMs, clock, stateStore);
  }

  get enabled(): boolean {
    return this.#interval.enabled;
  }

  /** True for exactly one caller once the interval since the last run has passed. */
  claim(): Promise<boolean> {
    return this.#interval.claim();
  }

  /** Records a finished run (an on-demand one too: it resets the interval). */
  async record(report: ReconcileReport): Promise<void> {
    if (report.dryRun) return;
    const state: ReconcileState = { lastStartedAt: report.startedAt, lastFinishedAt: report.finishedAt, providers: report.providers };
    if (this.stateStore === undefined) {
      this.#interval.startedInProcess(new Date(report.startedAt));
      return;
    }
    await this.stateStore.put(RECONCILE_STATE_KEY, state);
  }

  /** The last run as stored. */
  async last(): Promise<ReconcileState | undefined> {
    return this.stateStore === undefined ? undefined : readIntervalState<ReconcileState>((await this.stateStore.get(RECONCILE_STATE_KEY))?.value);
  }
}
