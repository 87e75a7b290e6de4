import type { Machine, MachineRequest } from '@ohf/domain-core';

/** Documents kept by default: the requests being watched, with room to spare; text and value both stay in memory. */
const PARSED_DOCUMENT_CACHE_SIZE = 2_048;

/** Machine documents kept: a request may have hundreds of machines, so more of them are kept than of requests. */
const PARSED_MACHINE_CACHE_SIZE = 4 * PARSED_DOCUMENT_CACHE_SIZE;

interface Entry<Value> {
  readonly text: string;
  readonly version: number;
  readonly value: Value;
}

/**
 * Reading a stored document costs JSON.parse plus the domain schema every time, and the same
 * request is read over and over (GET /requests/{id} under load, watchers polling). This keeps,
 * per id, the last parsed value with the exact text and version it came from: while the row
 * still holds that text, parsing it again could only give the same value, so that is reused.
 * Any other text is parsed and validated again, so an edited or invalid row is still caught,
 * and a failed parse is never kept.
 *
 * The kept value is deep-frozen and each read gets its own shallow copy: a caller replacing a
 * field changes only its copy, and one changing a nested array or object fails at once instead
 * of altering what the next reader gets.
 *
 * A capacity of 0 keeps nothing: each read is parsed and given as it comes, neither frozen nor
 * copied (for a process that reads each document once).
 */
export class ParsedDocumentCache<Value extends object> {
  readonly #entries = new Map<string, Entry<Value>>();

  constructor(private readonly capacity = PARSED_DOCUMENT_CACHE_SIZE) {}

  read(id: string, text: string, version: number, parse: (text: string) => Value): Value {
    if (this.capacity === 0) return parse(text);
    const entry = this.#entries.get(id);
    if (entry !== undefined && entry.version === version && entry.text === text) {
      // Most recently used last, so the oldest is the first in the map.
      this.#entries.delete(id);
      this.#entries.set(id, entry);
      return { ...entry.value };
    }
    const value = deepFreeze(parse(text));
    this.#entries.delete(id);
    this.#entries.set(id, { text, version, value });
    if (this.#entries.size > this.capacity) {
      const oldest = this.#entries.keys().next();
      if (oldest.done !== true) this.#entries.delete(oldest.value);
    }
    return { ...value };
  }

  get size(): number {
    return this.#entries.size;
  }
}

/**
 * Parsed documents kept beyond one storage: a long-lived process that opens storage for each
 * call (the CLI's resident helper) passes the same ones to every storage it opens
 * (`StorageOptions.parsedDocuments`). Safe across storages and files, as a kept value is reused
 * only for the exact text and version it was parsed from.
 */
export interface ParsedDocuments {
  readonly machines: ParsedDocumentCache<Machine>;
  readonly requests: ParsedDocumentCache<MachineRequest>;
}

/** `machines`, `requests`: how many documents of each are kept (defaults as a storage keeps them). */
export function createParsedDocuments(capacities: { readonly machines?: number; readonly requests?: number } = {}): ParsedDocuments {
  return {
    machines: new ParsedDocumentCache<Machine>(capacities.machines ?? PARSED_MACHINE_CACHE_SIZE),
    requests: new ParsedDocumentCache<MachineRequest>(capacities.requests ?? PARSED_DOCUMENT_CACHE_SIZE),
  };
}

/** The caches a storage's repositories use: shared ones, else their own of the default size or none. */
export function parsedDocumentsOf(options: { readonly keepParsedDocuments?: boolean; readonly parsedDocuments?: ParsedDocuments }): ParsedDocuments {
  if (options.parsedDocuments !== undefined) return options.parsedDocuments;
  return options.keepParsedDocuments === false ? createParsedDocuments({ machines: 0, requests: 0 }) : createParsedDocuments();
}

function deepFreeze<Value>(value: Value): Value {
  if (typeof value !== 'object' || value === null) return value;
  for (const nested of Object.values(value)) deepFreeze(nested);
  return Object.freeze(value);
}
