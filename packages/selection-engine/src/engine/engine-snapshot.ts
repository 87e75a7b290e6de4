import type { CapacityBlockKind } from '../config/capacity-block-kind.js';
import type { CircuitBreakerConfig } from '../config/circuit-breaker-config.js';
import type { ProviderInstance } from '../config/provider-instance.js';
import type { ResolvedSelectionCriteria } from '../config/selection-criteria.js';
import type { RandomWeighting, SelectionPolicy } from '../config/selection-policy.js';
import { compileQuery, type CompiledQuery } from './compiled-query.js';
import type { InstanceRuntime } from './instance-runtime.js';
import type { SelectionRoute } from './selection-decision.js';
import { settleWeights } from './smooth-weighted-cycle.js';

/** The configuration part of the engine, replaced whole by `configure()`. */
export interface EngineSettings {
  readonly policy: SelectionPolicy;
  readonly defaultProviderType: string | null;
  readonly defaultProviderInstance: string | null;
  readonly fallback: readonly string[];
  readonly criteria: ResolvedSelectionCriteria;
  readonly circuitBreaker: CircuitBreakerConfig;
  readonly capacityBlockTtlSeconds: Readonly<Record<CapacityBlockKind, number>>;
  readonly randomWeighting: RandomWeighting;
  readonly selectionWindowSeconds: number;
}

/** A configured instance with what the hot loop reads, precomputed. */
export interface InstanceEntry {
  readonly descriptor: ProviderInstance;
  readonly name: string;
  readonly type: string;
  readonly enabled: boolean;
  readonly priority: number;
  readonly weight: number;
  readonly capabilities: ReadonlySet<string>;
  /** Index in configuration order. */
  readonly position: number;
  readonly runtime: InstanceRuntime;
}

/** Rotation state of a pool; it survives snapshot swaps by being re-mapped by instance name. */
export interface PoolCursor {
  /** Round-robin: the pool position the next turn starts looking from. */
  next: number;
  /** Smooth weighted round-robin: current weight per pool position. */
  readonly currentWeights: Float64Array;
}

/**
 * The eligible positions of a pool for the last query asked of it. Valid while nothing that
 * decides eligibility changed (the engine's state epoch) and until the earliest moment time
 * alone changes it (a probe falling due, a block or retry-after expiring, the selection window
 * moving a minute). Repeated selections then skip the per-instance checks entirely.
 */
export interface PoolSelectionCache {
  epoch: number;
  /** Only caches whose policy or criteria read success rates and latencies depend on it. */
  metricsEpoch: number;
  usesMetrics: boolean;
  /** A clock set back invalidates the cache too. */
  builtAtMs: number;
  validUntilMs: number;
  query: CompiledQuery | undefined;
  api: string | undefined;
  instanceTypes: readonly string[] | undefined;
  providerType: string | undefined;
  /** Candidates the policy chooses among (preferred ones only, when any is eligible). */
  readonly list: Int32Array;
  count: number;
  /** Ranking policies: the position they choose, -1 until computed. */
  winner: number;
  /** RANDOM: running weight totals over `list`, -1 until computed. */
  readonly cumulativeWeights: Float64Array;
  weightTotal: number;
  /** WEIGHTED_ROUND_ROBIN cycle detection and replay (see smooth-weighted-cycle.ts). */
  cycleMode: number;
  cycleLength: number;
  cycleRecorded: number;
  cyclePhase: number;
  cycleSchedule: Int32Array | null;
  cycleStartWeights: Float64Array | null;
}

export interface Pool {
  readonly key: string;
  readonly entries: readonly InstanceEntry[];
  readonly cursor: PoolCursor;
  readonly cache: PoolSelectionCache;
}

export function newPoolCache(length: number): PoolSelectionCache {
  return {
    epoch: -1,
    metricsEpoch: -1,
    usesMetrics: false,
    builtAtMs: Number.POSITIVE_INFINITY,
    validUntilMs: Number.NEGATIVE_INFINITY,
    query: undefined,
    api: undefined,
    instanceTypes: undefined,
    providerType: undefined,
    list: new Int32Array(Math.max(1, length)),
    count: 0,
    winner: -1,
    cumulativeWeights: new Float64Array(Math.max(1, length)),
    weightTotal: -1,
    cycleMode: 0,
    cycleLength: 0,
    cycleRecorded: 0,
    cyclePhase: 0,
    cycleSchedule: null,
    cycleStartWeights: null,
  };
}

/**
 * An immutable view of configuration and instances. Every selection reads the engine's current
 * snapshot once and uses only it, and every change builds a new snapshot and swaps it in one
 * assignment, so a selection never sees half of an update.
 */
