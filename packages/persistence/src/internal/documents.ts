import {
  MachineRequestSchema,
  StorageError,
  safeParseMachine,
  type Machine,
  type MachineRequest,
} from '@ohf/domain-core';
import type { z } from 'zod';

function describe(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
    .join('; ');
}

/**
 * Documents are parsed again on the way out: a file edited by hand or a row written by an
 * older version must fail here, with its location, not deep inside a use case.
 */
export function readRequest(value: unknown, version: number, where: string): MachineRequest {
  const parsed = MachineRequestSchema.safeParse(value);
  if (!parsed.success) {
    throw new StorageError(`${where} holds a request that is not valid: ${describe(parsed.error)}`, {
      details: { where },
    });
  }
  return { ...parsed.data, version };
}

export function readMachine(value: unknown, version: number, where: string): Machine {
  const parsed = safeParseMachine(value);
  if (!parsed.success) {
    throw new StorageError(`${where} holds a machine that is not valid: ${describe(parsed.error)}`, {
      details: { where },
    });
  }
  // The parse gave a fresh object: set in place rather than copied, once per machine read.
  parsed.data.version = version;
  return parsed.data;
}

/** Writes are checked too, so nothing is stored that could not be read back. */
export function checkRequest(request: MachineRequest): MachineRequest {
  const parsed = MachineRequestSchema.safeParse(request);
  if (!parsed.success) {
    throw new StorageError(`Request ${String(request.requestId)} cannot be saved: ${describe(parsed.error)}`, {
      code: 'VALIDATION_ERROR',
      details: { requestId: request.requestId },
    });
  }
  return parsed.data;
}

export function checkMachine(machine: Machine): Machine {
  const parsed = safeParseMachine(machine);
  if (!parsed.success) {
    throw new StorageError(`Machine ${String(machine.machineId)} cannot be saved: ${describe(parsed.error)}`, {
      code: 'VALIDATION_ERROR',
      details: { machineId: machine.machineId },
    });
  }
  return parsed.data;
}

/** When a batch names one machine twice, the last entry wins (as if saved one after the other). */
export function lastOfEachMachine(machines: readonly Machine[]): Machine[] {
  const byId = new Map<string, Machine>();
  for (const machine of machines) byId.set(machine.machineId, machine);
  return [...byId.values()];
}
