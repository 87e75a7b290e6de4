import { compareByCreation } from '../internal/work-options.js';

/**
 * Stored documents are filtered and ordered on their raw fields, and only the ones returned
 * are parsed through the domain schemas: a lookup in a file of thousands of machines then
 * parses a handful, not all of them.
 */
export interface RawEntry {
  readonly id: string;
  readonly document: unknown;
}

export function textField(document: unknown, name: string): string | undefined {
  const value = (document as Record<string, unknown> | null | undefined)?.[name];
  return typeof value === 'string' ? value : undefined;
}

export function storedVersion(document: unknown): number {
  const version = (document as { version?: unknown } | null | undefined)?.version;
  return typeof version === 'number' ? version : 0;
}

/** Entries of one section matching `keep`, oldest first (the order every strategy lists in). */
export function entriesOldestFirst(
  section: Record<string, unknown>,
  keep: (document: unknown) => boolean = () => true,
): RawEntry[] {
  const entries: (RawEntry & { readonly createdAt: string })[] = [];
  for (const [id, document] of Object.entries(section)) {
    if (keep(document)) entries.push({ id, document, createdAt: textField(document, 'createdAt') ?? '' });
  }
  return entries.sort((a, b) => compareByCreation(a.createdAt, a.id, b.createdAt, b.id));
}

export function pageOf<Item>(items: readonly Item[], offset: number, limit: number | undefined): Item[] {
  return items.slice(offset, limit === undefined ? undefined : offset + limit);
}
