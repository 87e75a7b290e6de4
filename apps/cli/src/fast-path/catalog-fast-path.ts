import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { readFreshCatalogSnapshot, type PlanFields } from './catalog-snapshot.js';
import { cacheDirectoryOf, directoriesOf } from './template-fast-path.js';

// `ohfp catalog plans` answered from the catalog snapshot before anything heavy is loaded: no
// zod, no DI container, no database. Only what it fully understands is answered here; anything
// else (help, another format, a value the full path would refuse, an instance it does not
// know, a catalog never synced) is a miss, and the full path answers and refreshes the snapshot.

type Environment = Readonly<Record<string, string | undefined>>;

/** `catalog plans`'s options that take a value, as its command definition declares them, and --format. */
const OPTIONS = new Set(['format', 'provider', 'provider-type', 'region', 'min-vcpus', 'min-memory-gb', 'gpus', 'sort', 'limit']);

/**
 * The options of `catalog plans OPTION…` (the command's words first, then `--name value` or
 * `--name=value`, the last one winning), as node:util's strict parseArgs reads them; undefined
 * for anything else: help, --config-dir, a value that looks like an option, `--`, another word.
 * Written by hand because loading parseArgs costs this path milliseconds.
 */
export function catalogPlansOptionsOf(argv: readonly string[]): Readonly<Record<string, string>> | undefined {
  if (argv[0] !== 'catalog' || argv[1] !== 'plans') return undefined;
  const values: Record<string, string> = {};
  for (let index = 2; index < argv.length; index += 1) {
    const word = argv[index]!;
    if (!word.startsWith('--')) return undefined;
    const equals = word.indexOf('=');
    const name = equals < 0 ? word.slice(2) : word.slice(2, equals);
    if (!OPTIONS.has(name)) return undefined;
    const value = equals < 0 ? argv[(index += 1)] : word.slice(equals + 1);
    // parseArgs refuses `--name -x` as ambiguous.
    if (value === undefined || (equals < 0 && value.startsWith('-'))) return undefined;
    values[name] = value;
  }
  return values;
}

const SORT_KEYS = ['price', 'vcpus', 'memory'] as const;
type SortKey = (typeof SORT_KEYS)[number];

/** The filters of `catalog plans`, as the domain's plan query reads them. */
export interface FastPlanQuery {
  readonly provider?: string;
  readonly providerType?: string;
  readonly region?: string;
  readonly minVcpus?: number;
  readonly minMemoryGb?: number;
  readonly gpus?: number;
  readonly sort: SortKey;
  readonly limit?: number;
}

/** A numeric option as the full path accepts it; null when it would refuse it. */
function numberOption(value: string | undefined, kind: 'whole' | 'positive whole' | 'decimal'): number | undefined | null {
  if (value === undefined) return undefined;
  const number = value.trim() === '' ? Number.NaN : Number(value);
  const valid = Number.isFinite(number) && number >= 0 && (kind === 'decimal' || Number.isInteger(number)) && (kind !== 'positive whole' || number > 0);
  return valid ? number : null;
}

/** The query of a plain `catalog plans` call with JSON output; undefined for anything else. */
export function catalogPlansQueryOf(argv: readonly string[]): FastPlanQuery | undefined {
  const values = catalogPlansOptionsOf(argv);
  if (values === undefined) return undefined;
  if (values.format !== undefined && values.format !== 'json') return undefined;
  const sort = values.sort ?? 'price';
  if (!(SORT_KEYS as readonly string[]).includes(sort)) return undefined;
  // The domain's query refuses empty names.
  if ([values.provider, values['provider-type'], values.region].some((name) => name === '')) return undefined;
  const minVcpus = numberOption(values['min-vcpus'], 'decimal');
  const minMemoryGb = numberOption(values['min-memory-gb'], 'decimal');
  const gpus = numberOption(values.gpus, 'whole');
  const limit = numberOption(values.limit, 'positive whole');
  if (minVcpus === null || minMemoryGb === null || gpus === null || limit === null) return undefined;
  const query = { provider: values.provider, providerType: values['provider-type'], region: values.region, minVcpus, minMemoryGb, gpus, sort: sort as SortKey, limit };
  return Object.fromEntries(Object.entries(query).filter(([, value]) => value !== undefined)) as unknown as FastPlanQuery;
}

const comparators: Record<Exclude<SortKey, 'price'>, (left: PlanFields, right: PlanFields) => number> = {
  vcpus: (left, right) => left.vcpus - right.vcpus,
  memory: (left, right) => left.memoryGb - right.memoryGb,
};

/**
 * The domain's planMatches and queryPlans' order, over the snapshot's plans (already in the
 * order by price, ties by provider instance then plan id), written again on purpose: domain-core
 * loads zod, which would cost this path most of its gain. A test keeps the two in step.
 */
export function selectPlans<Plan extends PlanFields>(plans: readonly Plan[], query: FastPlanQuery): Plan[] {
  const found = plans.filter(
    (plan) =>
      (query.provider === undefined || plan.provider === query.provider) &&
      (query.providerType === undefined || plan.providerType === query.providerType) &&
      (query.region === undefined || plan.regions.length === 0 || plan.regions.includes(query.region)) &&
      (query.minVcpus === undefined || plan.vcpus >= query.minVcpus) &&
      (query.minMemoryGb === undefined || plan.memoryGb >= query.minMemoryGb) &&
      (query.gpus === undefined || plan.gpus >= query.gpus),
  );
  if (query.sort !== 'price') {
    const compare = comparators[query.sort];
    found.sort((left, right) => compare(left, right) || left.nameRank - right.nameRank);
  }
  return query.limit === undefined ? found : found.slice(0, query.limit);
}

/**
 * Answers `catalog plans` from the catalog snapshot when the configuration and storage are as
 * recorded; returns the JSON to print (as printed by the full path), or undefined to take the full path.
 */
export function answerFromCatalogSnapshot(argv: readonly string[], environment: Environment, currentDirectory: string): Buffer | undefined {
  const query = catalogPlansQueryOf(argv);
  if (query === undefined) return undefined;
  const directories = directoriesOf(environment, currentDirectory);
  const snapshot = readFreshCatalogSnapshot(cacheDirectoryOf(directories, environment), directories, environment);
  if (snapshot === undefined) return undefined;
  // The full path also knows instances registered at run time, and says when a catalog was never synced.
  if (query.provider !== undefined && !snapshot.configuredProviders.includes(query.provider)) return undefined;
  const synced = query.provider === undefined ? Object.keys(snapshot.syncedAt).length > 0 : snapshot.syncedAt[query.provider] !== undefined;
  if (!synced) return undefined;
  const unfiltered = Object.keys(query).length === 1 && query.sort === 'price';
  const plans = unfiltered ? undefined : snapshot.plans();
  if (!unfiltered && plans === undefined) return undefined;
  const chosen = plans === undefined ? undefined : selectPlans(plans, query);
  try {
    appendFileSync(
      join(directories.logDirectory, 'app.log'),
      `${JSON.stringify({ level: 30, time: new Date().toISOString(), pid: process.pid, app: 'ohfp', command: 'catalog plans', source: 'catalog snapshot', plans: chosen?.length ?? 'all', msg: 'command finished' })}\n`,
    );
  } catch {
    // The log directory is created by the full path; a missing one must not fail the answer.
  }
  return chosen === undefined ? snapshot.unfilteredAnswer : snapshot.answerOf(chosen);
}
