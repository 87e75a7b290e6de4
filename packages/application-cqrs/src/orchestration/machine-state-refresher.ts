import {
  domainEvent,
  observationChanges,
  observeMachine,
  OhfError,
  type DomainEvent,
  type Machine,
  type MachineObservation, DEFAULT_ORGANIZATION_ID } from '@ohf/domain-core';
import type { InstanceV1 } from '@ohf/provider-sdk';
import type { OrchestrationContext } from './orchestration-context.js';
import { callProvider } from './provider-call.js';
import { PROVIDER_OPERATIONS } from './provider-operations.js';
import { describeError } from './describe-error.js';
import { describeInBatches, emptyDescribedBatches } from './describe-in-batches.js';
import type { PriorDescribe } from './machine-lookup.js';
import { auditRecordsOf, machineOrigins, withEvents } from '../events/audit-records.js';

/** What one refresh learned about a provider instance it could not read. */
export interface RefreshProblem {
  readonly providerInstance: string;
  readonly code: string;
  readonly message: string;
}

export interface RefreshResult {
  /** Every given machine, updated where the provider said something new. */
  readonly machines: readonly Machine[];
  readonly problems: readonly RefreshProblem[];
  /** What the instances named in `alsoDescribe` said about its ids (absent without `alsoDescribe`). */
  readonly alsoDescribed?: PriorDescribe;
}

export interface RefreshOptions {
  readonly signal?: AbortSignal;
  /**
   * Cloud ids storage does not know, asked of these provider instances in the same describe
   * call as their machines: still one call per instance for the whole poll.
   */
  readonly alsoDescribe?: { readonly ids: readonly string[]; readonly providerInstances: readonly string[] };
}

/**
 * Refreshes machine states from their providers in batches: one `describeInstances` per
 * `describeBatchSize` machines of a provider instance, never one call per machine. A batch that
 * fails (or is not read before the budget ends) leaves its machines as stored and is reported
 * as a problem; the others are still read and saved. Machines already terminated are not
 * asked about again.
 */
export class MachineStateRefresher {
  constructor(private readonly context: OrchestrationContext) {}

