import type { HandlerContext } from '../bus/message-map.js';
import type { SelectionEngine } from '@ohf/selection-engine';
import { z } from 'zod';
import type { OrchestrationContext } from '../orchestration/orchestration-context.js';
import type { SelectionStatePersistence } from '../selection/selection-state-persistence.js';
import { checkProviderHealth } from './provider-health.js';

export const RunPeriodicHealthChecksSchema = z.object({
  type: z.literal('RunPeriodicHealthChecks'),
});
export type RunPeriodicHealthChecksCommand = z.infer<typeof RunPeriodicHealthChecksSchema>;

export interface PeriodicHealthCheckResult {
  /** The checks ran in this call (they were due). */
  readonly ran: boolean;
  /** configureProviderStrategy's health_check_interval; null: no periodic checks. */
  readonly intervalSeconds: number | null;
  readonly lastCheckedAt: string | null;
  /** When the checks are due next; null without an interval. */
  readonly nextCheckAt: string | null;
  /** Each enabled instance checked in this call. */
  readonly checked: readonly { readonly name: string; readonly healthy: boolean; readonly message?: string }[];
}

/** A check that does not answer within this long counts as unhealthy, so a hanging endpoint cannot hold up the call that ran it. */
const CHECK_TIMEOUT_MS = 10_000;

/**
 * The periodic health checks of configureProviderStrategy's `health_check_interval`: once the
 * interval has passed since the last run, every enabled instance is checked (selection health,
 * provider call metrics, `ohf_provider_health_checks_total`), and the time is kept with the
 * selection state, so separate processes share the schedule. The API runs them from a worker;
 * the CLI, a fresh process per call, on the first call after the interval.
 */
export class PeriodicHealthCheck {
  constructor(
    private readonly dependencies: {
      readonly context: OrchestrationContext;
      readonly selection: SelectionEngine;
      readonly persistence: SelectionStatePersistence;
    },
  ) {}

  /** Runs the checks when due; the selection state must be loaded (and is saved by the caller). */
  async runIfDue(signal?: AbortSignal): Promise<PeriodicHealthCheckResult> {
    const { context, selection, persistence } = this.dependencies;
    const schedule = persistence.healthCheckSchedule();
    const intervalMs = (schedule.intervalSeconds ?? 0) * 1000;
    const now = context.clock.now();
    const last = schedule.lastCheckedAt === undefined ? undefined : Date.parse(schedule.lastCheckedAt);
    if (intervalMs <= 0) return { ran: false, intervalSeconds: null, lastCheckedAt: schedule.lastCheckedAt ?? null, nextCheckAt: null, checked: [] };
    if (last !== undefined && now.getTime() - last < intervalMs) {
      return {
        ran: false,
        intervalSeconds: schedule.intervalSeconds!,
        lastCheckedAt: schedule.lastCheckedAt!,
        nextCheckAt: new Date(last + intervalMs).toISOString(),
        checked: [],
      };
    }
    const instances = selection.listInstances().filter((instance) => instance.enabled);
    const checked = await Promise.all(
      instances.map(async (instance) => {
        const check = await checkProviderHealth(context, selection, instance.name, { timeoutMs: CHECK_TIMEOUT_MS, ...(signal === undefined ? {} : { signal }) });
        return { name: instance.name, healthy: check.status !== 'unhealthy', ...(check.message === undefined ? {} : { message: check.message }) };
      }),
    );
    persistence.recordHealthChecks(now);
    const unhealthy = checked.filter((instance) => !instance.healthy).map((instance) => instance.name);
    context.logger.info({ checked: checked.length, unhealthy }, 'periodic provider health checks ran');
    return {
      ran: true,
      intervalSeconds: schedule.intervalSeconds!,
      lastCheckedAt: now.toISOString(),
      nextCheckAt: new Date(now.getTime() + intervalMs).toISOString(),
      checked,
    };
  }
}

/** RunPeriodicHealthChecks: what a long-running process's worker dispatches every little while. */
export class RunPeriodicHealthChecksHandler {
  constructor(private readonly periodic: PeriodicHealthCheck) {}

  handle(_command: RunPeriodicHealthChecksCommand, handlerContext: Pick<HandlerContext, 'signal'> = {}): Promise<PeriodicHealthCheckResult> {
    return this.periodic.runIfDue(handlerContext.signal);
  }
}
