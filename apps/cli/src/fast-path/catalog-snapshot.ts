import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PlanView } from '@ohf/application-cqrs';
import { configurationKey, type Directories } from './template-fast-path.js';
import { storageStamp, type StorageLocation } from './template-usage.js';

// `ohfp catalog plans` reads thousands of plans from storage and prices them: most of its time
// is starting the whole command. Every full answer leaves the priced plans in a file beside the
// template snapshot, with the configuration key (configured markup rules and instances) and the
// identity of the database files (stored markup rules, syncs); the fast path trusts the file
// only while both are exactly as recorded. Node built-ins only: this is loaded on the fast path.
//
// The file is one line of JSON (what the fast path filters and sorts on, and each plan's size
// in bytes) followed by the unfiltered answer exactly as printed: the fast path copies the
// printed plans it keeps instead of parsing and printing thousands of objects again.

export const CATALOG_SNAPSHOT_FILE = '.ohfp-catalog-snapshot.json';

type Environment = Readonly<Record<string, string | undefined>>;

/** What `catalog plans` filters and sorts on. */
export interface PlanFields extends Pick<PlanView, 'provider' | 'providerType' | 'planId' | 'vcpus' | 'memoryGb' | 'gpus' | 'priceHourly' | 'regions'> {
  /**
   * The plan's place by provider instance then plan id (localeCompare), the tie-break of every
   * order: ranked once here, since the collator alone costs the fast path milliseconds to load.
   */
  readonly nameRank: number;
}

/** Where a plan is printed in the file. */
interface PlanEntry extends PlanFields {
  readonly offset: number;
  readonly bytes: number;
}

/** The plans' fields, one list per field: far quicker to parse than thousands of objects. */
type PlanColumns = { readonly [Field in keyof PlanFields]: readonly PlanFields[Field][] } & {
  /** The size of each plan as printed, in bytes. */
  readonly bytes: readonly number[];
};

const PLAN_FIELDS = ['provider', 'providerType', 'planId', 'vcpus', 'memoryGb', 'gpus', 'priceHourly', 'regions', 'nameRank'] as const;

/** The variables the default collation follows: an answer ordered under others is not reused. */
function collationOf(environment: Environment): string {
  return ['LC_ALL', 'LC_COLLATE', 'LC_MESSAGES', 'LANG', 'LANGUAGE'].map((name) => environment[name] ?? '').join('\0');
}

/** The snapshot's entries of plans, in the order given, with their place by name. */
export function planFieldsOf(plans: readonly PlanView[]): PlanFields[] {
  const byName = plans.map((plan, index) => ({ plan, index })).sort((left, right) => left.plan.provider.localeCompare(right.plan.provider) || left.plan.planId.localeCompare(right.plan.planId));
  const ranks = new Array<number>(plans.length);
  byName.forEach(({ index }, rank) => (ranks[index] = rank));
  return plans.map(({ provider, providerType, planId, vcpus, memoryGb, gpus, priceHourly, regions }, index) => ({
    provider,
    providerType,
    planId,
    vcpus,
    memoryGb,
    gpus,
    priceHourly,
    regions,
    nameRank: ranks[index]!,
  }));
}

interface CatalogSnapshotHeader {
  readonly version: 1;
  readonly configurationKey: string;
  readonly storage: StorageLocation;
  readonly stamp: string;
  readonly collation: string;
  /** The provider instances of the configuration: `--provider` names one of them, or takes the full path. */
  readonly configuredProviders: readonly string[];
  /** When each provider instance was last synced. */
  readonly syncedAt: Readonly<Record<string, string>>;
  /** Every active plan, priced, in the order of the unfiltered answer. */
  readonly plans: PlanColumns;
}

export interface CatalogSnapshotContent {
  readonly configuredProviders: readonly string[];
  readonly syncedAt: Readonly<Record<string, string>>;
  /** Every active plan, priced, as the unfiltered `catalog plans` prints them (its order: cheapest first). */
  readonly plans: readonly PlanView[];
}

export interface CatalogSnapshot {
  readonly configuredProviders: readonly string[];
  readonly syncedAt: Readonly<Record<string, string>>;
  /** In the order of the unfiltered answer. */
  readonly plans: readonly PlanFields[];
  /** The printed answer holding these plans (any of the snapshot's, in any order). */
  answerOf(plans: readonly PlanFields[]): Buffer;
}

// `JSON.stringify({ plans }, null, 2)`, taken apart: a test compares the two byte for byte.
const ANSWER_START = '{\n  "plans": [\n';
const SEPARATOR = ',\n';
const ANSWER_END = '\n  ]\n}\n';
const EMPTY_ANSWER = '{\n  "plans": []\n}\n';

/** One plan as it appears inside the printed answer (two levels deep). */
function printedPlan(plan: PlanView): string {
  return JSON.stringify(plan, null, 2).replace(/^/gm, '    ');
}

