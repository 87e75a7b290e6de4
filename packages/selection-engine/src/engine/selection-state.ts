import { z } from 'zod';
import { CAPACITY_BLOCK_KINDS } from '../config/capacity-block-kind.js';
import type { HealthRecord } from '../health/health-record.js';
import type { EngineSnapshot } from './engine-snapshot.js';
import { settleWeights } from './smooth-weighted-cycle.js';

/**
 * The persisted form of everything the engine learned at run time, so a fresh process (each
 * CLI call is one) continues where the last one stopped. Parsing is tolerant: unknown fields
 * are dropped, missing sections default to empty, and instances no longer configured are
 * skipped. Active operations are not persisted: they belong to the process that began them.
 */
export const SELECTION_STATE_FORMAT = 'ohf.selection-state';
export const SELECTION_STATE_VERSION = 1;

const nonNegativeInteger = z.number().int().nonnegative();

const OperationCountersSchema = z.object({
  total: nonNegativeInteger.default(0),
  successes: nonNegativeInteger.default(0),
  failures: nonNegativeInteger.default(0),
  latencyCount: nonNegativeInteger.default(0),
  latencySum: z.number().nonnegative().default(0),
  latencyMax: z.number().nonnegative().default(0),
});

const BucketStateSchema = z.object({
  index: z.number().int(),
  total: nonNegativeInteger,
  successes: nonNegativeInteger,
  failures: nonNegativeInteger,
  latency: z
    .object({
      count: nonNegativeInteger,
      sum: z.number().nonnegative(),
      min: z.number().nonnegative(),
      max: z.number().nonnegative(),
      bins: z.array(z.tuple([nonNegativeInteger, nonNegativeInteger])).default([]),
    })
    .optional(),
  operations: z.record(z.string(), OperationCountersSchema).default({}),
  errors: z.record(z.string(), nonNegativeInteger).default({}),
});

const RingStateSchema = z.object({
  bucketSeconds: z.number().positive(),
  buckets: z.array(BucketStateSchema).default([]),
});

const HealthStateSchema = z.object({
  healthy: z.boolean(),
  message: z.string().nullable().default(null),
  errorDetails: z.record(z.string(), z.unknown()).nullable().default(null),
  source: z.string().nullable().default(null),
  updatedAtMs: z.number(),
  retryAtMs: z.number().nullable().default(null),
});

const BreakerStateSchema = z.object({
  state: z.enum(['closed', 'open', 'half_open']),
  consecutiveFailures: nonNegativeInteger.default(0),
  openedAtMs: z.number().nullable().default(null),
  probeStartedAtMs: z.number().nullable().default(null),
});

const RecentErrorStateSchema = z.object({
  atMs: z.number(),
  code: z.string(),
  message: z.string().nullable().default(null),
  operation: z.string().default('UNKNOWN'),
  api: z.string().nullable().default(null),
  instanceType: z.string().nullable().default(null),
});

const BlockStateSchema = z.object({
  api: z.string().nullable().default(null),
  instanceType: z.string().nullable().default(null),
  kind: z.enum(CAPACITY_BLOCK_KINDS),
  reason: z.string().nullable().default(null),
  blockedAtMs: z.number(),
  expiresAtMs: z.number(),
});

const InstanceStateSchema = z.object({
  health: HealthStateSchema.optional(),
  healthHistory: z.array(HealthStateSchema).default([]),
  breaker: BreakerStateSchema.optional(),
  minutes: RingStateSchema.optional(),
  hours: RingStateSchema.optional(),
  recentErrors: z.array(RecentErrorStateSchema).default([]),
  blocks: z.array(BlockStateSchema).default([]),
});

const CursorStateSchema = z.object({
  /** The instance the next round-robin turn starts from. */
  next: z.string().nullable().default(null),
  /** Smooth weighted round-robin current weights by instance name. */
  weights: z.record(z.string(), z.number()).default({}),
});

export const SelectionStateSchema = z.object({
  format: z.string().optional(),
  version: z.number().int().optional(),
  exportedAt: z.string().optional(),
  instances: z.record(z.string(), InstanceStateSchema).default({}),
  cursors: z.record(z.string(), CursorStateSchema).default({}),
});

export type SelectionState = z.input<typeof SelectionStateSchema>;
type ParsedSelectionState = z.output<typeof SelectionStateSchema>;

