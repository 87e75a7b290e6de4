import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PlanView } from '@ohf/application-cqrs';
import { configurationKey, type Directories } from './template-fast-path.js';
import { storageStamp, type StorageLocation } from './template-usage.js';
import { writeWholeFile } from '../write-whole-file.js';

// `ohfp catalog plans` reads thousands of plans from storage and prices them: most of its time
// is starting the whole command. Every full answer leaves the priced plans in a file beside the
// template snapshot, with the configuration key (configured markup rules and instances) and the
// identity of the database files (stored markup rules, syncs); the fast path trusts the file
// only while both are exactly as recorded. Node built-ins only: this is loaded on the fast path.
//
// The file is a line of JSON saying what it holds, a line of JSON with what the fast path
// filters and sorts on (and each plan's size in bytes), then the unfiltered answer exactly as
// printed: the fast path copies the printed plans it keeps instead of parsing and printing
// thousands of objects again, and prints the unfiltered answer without reading the second line.

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
  readonly version: 2;
  readonly configurationKey: string;
  readonly storage: StorageLocation;
  readonly stamp: string;
  readonly collation: string;
  /** The provider instances of the configuration: `--provider` names one of them, or takes the full path. */
  readonly configuredProviders: readonly string[];
  /** When each provider instance was last synced. */
  readonly syncedAt: Readonly<Record<string, string>>;
  /** The size of the columns' line, then of the unfiltered answer, in bytes. */
  readonly columnBytes: number;
  readonly answerBytes: number;
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
  /** Every active plan as `catalog plans` prints them unfiltered. */
  readonly unfilteredAnswer: Buffer;
  /** Every active plan, in the order of the unfiltered answer; undefined when the file is damaged. */
  plans(): readonly PlanFields[] | undefined;
  /** The printed answer holding these plans (any of plans()', in any order). */
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
  const columns = JSON.stringify(columnsOf(planFieldsOf(content.plans), printed));
  const answer = content.plans.length === 0 ? EMPTY_ANSWER : `${ANSWER_START}${printed.join(SEPARATOR)}${ANSWER_END}`;
  const header: CatalogSnapshotHeader = {
    version: 2,
    configurationKey: configurationKey(directories.configDirectory, environment),
    storage,
    stamp,
    configuredProviders: content.configuredProviders,
    syncedAt: content.syncedAt,
    collation: collationOf(environment),
    columnBytes: Buffer.byteLength(columns),
    answerBytes: Buffer.byteLength(answer),
  };
  // See above: only the speed-up is lost.
  writeWholeFile(join(cacheDirectory, CATALOG_SNAPSHOT_FILE), `${JSON.stringify(header)}\n${columns}\n${answer}`);
}

function isHeader(value: unknown): value is CatalogSnapshotHeader {
  const header = value as Partial<CatalogSnapshotHeader> | null;
  return (
    typeof header === 'object' &&
    header !== null &&
    header.version === 2 &&
    typeof header.storage === 'object' &&
    header.storage !== null &&
    Array.isArray(header.configuredProviders) &&
    typeof header.syncedAt === 'object' &&
    header.syncedAt !== null &&
    typeof header.columnBytes === 'number' &&
    typeof header.answerBytes === 'number'
  );
}

function isColumns(value: unknown): value is PlanColumns {
  const columns = value as Partial<Record<keyof PlanColumns, unknown>> | null;
  if (typeof columns !== 'object' || columns === null || !Array.isArray(columns.bytes)) return false;
  const count = columns.bytes.length;
  return PLAN_FIELDS.every((field) => Array.isArray(columns[field]) && (columns[field] as unknown[]).length === count);
}

/** The plans of the columns, each with where it is printed in the answer starting at answerStart. */
function plansOf(columns: PlanColumns, answerStart: number, answerBytes: number): PlanEntry[] | undefined {
  const { provider, providerType, planId, vcpus, memoryGb, gpus, priceHourly, regions, nameRank, bytes } = columns;
  const plans: PlanEntry[] = [];
  let offset = answerStart + Buffer.byteLength(ANSWER_START);
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
  const answerEnd = plans.length === 0 ? answerStart + EMPTY_ANSWER.length : offset - SEPARATOR.length + ANSWER_END.length;
  return answerEnd === answerStart + answerBytes ? plans : undefined;
}

/** The snapshot when the configuration and storage are exactly as recorded; undefined when missing, damaged or stale. */
export function readFreshCatalogSnapshot(cacheDirectory: string, directories: Directories, environment: Environment): CatalogSnapshot | undefined {
  let file: Buffer;
  let headerEnd: number;
  let header: unknown;
  try {
    file = readFileSync(join(cacheDirectory, CATALOG_SNAPSHOT_FILE));
    headerEnd = file.indexOf(10);
    header = JSON.parse(file.toString('utf8', 0, headerEnd));
  } catch {
    return undefined;
  }
  if (
    headerEnd < 0 ||
    !isHeader(header) ||
    header.collation !== collationOf(environment) ||
    header.configurationKey !== configurationKey(directories.configDirectory, environment)
  ) {
    return undefined;
  }
  const stamp = storageStamp(header.storage);
  if (stamp === undefined || stamp !== header.stamp) return undefined;
  const columnsStart = headerEnd + 1;
  const answerStart = columnsStart + header.columnBytes + 1;
  if (file.length !== answerStart + header.answerBytes || file[answerStart - 1] !== 10) return undefined;
  const { answerBytes } = header;
  return {
    configuredProviders: header.configuredProviders,
    syncedAt: header.syncedAt,
    unfilteredAnswer: file.subarray(answerStart),
    plans: () => {
      try {
        const columns: unknown = JSON.parse(file.toString('utf8', columnsStart, answerStart - 1));
        return isColumns(columns) ? plansOf(columns, answerStart, answerBytes) : undefined;
      } catch {
        return undefined;
      }
    },
    answerOf: (chosen) => {
      if (chosen.length === 0) return Buffer.from(EMPTY_ANSWER);
      // Plans next to each other in the file are copied as one piece.
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
