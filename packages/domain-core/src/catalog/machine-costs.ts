import { MACHINE_STATES, type Machine, type MachineState } from '../machine/machine.js';

export const COST_GROUPINGS = ['provider', 'template'] as const;
export type CostGrouping = (typeof COST_GROUPINGS)[number];

/** States in which a machine is gone and its billing has ended. */
const ENDED_STATES: ReadonlySet<MachineState> = new Set<MachineState>(['terminated', 'failed']);

/** States in which a machine may still be billed (stopped ones included: some clouds bill them). */
export const BILLED_MACHINE_STATES: readonly MachineState[] = MACHINE_STATES.filter((state) => !ENDED_STATES.has(state));

const MS_PER_HOUR = 3_600_000;
/** Sums are kept in millionths of the currency, so adding many small amounts does not drift. */
const MICROS = 1_000_000;

export interface CostGroup {
  /** The provider instance or the template, by the grouping asked for. */
  readonly key: string;
  /** Machines with a recorded price that ran within the period. */
  readonly machines: number;
  readonly machineHours: number;
  readonly cost: number;
  /** What the group's machines not yet ended cost per hour now. */
  readonly runningPriceHourly: number;
  readonly runningMachines: number;
}

export interface CostSummary {
  readonly since: string | null;
  readonly until: string;
  readonly groupBy: CostGrouping;
  /** Currencies of the priced machines (one, unless the pricing currency changed). */
  readonly currencies: readonly string[];
  readonly groups: readonly CostGroup[];
  readonly total: { readonly machines: number; readonly machineHours: number; readonly cost: number; readonly runningPriceHourly: number };
  /** Machines in the period without a recorded price (launched before prices were recorded, or unpriced plans). */
  readonly unpricedMachines: number;
}

export interface CostOptions {
  readonly groupBy: CostGrouping;
  /** Start of the period; null counts every machine from its launch. */
  readonly since: Date | null;
  readonly now: Date;
}

/**
 * When a machine started and stopped costing money: from its launch (or its recording) to its
 * termination (the last update of an ended machine, when we saw it go) or now.
 */
export function billedInterval(machine: Machine, now: Date): { readonly startMs: number; readonly endMs: number } {
  const launched = Date.parse(machine.launchTime ?? machine.createdAt);
  const startMs = Number.isNaN(launched) ? Date.parse(machine.createdAt) : launched;
  const endMs = ENDED_STATES.has(machine.state) ? Math.min(Date.parse(machine.updatedAt), now.getTime()) : now.getTime();
  return { startMs, endMs: Math.max(startMs, endMs) };
}

function micros(value: number): number {
  return Math.round(value * MICROS);
}

/**
 * Machine-hours × hourly price (as recorded at launch) per provider instance or template,
 * within `[since, now]`. Hours are exact to the millisecond; amounts are rounded to millionths.
 */
export function summarizeCosts(machines: Iterable<Machine>, options: CostOptions): CostSummary {
  const sinceMs = options.since?.getTime() ?? Number.NEGATIVE_INFINITY;
  const groups = new Map<string, { machines: number; milliseconds: number; costMicros: number; runningMicros: number; running: number }>();
  const currencies = new Set<string>();
  let unpriced = 0;
  for (const machine of machines) {
    const { startMs, endMs } = billedInterval(machine, options.now);
    const from = Math.max(startMs, sinceMs);
    if (endMs < from || (endMs === from && ENDED_STATES.has(machine.state))) continue;
    if (machine.priceHourly === undefined) {
      unpriced += 1;
      continue;
    }
    if (machine.currency !== undefined) currencies.add(machine.currency);
    const key = options.groupBy === 'provider' ? machine.providerInstance : machine.templateId;
    const group = groups.get(key) ?? { machines: 0, milliseconds: 0, costMicros: 0, runningMicros: 0, running: 0 };
    const milliseconds = endMs - from;
    group.machines += 1;
    group.milliseconds += milliseconds;
    group.costMicros += micros((milliseconds / MS_PER_HOUR) * machine.priceHourly);
    if (!ENDED_STATES.has(machine.state)) {
      group.running += 1;
      group.runningMicros += micros(machine.priceHourly);
    }
    groups.set(key, group);
  }
  const rows = [...groups.entries()]
    .map(([key, group]) => ({
      key,
      machines: group.machines,
      machineHours: Math.round((group.milliseconds / MS_PER_HOUR) * MICROS) / MICROS,
      cost: group.costMicros / MICROS,
      runningPriceHourly: group.runningMicros / MICROS,
      runningMachines: group.running,
    }))
    .sort((left, right) => right.cost - left.cost || left.key.localeCompare(right.key));
  const sum = (pick: (row: CostGroup) => number) => rows.reduce((total, row) => total + micros(pick(row)), 0) / MICROS;
  return {
    since: options.since?.toISOString() ?? null,
    until: options.now.toISOString(),
    groupBy: options.groupBy,
    currencies: [...currencies].sort(),
    groups: rows,
    total: {
      machines: rows.reduce((total, row) => total + row.machines, 0),
      machineHours: sum((row) => row.machineHours),
      cost: sum((row) => row.cost),
      runningPriceHourly: sum((row) => row.runningPriceHourly),
    },
    unpricedMachines: unpriced,
  };
}