export interface ImportStateReport {
  /** Instances whose state was restored. */
  readonly instances: readonly string[];
  /** Instances in the document that are not configured any more. */
  readonly ignoredInstances: readonly string[];
  readonly cursors: number;
}

export function exportSnapshotState(snapshot: EngineSnapshot, nowMs: number): SelectionState {
  const instances: Record<string, z.input<typeof InstanceStateSchema>> = {};
  for (const entry of snapshot.instances) {
    const runtime = entry.runtime;
    instances[entry.name] = {
      health: { ...runtime.health },
      healthHistory: runtime.healthHistory.map((record) => ({ ...record })),
      breaker: runtime.breaker.toState(),
      minutes: { bucketSeconds: runtime.minutes.bucketMs / 1000, buckets: runtime.minutes.liveBuckets(nowMs).map((bucket) => bucket.toState()) },
      hours: { bucketSeconds: runtime.hours.bucketMs / 1000, buckets: runtime.hours.liveBuckets(nowMs).map((bucket) => bucket.toState()) },
      recentErrors: runtime.recentErrors.map((error) => ({ ...error })),
      blocks: runtime.blocks.active(nowMs).map(({ instance: _instance, ...block }) => ({ ...block })),
    };
  }
  const cursors: Record<string, z.input<typeof CursorStateSchema>> = {};
  for (const pool of snapshot.pools.values()) {
    const entries = pool.entries;
    if (entries.length < 2) continue;
    settleWeights(pool);
    const weights: Record<string, number> = {};
    entries.forEach((entry, position) => {
      const weight = pool.cursor.currentWeights[position]!;
      if (weight !== 0) weights[entry.name] = weight;
    });
    const nextName = entries[pool.cursor.next % entries.length]!.name;
    if (pool.cursor.next === 0 && Object.keys(weights).length === 0) continue;
    cursors[pool.key] = { next: nextName, weights };
  }
  return {
    format: SELECTION_STATE_FORMAT,
    version: SELECTION_STATE_VERSION,
    exportedAt: new Date(nowMs).toISOString(),
    instances,
    cursors,
  };
}

function healthRecord(state: z.output<typeof HealthStateSchema>): HealthRecord {
  return Object.freeze({ ...state });
}

export function importSnapshotState(snapshot: EngineSnapshot, state: ParsedSelectionState, nowMs: number): ImportStateReport {
  const imported: string[] = [];
  const ignored: string[] = [];
  for (const [name, instanceState] of Object.entries(state.instances)) {
    const entry = snapshot.byName.get(name);
    if (entry === undefined) {
      ignored.push(name);
      continue;
    }
    const runtime = entry.runtime;
    if (instanceState.health !== undefined) runtime.health = healthRecord(instanceState.health);
    if (instanceState.healthHistory.length > 0) runtime.healthHistory = instanceState.healthHistory.slice(-20).map(healthRecord);
    if (instanceState.breaker !== undefined) runtime.breaker.loadState(instanceState.breaker);
    for (const [ring, ringState] of [
      [runtime.minutes, instanceState.minutes],
      [runtime.hours, instanceState.hours],
    ] as const) {
      // Buckets of another length cannot be merged into this ring's slots.
      if (ringState !== undefined && ringState.bucketSeconds * 1000 === ring.bucketMs) {
        ring.load(ringState.buckets, nowMs);
      }
    }
    runtime.metricsVersion += 1;
    runtime.recentErrors = instanceState.recentErrors.slice(-50);
    runtime.blocks.load(
      instanceState.blocks.map((block) => ({ ...block, instance: name })),
      nowMs,
    );
    imported.push(name);
  }
  let cursors = 0;
  for (const [key, cursorState] of Object.entries(state.cursors)) {
    const pool = snapshot.pools.get(key);
    if (pool === undefined) continue;
    settleWeights(pool);
    const positions = new Map(pool.entries.map((entry, position) => [entry.name, position]));
    pool.cursor.next = cursorState.next === null ? 0 : (positions.get(cursorState.next) ?? 0);
    pool.cursor.currentWeights.fill(0);
    for (const [name, weight] of Object.entries(cursorState.weights)) {
      const position = positions.get(name);
      if (position !== undefined) pool.cursor.currentWeights[position] = weight;
    }
    cursors += 1;
  }
  return { instances: imported, ignoredInstances: ignored, cursors };
}