export interface EngineSnapshot {
  readonly version: number;
  readonly settings: EngineSettings;
  readonly recoveryMs: number;
  readonly windowMs: number;
  readonly instances: readonly InstanceEntry[];
  readonly byName: ReadonlyMap<string, InstanceEntry>;
  readonly pools: ReadonlyMap<string, Pool>;
  readonly allPool: Pool;
  readonly defaultQuery: CompiledQuery;
  readonly criteriaRoute: SelectionRoute;
  readonly defaultRoute: SelectionRoute;
  /** Scratch space for uncached selections (synchronous, so one per snapshot suffices). */
  readonly eligibleScratch: Int32Array;
  readonly preferredScratch: Int32Array;
  /** Compiled per-call criteria, keyed by the caller's criteria object. */
  readonly queryCache: WeakMap<object, CompiledQuery>;
}

function carryCursor(entries: readonly InstanceEntry[], previous: Pool | undefined): PoolCursor {
  const cursor: PoolCursor = { next: 0, currentWeights: new Float64Array(entries.length) };
  if (previous === undefined || previous.entries.length === 0) return cursor;
  settleWeights(previous);
  const positionByName = new Map(entries.map((entry, position) => [entry.name, position]));
  const nextName = previous.entries[previous.cursor.next % previous.entries.length]?.name;
  cursor.next = nextName === undefined ? 0 : (positionByName.get(nextName) ?? 0);
  previous.entries.forEach((entry, oldPosition) => {
    const position = positionByName.get(entry.name);
    if (position !== undefined) cursor.currentWeights[position] = previous.cursor.currentWeights[oldPosition]!;
  });
  return cursor;
}

export function buildSnapshot(
  version: number,
  settings: EngineSettings,
  descriptors: readonly ProviderInstance[],
  runtimeOf: (name: string) => InstanceRuntime,
  previous: EngineSnapshot | undefined,
): EngineSnapshot {
  const instances: InstanceEntry[] = descriptors.map((descriptor, position) =>
    Object.freeze({
      descriptor,
      name: descriptor.name,
      type: descriptor.type,
      enabled: descriptor.enabled,
      priority: descriptor.priority,
      weight: descriptor.weight,
      capabilities: new Set(descriptor.capabilities),
      position,
      runtime: runtimeOf(descriptor.name),
    }),
  );
  const groups = new Map<string, InstanceEntry[]>();
  const addTo = (key: string, entry: InstanceEntry) => {
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [entry]);
    else group.push(entry);
  };
  for (const entry of instances) {
    addTo('all', entry);
    addTo(`type:${entry.type}`, entry);
    addTo(`instance:${entry.name}`, entry);
    for (const capability of entry.capabilities) addTo(`capability:${capability}`, entry);
  }
  const pools = new Map<string, Pool>();
  for (const [key, entries] of groups) {
    pools.set(
      key,
      Object.freeze({ key, entries: Object.freeze(entries), cursor: carryCursor(entries, previous?.pools.get(key)), cache: newPoolCache(entries.length) }),
    );
  }
  const allPool = pools.get('all') ?? emptyPool('all');
  const defaultPools: string[] = [];
  if (settings.defaultProviderInstance !== null) defaultPools.push(`instance:${settings.defaultProviderInstance}`);
  if (settings.defaultProviderType !== null) defaultPools.push(`type:${settings.defaultProviderType}`);
  if (defaultPools.length === 0) defaultPools.push('all');
  return Object.freeze({
    version,
    settings,
    recoveryMs: settings.circuitBreaker.recoveryTimeoutSeconds * 1000,
    windowMs: settings.selectionWindowSeconds * 1000,
    instances: Object.freeze(instances),
    byName: new Map(instances.map((entry) => [entry.name, entry])),
    pools,
    allPool,
    defaultQuery: compileQuery(settings.criteria),
    criteriaRoute: Object.freeze({ pools: Object.freeze(['all']), providerType: null, useFallback: false }),
    defaultRoute: Object.freeze({ pools: Object.freeze(defaultPools), providerType: null, useFallback: true }),
    eligibleScratch: new Int32Array(Math.max(1, instances.length)),
    preferredScratch: new Int32Array(Math.max(1, instances.length)),
    queryCache: new WeakMap(),
  });
}

/** An empty pool for keys no instance belongs to. */
export function emptyPool(key: string): Pool {
  return Object.freeze({ key, entries: [], cursor: { next: 0, currentWeights: new Float64Array(0) }, cache: newPoolCache(0) });
}
