import type { Machine, MachineRequest, RequestWithMachines } from '@ohf/domain-core';

/** A row of a "request with its machines" read: the request first (`part` 0, with its kind), then machines (`part` 1). */
export interface RequestOrMachineRow {
  readonly part: number;
  /** The request's id on its row, a machine's id on the others. */
  readonly id: string;
  /** Only on the request's row. */
  readonly kind: string | null;
  readonly document: string;
  readonly version: number;
}

/** A row of several requests read at once, with the request it was read for. */
export interface OwnedRow extends RequestOrMachineRow {
  readonly owner: string;
}

/** The rows of a batched read, per request; a request with no rows is absent. */
export function rowsByOwner(rows: readonly OwnedRow[]): ReadonlyMap<string, readonly OwnedRow[]> {
  const byOwner = new Map<string, OwnedRow[]>();
  for (const row of rows) {
    const owned = byOwner.get(row.owner);
    if (owned === undefined) byOwner.set(row.owner, [row]);
    else owned.push(row);
  }
  return byOwner;
}

/**
 * The answer of readRequestWithMachines from the rows of one statement: an acquire request's
 * machines as they came (oldest first); a return request's those it lists, in its order, each
 * once, leaving out any no longer stored. No request row: the request does not exist.
 */
export function requestWithMachinesFrom(
  rows: readonly RequestOrMachineRow[],
  readRequest: (row: RequestOrMachineRow) => MachineRequest,
  readMachine: (row: RequestOrMachineRow) => Machine,
): RequestWithMachines | undefined {
  const [first, ...rest] = rows;
  if (first === undefined || first.part !== 0) return undefined;
  const request = readRequest(first);
  if (first.kind !== 'return') return { request, machines: rest.map(readMachine) };
  const stored = new Map(rest.map((row) => [row.id, row]));
  const machines = request.machineIds.flatMap((machineId) => {
    const row = stored.get(machineId);
    return row === undefined ? [] : [readMachine(row)];
  });
  return { request, machines };
}
