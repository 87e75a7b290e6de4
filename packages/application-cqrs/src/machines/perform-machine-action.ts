import { BusinessRuleError, domainEvent, type Machine } from '@ohf/domain-core';
import { InstanceActionResultV1Schema, InstanceActionV1Schema, redactError, type InstanceActionV1, type PlannedCallV1 } from '@ohf/provider-sdk';
import { z } from 'zod';
import type { HandlerContext } from '../bus/message-map.js';
import type { MachineStateRefresher } from '../orchestration/machine-state-refresher.js';
import type { OrchestrationContext } from '../orchestration/orchestration-context.js';
import { callProvider } from '../orchestration/provider-call.js';
import { PROVIDER_OPERATIONS } from '../orchestration/provider-operations.js';
import type { GetMachineHandler } from './get-machine.js';
import { CommandOrganizationField } from '../shared/message-fields.js';
import { auditRecordsOf, originOf } from '../events/audit-records.js';

export const PerformMachineActionSchema = z.object({
  type: z.literal('PerformMachineAction'),
  organizationId: CommandOrganizationField,
  /** Our id (`m-…`) or the cloud's id. */
  machineId: z.string().min(1),
  action: InstanceActionV1Schema,
  /** Narrows a cloud id to one provider instance (two clouds may reuse an id). */
  providerInstance: z.string().min(1).optional(),
  /** Plan the provider call only: nothing is sent, recorded or published. */
  dryRun: z.boolean().default(false),
});
export type PerformMachineActionCommand = z.infer<typeof PerformMachineActionSchema>;

export interface PerformMachineActionResult {
  readonly action: InstanceActionV1;
  /** The machine as recorded after the action (read again from its provider unless a dry run). */
  readonly machine: Machine;
  /** The cloud's reference for the action, when it tracks one. */
  readonly actionId?: string;
  readonly dryRun: boolean;
  readonly plannedCalls?: readonly PlannedCallV1[];
}

export interface PerformMachineActionDependencies {
  readonly context: OrchestrationContext;
  readonly refresher: MachineStateRefresher;
  readonly getMachine: GetMachineHandler;
}

/** States a machine never comes back from: no power action can apply to it. */
const ENDED_STATES: ReadonlySet<Machine['state']> = new Set(['terminated', 'shutting_down']);

/**
 * Boots, shuts down or reboots one recorded machine through its provider, then reads its state
 * back so storage shows what the cloud now reports, and publishes MachineActionPerformed.
 */
export class PerformMachineActionHandler {
  constructor(private readonly dependencies: PerformMachineActionDependencies) {}

  async handle(command: PerformMachineActionCommand, handlerContext: HandlerContext): Promise<PerformMachineActionResult> {
    const { context, refresher, getMachine } = this.dependencies;
    const machine = await getMachine.handle({
      type: 'GetMachine',
      organizationId: command.organizationId,
      machineId: command.machineId,
      ...(command.providerInstance === undefined ? {} : { providerInstance: command.providerInstance }),
    });
    const details = { machineId: machine.machineId, providerInstance: machine.providerInstance, state: machine.state };
    if (ENDED_STATES.has(machine.state) || machine.returnRequestId !== undefined) {
      const why = machine.returnRequestId === undefined ? `is ${machine.state}` : `is being returned (${machine.returnRequestId})`;
      throw new BusinessRuleError('CONFLICT', `Machine ${machine.machineId} ${why}; it cannot ${command.action}.`, { details });
    }
    // Asked before the call so that a provider without the member is not counted as failing;
    // a client that cannot be built says so without its credentials, as callProvider would.
    const provider = await context.providers.get(machine.providerInstance).catch((error: unknown) => {
      throw redactError(error, context.providers.secretsOf?.(machine.providerInstance) ?? []);
    });
    const perform = provider.performAction?.bind(provider);
    if (perform === undefined) {
      throw new BusinessRuleError(
        'API_NOT_SUPPORTED',
        `Provider instance "${machine.providerInstance}" (type ${provider.providerId}) has no power actions; ${command.action} the machine in the cloud's console.`,
        { details: { ...details, providerType: provider.providerId } },
      );
    }
    const signal = handlerContext.signal === undefined ? {} : { signal: handlerContext.signal };
    const answer = InstanceActionResultV1Schema.parse(
      await callProvider(
        context,
        machine.providerInstance,
        PROVIDER_OPERATIONS.performAction,
        (_provider, call) => perform(machine.providerInstanceId, command.action, { ...call, dryRun: command.dryRun }),
        signal,
      ),
    );
    if (command.dryRun) return { action: command.action, machine, dryRun: true, plannedCalls: answer.plannedCalls ?? [] };
    const performed = domainEvent('MachineActionPerformed', { machineId: machine.machineId, providerInstance: machine.providerInstance, action: command.action }, context.clock.now());
    // The action changes the cloud, not storage: its audit row is appended on its own.
    await context.audit?.append(auditRecordsOf([performed], originOf(machine.organizationId, handlerContext)));
    await context.events.publish(performed);
    const refreshed = await refresher.refresh([machine], signal);
    return {
      action: command.action,
      machine: refreshed.machines[0] ?? machine,
      ...(answer.actionId === undefined ? {} : { actionId: answer.actionId }),
      dryRun: false,
    };
  }
}