function columnsOf(plans: readonly PlanFields[], printed: readonly string[]): PlanColumns {
  const columns = Object.fromEntries(PLAN_FIELDS.map((field) => [field, plans.map((plan) => plan[field])]));
  return { ...columns, bytes: printed.map((text) => Buffer.byteLength(text)) } as unknown as PlanColumns;
}

/**
 * Records the priced plans for storage as it is now. Call it once storage is closed (closing
 * SQLite checkpoints its log into the database file). Best effort: a file that cannot be
 * written only costs the next listing the full path; a database server is never recorded.
 */
export function writeCatalogSnapshot(
  cacheDirectory: string,
  directories: Directories,
  environment: Environment,
  storage: StorageLocation,
  content: CatalogSnapshotContent,
): void {
  const stamp = storageStamp(storage);
  if (stamp === undefined) return;
  const printed = content.plans.map(printedPlan);
  const header: CatalogSnapshotHeader = {
    version: 1,
    configurationKey: configurationKey(directories.configDirectory, environment),
    storage,
    stamp,
    configuredProviders: content.configuredProviders,
    syncedAt: content.syncedAt,
    collation: collationOf(environment),
    plans: columnsOf(planFieldsOf(content.plans), printed),
  };
  const path = join(cacheDirectory, CATALOG_SNAPSHOT_FILE);
  const temporary = `${path}.${process.pid}.tmp`;
  try {
    writeFileSync(temporary, `${JSON.stringify(header)}\n${ANSWER_START}${printed.join(SEPARATOR)}${ANSWER_END}`);
    renameSync(temporary, path);
  } catch {
    // See above: only the speed-up is lost.
  }
}

function isHeader(value: unknown): value is CatalogSnapshotHeader {
  const header = value as Partial<CatalogSnapshotHeader> | null;
  return (
    typeof header === 'object' &&
    header !== null &&
    header.version === 1 &&
    typeof header.storage === 'object' &&
    header.storage !== null &&
    typeof header.plans === 'object' &&
    header.plans !== null &&
    [...PLAN_FIELDS, 'bytes' as const].every((field) => Array.isArray(header.plans![field]) && header.plans![field].length === header.plans!.bytes.length) &&
    Array.isArray(header.configuredProviders) &&
    typeof header.syncedAt === 'object' &&
    header.syncedAt !== null
  );
}

/** The snapshot when the configuration and storage are exactly as recorded; undefined when missing, damaged or stale. */
export function readFreshCatalogSnapshot(cacheDirectory: string, directories: Directories, environment: Environment): CatalogSnapshot | undefined {
  let file: Buffer;
  let end: number;
  let header: unknown;
  try {
    file = readFileSync(join(cacheDirectory, CATALOG_SNAPSHOT_FILE));
    end = file.indexOf(10);
    header = JSON.parse(file.toString('utf8', 0, end));
  } catch {
    return undefined;
  }
  if (
    end < 0 ||
    !isHeader(header) ||
    header.collation !== collationOf(environment) ||
    header.configurationKey !== configurationKey(directories.configDirectory, environment)
  ) {
    return undefined;
  }
  const stamp = storageStamp(header.storage);
  if (stamp === undefined || stamp !== header.stamp) return undefined;
  const { provider, providerType, planId, vcpus, memoryGb, gpus, priceHourly, regions, nameRank, bytes } = header.plans;
  const plans: PlanEntry[] = [];
  let offset = end + 1 + Buffer.byteLength(ANSWER_START);
  for (let index = 0; index < bytes.length; index += 1) {
    plans.push({
      provider: provider[index]!,
      providerType: providerType[index]!,
      planId: planId[index]!,
      vcpus: vcpus[index]!,
      memoryGb: memoryGb[index]!,
      gpus: gpus[index]!,
      priceHourly: priceHourly[index]!,
      regions: regions[index]!,
      nameRank: nameRank[index]!,
      offset,
      bytes: bytes[index]!,
    });
    offset += bytes[index]! + SEPARATOR.length;
  }
  const expectedSize = plans.length === 0 ? end + 1 + Buffer.byteLength(ANSWER_START + ANSWER_END) : offset - SEPARATOR.length + ANSWER_END.length;
  if (expectedSize !== file.length) return undefined;
  return {
    configuredProviders: header.configuredProviders,
    syncedAt: header.syncedAt,
    plans,
    answerOf: (chosen) => {
      if (chosen.length === 0) return Buffer.from(EMPTY_ANSWER);
      // Plans next to each other in the file are copied as one piece (the unfiltered answer is one).
      const pieces: Buffer[] = [Buffer.from(ANSWER_START)];
      let pieceStart = -1;
      let pieceEnd = -1;
      for (const plan of chosen) {
        const { offset: start, bytes: size } = plan as PlanEntry;
        if (start !== pieceEnd + SEPARATOR.length) {
          if (pieceStart >= 0) pieces.push(file.subarray(pieceStart, pieceEnd), Buffer.from(SEPARATOR));
          pieceStart = start;
        }
        pieceEnd = start + size;
      }
      pieces.push(file.subarray(pieceStart, pieceEnd), Buffer.from(ANSWER_END));
      return Buffer.concat(pieces);
    },
  };
}