  async refresh(machines: readonly Machine[], options: RefreshOptions = {}): Promise<RefreshResult> {
    const { context } = this;
    const byInstance = new Map<string, Machine[]>();
    for (const machine of machines) {
      if (machine.state === 'terminated') continue;
      const group = byInstance.get(machine.providerInstance) ?? [];
      group.push(machine);
      byInstance.set(machine.providerInstance, group);
    }
    const also = options.alsoDescribe !== undefined && options.alsoDescribe.ids.length > 0 ? options.alsoDescribe : undefined;
    const alsoIds = new Set(also?.ids ?? []);
    const alsoInstances = new Set(also?.providerInstances ?? []);
    for (const providerInstance of alsoInstances) if (!byInstance.has(providerInstance)) byInstance.set(providerInstance, []);
    const answered = new Map<string, InstanceV1[]>();
    const updated = new Map<string, Machine>();
    const events: DomainEvent[] = [];
    const problems: RefreshProblem[] = [];
    for (const [providerInstance, group] of byInstance) {
      const ids = [...new Set([...group.map((machine) => machine.providerInstanceId), ...(alsoInstances.has(providerInstance) ? alsoIds : [])])];
      const machinesByCloudId = new Map<string, Machine[]>();
      for (const machine of group) {
        const same = machinesByCloudId.get(machine.providerInstanceId);
        if (same === undefined) machinesByCloudId.set(machine.providerInstanceId, [machine]);
        else same.push(machine);
      }
      // Each batch is applied as it answers and then let go: only the machines it changed are kept.
      // A machine whose batch is never read keeps what storage says; the next poll asks again.
      const changed = new Map<string, Machine>();
      const alsoAnswered: InstanceV1[] = [];
      const applyBatch = (instances: readonly InstanceV1[], askedIds: readonly string[]) => {
        const byId = new Map<string, InstanceV1>();
        for (const instance of instances) {
          byId.set(instance.id, instance);
          if (alsoIds.has(instance.id)) alsoAnswered.push(instance);
        }
        for (const id of askedIds) {
          for (const machine of machinesByCloudId.get(id) ?? []) {
            const observation = this.observationOf(machine, byId.get(id));
            const next = observation === undefined ? undefined : this.apply(machine, observation);
            if (next !== undefined) changed.set(machine.machineId, next);
          }
        }
      };
      const read = emptyDescribedBatches();
      try {
        const answer = await callProvider(context, providerInstance, PROVIDER_OPERATIONS.describeInstances, (provider, call) => describeInBatches(provider, ids, call, read, applyBatch), {
          ...(options.signal === undefined ? {} : { signal: options.signal }),
          failureOf: (result) => result.failures[0],
        });
        for (const failure of answer.failures) {
          problems.push({ providerInstance, code: failure.code, message: failure.message });
          context.logger.warn({ providerInstance, code: failure.code, error: failure.message, machines: failure.count }, 'could not refresh the machine states of a describe batch');
        }
      } catch (error) {
        // The operation's budget ended (or the provider could not be reached): what was read is still applied.
        problems.push({
          providerInstance,
          code: OhfError.isInstance(error) ? error.code : 'INTERNAL',
          message: OhfError.isInstance(error) ? error.message : 'The provider failed unexpectedly.',
        });
        context.logger.warn({ providerInstance, error: describeError(error), read: read.readIds.size, of: ids.length }, 'could not refresh machine states');
      }
      // Only an instance that read every batch answered: a missing id may be in a batch it did not read.
      const readAll = read.readIds.size === ids.length;
      if (alsoInstances.has(providerInstance) && readAll) answered.set(providerInstance, alsoAnswered);
      // In the order the machines were given, whichever batch answered first.
      for (const machine of group) {
        const next = changed.get(machine.machineId);
        if (next === undefined) continue;
        updated.set(machine.machineId, next);
        if (next.state !== machine.state) {
          events.push(domainEvent('MachineStateChanged', { machineId: machine.machineId, from: machine.state, to: next.state }, context.clock.now()));
          if (next.state === 'terminated') {
            events.push(domainEvent('MachineTerminated', { machineId: machine.machineId, requestId: machine.requestId }, context.clock.now()));
          }
        }
      }
    }
    if (updated.size > 0) {
      const changed = [...updated.values()];
      await context.machines.saveMany(changed, withEvents(auditRecordsOf(events, machineOrigins(changed, DEFAULT_ORGANIZATION_ID))));
    }
    await context.events.publish(...events);
    return {
      machines: machines.map((machine) => updated.get(machine.machineId) ?? machine),
      problems,
      ...(also === undefined ? {} : { alsoDescribed: { answered, problems: problems.filter((problem) => alsoInstances.has(problem.providerInstance)) } }),
    };
  }

  /**
   * What the provider said about a machine. A machine it no longer lists is gone — once it is
   * old enough that a listing delay cannot explain it, or right away if we asked for its end.
   */
  private observationOf(machine: Machine, instance: InstanceV1 | undefined): MachineObservation | undefined {
    if (instance !== undefined) {
      // By assignment: one per machine described, thousands a poll.
      const observation: { -readonly [Field in keyof MachineObservation]: MachineObservation[Field] } = { state: instance.state, rawState: instance.rawState };
      if (instance.privateIpAddress !== null) observation.privateIpAddress = instance.privateIpAddress;
      if (instance.publicIpAddress !== null) observation.publicIpAddress = instance.publicIpAddress;
      const hostName = instance.hostName ?? instance.name;
      if (hostName !== null) observation.hostName = hostName;
      if (instance.launchTime !== undefined) observation.launchTime = instance.launchTime;
      if (instance.instanceType !== undefined) observation.instanceType = instance.instanceType;
      return observation;
    }
    const age = this.context.clock.now().getTime() - Date.parse(machine.createdAt);
    if (machine.returnRequestId === undefined && age < this.context.settings.missingMachineGraceMs) return undefined;
    return { state: 'terminated', rawState: 'missing', message: 'The provider no longer reports this machine.' };
  }

  /** The machine after the observation, or undefined when nothing changed or the move is impossible. */
  private apply(machine: Machine, observation: MachineObservation): Machine | undefined {
    if (!observationChanges(machine, observation)) return undefined;
    try {
      return observeMachine(machine, observation, this.context.clock);
    } catch (error) {
      // e.g. a stale read showing `running` for a machine already recorded as terminated.
      this.context.logger.debug(
        { machineId: machine.machineId, from: machine.state, to: observation.state, error: describeError(error) },
        'ignored an impossible machine state change',
      );
      return undefined;
    }
  }
}
