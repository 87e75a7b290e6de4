import type { AuditEvent } from '@ohf/domain-core';

/** The audit event types an instance's activity is computed from. */
export const ACTIVITY_EVENT_TYPES = ['ProvisionAttemptStarted', 'ProvisionAttemptEnded', 'MachineCreated'] as const;

const HOUR_MS = 3_600_000;

/** One clock hour (UTC) of an instance's provisioning activity. */
export interface ActivityHour {
  /** The hour's start, ISO 8601. */
  readonly start: string;
  /** Attempts started in the hour. */
  readonly attempts: number;
  /** Attempts that ended in the hour having delivered none of the machines asked for. */
  readonly failures: number;
  /** Attempts that ended in the hour having delivered only some. */
  readonly partial: number;
  /** Machines created in the hour. */
  readonly machinesLaunched: number;
  /** Mean time from an attempt's start to its end, over the attempts that ended in the hour and whose start is known; null when none. */
  readonly meanAttemptSeconds: number | null;
}

export interface ProviderActivity {
  readonly providerInstance: string;
  readonly hours: number;
  /** The first hour's start and the window's end (now). */
  readonly from: string;
  readonly to: string;
  /** Oldest first, one per clock hour, the last being the current (unfinished) hour. */
  readonly buckets: readonly ActivityHour[];
  readonly totals: Omit<ActivityHour, 'start'>;
  /** True when the window held more events than are read for one answer: the counts are for the oldest part. */
  readonly truncated: boolean;
}

/** Where the window starts: the start of the clock hour `hours - 1` hours before `now`'s, so the current hour is the last bucket. */
export function activityWindowStart(now: Date, hours: number): Date {
  return new Date(Math.floor(now.getTime() / HOUR_MS) * HOUR_MS - (hours - 1) * HOUR_MS);
}

interface Accumulator {
  attempts: number;
  failures: number;
  partial: number;
  machinesLaunched: number;
  durationTotalMs: number;
  durationCount: number;
}

const emptyAccumulator = (): Accumulator => ({ attempts: 0, failures: 0, partial: 0, machinesLaunched: 0, durationTotalMs: 0, durationCount: 0 });

function settle(accumulator: Accumulator): Omit<ActivityHour, 'start'> {
  const { durationTotalMs, durationCount, ...counts } = accumulator;
  // Rounded to a tenth of a second: the chart and the table show no finer.
  return { ...counts, meanAttemptSeconds: durationCount === 0 ? null : Math.round(durationTotalMs / durationCount / 100) / 10 };
}

/**
 * Hourly activity of one provider instance from audit events (any order, any instance: the
 * others are ignored). An attempt is known by its request and number; its duration is counted
 * in the hour it ended, and only when its start is in the events too.
 */
export function aggregateProviderActivity(
  events: readonly AuditEvent[],
  options: { readonly providerInstance: string; readonly now: Date; readonly hours: number; readonly truncated?: boolean },
): ProviderActivity {
  const { providerInstance, now, hours } = options;
  const from = activityWindowStart(now, hours);
  const buckets = Array.from({ length: hours }, emptyAccumulator);
  const totals = emptyAccumulator();
  const bucketOf = (occurredAt: string): Accumulator | undefined => {
    const index = Math.floor((Date.parse(occurredAt) - from.getTime()) / HOUR_MS);
    return Number.isInteger(index) && index >= 0 && index < hours ? buckets[index] : undefined;
  };
  const attemptKey = (event: AuditEvent) => `${event.requestId ?? ''}#${String(event.data['attempt'] ?? '')}`;
  const started = new Map<string, number>();
  const mine = events.filter((event) => event.providerInstance === providerInstance);
  for (const event of mine) {
    if (event.type === 'ProvisionAttemptStarted') started.set(attemptKey(event), Date.parse(event.occurredAt));
  }
  for (const event of mine) {
    const bucket = bucketOf(event.occurredAt);
    if (bucket === undefined) continue;
    const both = [bucket, totals];
    if (event.type === 'ProvisionAttemptStarted') for (const target of both) target.attempts += 1;
    if (event.type === 'MachineCreated') for (const target of both) target.machinesLaunched += 1;
    if (event.type === 'ProvisionAttemptEnded') {
      const outcome = event.data['outcome'];
      const start = started.get(attemptKey(event));
      const duration = start === undefined ? undefined : Date.parse(event.occurredAt) - start;
      for (const target of both) {
        if (outcome === 'failed') target.failures += 1;
        if (outcome === 'partial') target.partial += 1;
        if (duration !== undefined && duration >= 0) {
          target.durationTotalMs += duration;
          target.durationCount += 1;
        }
      }
    }
  }
  return {
    providerInstance,
    hours,
    from: from.toISOString(),
    to: now.toISOString(),
    buckets: buckets.map((bucket, index) => ({ start: new Date(from.getTime() + index * HOUR_MS).toISOString(), ...settle(bucket) })),
    totals: settle(totals),
    truncated: options.truncated ?? false,
  };
}
