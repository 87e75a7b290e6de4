import type { Machine, MachineState } from '@ohf/domain-core';
import { z } from 'zod';
import type { HandlerContext } from '../bus/message-map.js';
import { resolveMachines, type MachineReference } from '../orchestration/machine-resolver.js';
import type { MachineStateRefresher } from '../orchestration/machine-state-refresher.js';
import type { OrchestrationContext } from '../orchestration/orchestration-context.js';
import { MachineReferenceSchema } from '../shared/message-fields.js';

export const GetReturnRequestsSchema = z.object({
  type: z.literal('GetReturnRequests'),
  /** Every machine the scheduler believes this provider owns. */
  machines: z.array(MachineReferenceSchema).max(100_000).default([]),
});
export type GetReturnRequestsCommand = z.infer<typeof GetReturnRequestsSchema>;

/** A machine the provider wants back: it ended without being returned through us. */
export interface ReclaimedMachine {
  readonly machine: Machine;
  /** The name the scheduler used, else our host name. */
  readonly name: string;
  readonly reason: string;
}

export interface GetReturnRequestsResult {
  readonly machines: readonly ReclaimedMachine[];
  /** Names the scheduler sent that match no machine we know. */
  readonly unknown: readonly MachineReference[];
}

/** States in which a machine can no longer serve the scheduler. */
const RECLAIMED_STATES: ReadonlySet<MachineState> = new Set(['terminated', 'shutting_down', 'stopping', 'stopped', 'failed']);

/**
 * Host Factory getReturnRequests: refreshes the given machines from their providers (batched)
 * and lists those terminated, stopped or failed outside a return request — a spot
 * interruption, a manual deletion, a failed machine — so the scheduler can drain them.
 */
export class GetReturnRequestsHandler {
  constructor(
    private readonly dependencies: { readonly context: OrchestrationContext; readonly refresher: MachineStateRefresher },
  ) {}

  async handle(command: GetReturnRequestsCommand, handlerContext: HandlerContext): Promise<GetReturnRequestsResult> {
    const { context, refresher } = this.dependencies;
    const names = new Map<string, string>();
    const resolved = await resolveMachines(context.machines, command.machines);
    command.machines.forEach((reference) => {
      const machine = resolved.found.find(
        (candidate) =>
          candidate.machineId === reference.machineId ||
          candidate.providerInstanceId === reference.machineId ||
          (reference.name !== undefined && candidate.hostName === reference.name),
      );
      if (machine !== undefined && reference.name !== undefined) names.set(machine.machineId, reference.name);
    });
    const refreshed = await refresher.refresh(resolved.found, handlerContext.signal === undefined ? {} : { signal: handlerContext.signal });
    const reclaimed = refreshed.machines
      .filter((machine) => machine.returnRequestId === undefined && RECLAIMED_STATES.has(machine.state))
      .map((machine) => ({
        machine,
        name: names.get(machine.machineId) ?? machine.hostName ?? machine.providerInstanceId,
        reason:
          machine.rawState === 'missing'
            ? 'The provider no longer reports this machine (deleted or reclaimed).'
            : `The machine is ${machine.state.replace('_', ' ')} at the provider (${machine.rawState}).`,
      }));
    return { machines: reclaimed, unknown: resolved.unknown };
  }
}
