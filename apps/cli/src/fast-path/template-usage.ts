import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { writeWholeFile } from '../write-whole-file.js';

// getAvailableTemplates reports availableNumber: maxNumber minus the template's machines alive or
// on order. Counting them needs storage, which the fast path must not open. So every process
// that opened storage leaves the counts in a small file of the work directory, with the
// identity of the database files at that moment; the fast path trusts the counts only while
// the database files are exactly as recorded, and anything else sends it to the full path,
// which counts from storage. Node built-ins only: this is loaded on the fast path.

export const TEMPLATE_USAGE_FILE = '.ohfp-template-usage.json';

/** Where storage keeps its data, as far as telling whether it changed goes. */
export interface StorageLocation {
  readonly strategy: string;
  /** The database file (sqlite) or document (json); absent for a server (postgres). */
  readonly path?: string;
}

interface UsageFile {
  readonly version: 1;
  readonly storage: string;
  readonly stamp: string;
  readonly usage: Readonly<Record<string, number>>;
}

function fileIdentity(path: string): string {
  try {
    const stat = statSync(path);
    return `${stat.mtimeMs}:${stat.size}:${stat.ino}`;
  } catch {
    return 'missing';
  }
}

function storageIdentity(location: StorageLocation): string {
  return `${location.strategy}:${location.path ?? ''}`;
}

/**
 * The identity of the database files now, or undefined when it cannot tell whether another
 * process changed the data (a database server).
 */
export function storageStamp(location: StorageLocation): string | undefined {
  if (location.path === undefined) return undefined;
  if (location.strategy === 'sqlite') {
    // SQLite's write-ahead log takes every write first; the database file takes checkpoints.
    return `${fileIdentity(location.path)}|${fileIdentity(`${location.path}-wal`)}`;
  }
  if (location.strategy === 'json') return fileIdentity(location.path);
  return undefined;
}

/** The size field of a file identity (`mtime:size:inode`), or undefined for a missing file. */
function sizeOf(identity: string): number | undefined {
  return identity === 'missing' ? undefined : Number(identity.split(':')[1]);
}

/**
 * True when no one has written to storage since `before` (its stamp then), as seen by a process
 * that still holds it open: the database file is untouched and the write-ahead log was and is
 * empty or absent (a write goes to the log first, and a checkpoint moving it out changes the
 * file). A non-empty log may hold anything, so it counts as a change. Undefined stamps (a
 * database server) never count as unchanged.
 */
export function storageUnchangedSince(location: StorageLocation, before: string | undefined): boolean {
  const now = storageStamp(location);
  if (before === undefined || now === undefined) return false;
  if (location.strategy !== 'sqlite') return now === before;
  const [databaseBefore, logBefore = 'missing'] = before.split('|');
  const [databaseNow, logNow = 'missing'] = now.split('|');
  return databaseNow === databaseBefore && !sizeOf(logBefore) && !sizeOf(logNow);
}

/** True when storage holds nothing yet: no machine exists, so nothing is in use. */
export function storageIsEmpty(location: StorageLocation): boolean {
  return location.path !== undefined && (location.strategy === 'sqlite' || location.strategy === 'json') && fileIdentity(location.path) === 'missing';
}

/**
 * The counts recorded for storage exactly as it is now (or as `stamp` says it was); undefined
 * when missing, damaged or stale.
 */
export function readFreshUsage(cacheDirectory: string, location: StorageLocation, stamp = storageStamp(location)): Readonly<Record<string, number>> | undefined {
  if (stamp === undefined) return undefined;
  let content: Partial<UsageFile>;
  try {
    content = JSON.parse(readFileSync(join(cacheDirectory, TEMPLATE_USAGE_FILE), 'utf8')) as Partial<UsageFile>;
  } catch {
    return undefined;
  }
  if (
    typeof content !== 'object' ||
    content === null ||
    content.version !== 1 ||
    content.storage !== storageIdentity(location) ||
    content.stamp !== stamp ||
    typeof content.usage !== 'object' ||
    content.usage === null
  ) {
    return undefined;
  }
  return content.usage;
}

/**
 * Records the counts for storage as it is now. Call it once storage is closed (closing SQLite
 * checkpoints its log into the database file). Best effort: a file that cannot be written
 * only costs the next poll a visit to storage.
 */
export function writeUsage(cacheDirectory: string, location: StorageLocation, usage: Readonly<Record<string, number>>): void {
  const stamp = storageStamp(location);
  if (stamp === undefined) return;
  const content: UsageFile = { version: 1, storage: storageIdentity(location), stamp, usage };
  // See above: only the speed-up is lost.
  writeWholeFile(join(cacheDirectory, TEMPLATE_USAGE_FILE), JSON.stringify(content));
}

/**
 * maxNumber minus the machines alive or on order, never below 0; -1 (no limit) stays -1. The
 * domain's `availableNumberOf`, copied so the poll does not load zod; a test keeps them in step.
 */
export function availableNumber(maxNumber: number, inUse: number): number {
  return maxNumber === -1 ? -1 : Math.max(0, maxNumber - inUse);
}

/** Host Factory template entries with availableNumber after maxNumber. */
export function withAvailableNumbers<Entry extends { readonly templateId: string; readonly maxNumber: number }>(
  templates: readonly Entry[],
  usage: Readonly<Record<string, number>>,
): (Entry & { availableNumber: number })[] {
  return templates.map(({ templateId, maxNumber, ...rest }) => ({
    templateId,
    maxNumber,
    availableNumber: availableNumber(maxNumber, usage[templateId] ?? 0),
    ...rest,
  })) as (Entry & { availableNumber: number })[];
}
