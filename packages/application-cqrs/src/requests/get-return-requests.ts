import type { Machine, MachineState } from '@ohf/domain-core';
import { z } from 'zod';
import type { HandlerContext } from '../bus/message-map.js';
import { resolveMachines, type MachineReference } from '../orchestration/machine-resolver.js';
import { MachineLookup, problemsFor } from '../orchestration/machine-lookup.js';
import type { MachineStateRefresher, RefreshResult } from '../orchestration/machine-state-refresher.js';
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
  /** Hosts the scheduler named that storage does not know and no provider has any more (or has terminated). */
  readonly gone: readonly GoneHost[];
  /** Names the scheduler sent that match no machine we know. */
  readonly unknown: readonly MachineReference[];
}

/** A host the scheduler believes this provider owns, but which no provider instance has alive. */
export interface GoneHost {
  /** The name the scheduler used, else its machine id. */
  readonly name: string;
  /** The scheduler's machine id, else the cloud's id where it was found. */
  readonly machineId: string;
  readonly reason: string;
}

/** States in which a machine can no longer serve the scheduler. */
const RECLAIMED_STATES: ReadonlySet<MachineState> = new Set(['terminated', 'shutting_down', 'stopping', 'stopped', 'failed']);
const ENDED_STATES: ReadonlySet<MachineState> = new Set(['terminated', 'shutting_down']);

/**
 * Host Factory getReturnRequests: refreshes the given machines from their providers (batched)
 * and lists those terminated, stopped or failed outside a return request — a spot
 * interruption, a manual deletion, a failed machine — so the scheduler can drain them. Hosts
 * storage does not know are asked of every enabled provider instance in the same describe call
 * (names with one name lookup per instance) and listed when no instance has them alive; when an
 * instance could not be asked, such a host is not listed: "don't know" is not "gone".
 */
export class GetReturnRequestsHandler {
  constructor(
    private readonly dependencies: { readonly context: OrchestrationContext; readonly refresher: MachineStateRefresher },
  ) {}

  async handle(command: GetReturnRequestsCommand, handlerContext: HandlerContext): Promise<GetReturnRequestsResult> {
    const { context, refresher } = this.dependencies;
    const signalOption = handlerContext.signal === undefined ? {} : { signal: handlerContext.signal };
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
    const unknownIds = [...new Set(resolved.unknown.map((reference) => reference.machineId ?? '').filter((id) => id !== ''))];
    const enabled = unknownIds.length === 0 ? [] : (await context.providers.list()).filter((instance) => instance.enabled).map((instance) => instance.name);
    const refreshed = await refresher.refresh(resolved.found, {
      ...signalOption,
      ...(unknownIds.length === 0 ? {} : { alsoDescribe: { ids: unknownIds, providerInstances: enabled } }),
    });
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
    return { machines: reclaimed, gone: await this.goneHosts(resolved.unknown, refreshed, signalOption), unknown: resolved.unknown };
  }

  private async goneHosts(unknown: readonly MachineReference[], refreshed: RefreshResult, signalOption: { signal?: AbortSignal }): Promise<GoneHost[]> {
    if (unknown.length === 0) return [];
    // Symphony sends the cloud id with each host: that id decides; only hosts named without one are looked up by name.
    const result = await new MachineLookup(this.dependencies.context).lookUp(unknown, {
      ...signalOption,
      nameFallback: false,
      ...(refreshed.alsoDescribed === undefined ? {} : { prior: refreshed.alsoDescribed }),
    });
    const gone: GoneHost[] = [];
    unknown.forEach((reference, index) => {
      const found = result.found[index] ?? [];
      if (found.some((entry) => !ENDED_STATES.has(entry.instance.state))) return;
      const [ended] = found;
      if (ended === undefined && problemsFor(reference, result).length > 0) return;
      gone.push({
        name: reference.name ?? reference.machineId ?? '',
        machineId: reference.machineId ?? ended?.instance.id ?? reference.name ?? '',
        reason:
          ended === undefined
            ? 'No provider instance has this machine (terminated, reclaimed, or never launched here).'
            : `The machine is ${ended.instance.state.replace('_', ' ')} at ${ended.providerInstance} (${ended.instance.rawState}).`,
      });
    });
    return gone;
  }
}
