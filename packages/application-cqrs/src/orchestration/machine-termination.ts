import { domainEvent, observeMachine, OhfError, type DomainEvent, type Machine, DEFAULT_ORGANIZATION_ID } from '@ohf/domain-core';
import { TerminateResultV1Schema, type PlannedCallV1 } from '@ohf/provider-sdk';
import { describeError } from './describe-error.js';
import type { OrchestrationContext } from './orchestration-context.js';
import { callProvider } from './provider-call.js';
import { PROVIDER_OPERATIONS } from './provider-operations.js';
import { auditRecordsOf, machineOrigins, withEvents } from '../events/audit-records.js';

export interface TerminationResult {
  /** The machines after the call (shutting down, terminated, or unchanged with a message). */
  readonly machines: readonly Machine[];
  /** One line per machine or instance the provider could not terminate. */
  readonly problems: readonly string[];
}

export interface TerminationPlan {
  readonly providerInstance: string;
  readonly providerInstanceIds: readonly string[];
  readonly plannedCalls: readonly PlannedCallV1[];
}

/**
 * Terminates machines at their providers: one `terminateInstances` per provider instance for
 * all its machines. Machines already gone count as done; machines already terminated are not
 * sent again.
 */
export class MachineTermination {
  constructor(private readonly context: OrchestrationContext) {}

  async terminate(machines: readonly Machine[], options: { readonly signal?: AbortSignal } = {}): Promise<TerminationResult> {
    const { context } = this;
    const updated = new Map<string, Machine>();
    const events: DomainEvent[] = [];
    const problems: string[] = [];
    for (const [providerInstance, group] of groupByInstance(machines)) {
      const byCloudId = new Map(group.map((machine) => [machine.providerInstanceId, machine]));
      let result;
      try {
        const raw = await callProvider(context, providerInstance, PROVIDER_OPERATIONS.terminateInstances, (provider, call) => provider.terminateInstances([...byCloudId.keys()], call),
          options.signal === undefined ? {} : { signal: options.signal },
        );
        result = TerminateResultV1Schema.parse(raw);
      } catch (error) {
        const message = OhfError.isInstance(error) ? `${error.code}: ${error.message}` : 'the provider failed unexpectedly';
        problems.push(`${providerInstance}: ${message}`);
        context.logger.warn({ providerInstance, error: describeError(error) }, 'could not terminate machines; will try again');
        // Each machine says why it is still there, should the request end without it.
        for (const machine of group) {
          const why = `Termination failed: ${message}`;
          if (machine.message !== why) updated.set(machine.machineId, { ...machine, message: why, updatedAt: context.clock.now().toISOString() });
        }
        continue;
      }
      const observe = (cloudId: string, state: 'shutting_down' | 'terminated', rawState: string, message?: string) => {
        const machine = byCloudId.get(cloudId);
        if (machine === undefined) return;
        try {
          const next = observeMachine(machine, { state, rawState, ...(message === undefined ? {} : { message }) }, context.clock);
          updated.set(machine.machineId, next);
          if (next.state !== machine.state) {
            events.push(domainEvent('MachineStateChanged', { machineId: machine.machineId, from: machine.state, to: next.state }, context.clock.now()));
            if (next.state === 'terminated') {
              events.push(domainEvent('MachineTerminated', { machineId: machine.machineId, requestId: machine.requestId }, context.clock.now()));
            }
          }
        } catch {
          // Already in a state the observation cannot follow (e.g. terminated): nothing to record.
        }
      };
      for (const cloudId of result.terminated) {
        const machine = byCloudId.get(cloudId);
        if (machine?.state !== 'shutting_down') observe(cloudId, 'shutting_down', 'terminating');
      }
      for (const cloudId of result.alreadyGone) observe(cloudId, 'terminated', 'gone', 'Already gone at the provider.');
      for (const failure of result.failures) {
        problems.push(`${providerInstance} ${failure.id}: ${failure.code} (${failure.message})`);
        const machine = byCloudId.get(failure.id);
        if (machine !== undefined) {
          updated.set(machine.machineId, {
            ...machine,
            message: `Termination failed: ${failure.code} (${failure.message})`,
            updatedAt: context.clock.now().toISOString(),
          });
        }
      }
    }
    if (updated.size > 0) {
      const changed = [...updated.values()];
      await context.machines.saveMany(changed, withEvents(auditRecordsOf(events, machineOrigins(changed, DEFAULT_ORGANIZATION_ID))));
    }
    await context.events.publish(...events);
    return { machines: machines.map((machine) => updated.get(machine.machineId) ?? machine), problems };
  }

  /** The exact calls a termination would make, without making them (`dryRun`). */
  async plan(machines: readonly Machine[]): Promise<TerminationPlan[]> {
    const plans: TerminationPlan[] = [];
    for (const [providerInstance, group] of groupByInstance(machines)) {
      const provider = await this.context.providers.get(providerInstance);
      const ids = group.map((machine) => machine.providerInstanceId);
      const result = TerminateResultV1Schema.parse(await provider.terminateInstances(ids, { dryRun: true }));
      plans.push({ providerInstance, providerInstanceIds: ids, plannedCalls: result.plannedCalls ?? [] });
    }
    return plans;
  }
}

function groupByInstance(machines: readonly Machine[]): Map<string, Machine[]> {
  const groups = new Map<string, Machine[]>();
  for (const machine of machines) {
    if (machine.state === 'terminated') continue;
    const group = groups.get(machine.providerInstance) ?? [];
    group.push(machine);
    groups.set(machine.providerInstance, group);
  }
  return groups;
}
