import { OhfError } from '@ohf/domain-core';
import { parseInstanceV1, type InstanceV1 } from '@ohf/provider-sdk';
import { describeError } from './describe-error.js';
import type { MachineReference } from './machine-resolver.js';
import type { OrchestrationContext } from './orchestration-context.js';
import { callProvider } from './provider-call.js';
import { PROVIDER_OPERATIONS } from './provider-operations.js';
import { instanceUsableBy } from './provider-access.js';

/** An instance a provider instance reported for a reference. */
export interface FoundInstance {
  readonly providerInstance: string;
  readonly providerType: string;
  readonly instance: InstanceV1;
}

/** A provider instance that could not be asked: what it knows is unknown, not "nothing". */
export interface LookupProblem {
  readonly providerInstance: string;
  readonly code: string;
  readonly message: string;
  /** Whether the failed question was about ids or about names. */
  readonly phase: 'id' | 'name';
}

export interface LookupResult {
  /** For each reference, in the order given: the instances found for it, at any provider instance. */
  readonly found: ReadonlyArray<readonly FoundInstance[]>;
  readonly problems: readonly LookupProblem[];
  /** Enabled provider instances that cannot look machines up by name (their provider lacks `findInstancesByName`). */
  readonly withoutNameLookup: readonly string[];
}

/** What a refresh already asked in the same poll: one describe per provider instance is enough. */
export interface PriorDescribe {
  /** Per provider instance that answered: the instances it reported among the ids asked. */
  readonly answered: ReadonlyMap<string, readonly InstanceV1[]>;
  readonly problems: readonly Omit<LookupProblem, 'phase'>[];
}

export interface LookupOptions {
  readonly signal?: AbortSignal;
  /** The ids were described already at these instances (GetReturnRequests shares its refresh call). */
  readonly prior?: PriorDescribe;
  /**
   * Look a reference with a cloud id up by name too when no instance has the id (default true:
   * a return may name a machine by an id from before a migration); false when the id alone decides.
   */
  readonly nameFallback?: boolean;
  /** Ask only the instances this organization may use. */
  readonly organizationId?: string;
}

/**
 * Finds machines storage does not know at every enabled provider instance: first all ids with
 * one describe per instance (ids in another cloud's format are simply "not here"), then the
 * names of references still not found with one name lookup per instance. Never one call per
 * machine. An instance that fails is reported, so a caller tells "nobody has it" from "could
 * not ask".
 */
export class MachineLookup {
  constructor(private readonly context: OrchestrationContext) {}

  async lookUp(references: readonly MachineReference[], options: LookupOptions = {}): Promise<LookupResult> {
    const { context } = this;
    const signalOption = options.signal === undefined ? {} : { signal: options.signal };
    const instances = (await context.providers.list()).filter(
      (descriptor) => descriptor.enabled && (options.organizationId === undefined || instanceUsableBy(descriptor, options.organizationId)),
    );
    const problems: LookupProblem[] = (options.prior?.problems ?? []).map((problem) => ({ ...problem, phase: 'id' }));
    const reported = new Map<string, { providerType: string; instances: InstanceV1[] }>();
    const failed = (providerInstance: string) => problems.some((problem) => problem.providerInstance === providerInstance);

    const ids = [...new Set(references.map((reference) => reference.machineId ?? '').filter((id) => id !== ''))];
    for (const descriptor of instances) {
      const prior = options.prior?.answered.get(descriptor.name);
      if (prior !== undefined) {
        reported.set(descriptor.name, { providerType: descriptor.type, instances: [...prior] });
        continue;
      }
      if (ids.length === 0 || failed(descriptor.name)) continue;
      try {
        const raw = await callProvider(
          context,
          descriptor.name,
          PROVIDER_OPERATIONS.describeInstances,
          (provider, call) => provider.describeInstances(ids, call),
          signalOption,
        );
        reported.set(descriptor.name, { providerType: descriptor.type, instances: raw.map(parseInstanceV1) });
      } catch (error) {
        problems.push(this.problemOf(descriptor.name, error, 'id'));
      }
    }
    const found: FoundInstance[][] = references.map((reference) =>
      reference.machineId === undefined || reference.machineId === '' ? [] : this.matching(reported, (instance) => instance.id === reference.machineId),
    );

    const wantsName = (reference: MachineReference, index: number): boolean =>
      found[index]!.length === 0 && !!reference.name && (options.nameFallback !== false || !reference.machineId);
    const names = [...new Set(references.flatMap((reference, index) => (wantsName(reference, index) ? [reference.name!] : [])))];
    const withoutNameLookup: string[] = [];
    if (names.length > 0) {
      const byName = new Map<string, { providerType: string; instances: InstanceV1[] }>();
      for (const descriptor of instances) {
        if (failed(descriptor.name)) continue;
        let provider;
        try {
          provider = await context.providers.get(descriptor.name);
        } catch (error) {
          // An instance that cannot even be set up (no credentials) cannot be asked either.
          problems.push(this.problemOf(descriptor.name, error, 'name'));
          continue;
        }
        if (provider.findInstancesByName === undefined) {
          withoutNameLookup.push(descriptor.name);
          continue;
        }
        try {
          const raw = await callProvider(
            context,
            descriptor.name,
            PROVIDER_OPERATIONS.findInstancesByName,
            (client, call) => client.findInstancesByName!(names, call),
            signalOption,
          );
          byName.set(descriptor.name, { providerType: descriptor.type, instances: raw.map(parseInstanceV1) });
        } catch (error) {
          problems.push(this.problemOf(descriptor.name, error, 'name'));
        }
      }
      references.forEach((reference, index) => {
        if (!wantsName(reference, index)) return;
        found[index] = this.matching(byName, (instance) => namesOf(instance).includes(reference.name!));
      });
    }
    return { found, problems, withoutNameLookup };
  }

  private matching(
    reported: ReadonlyMap<string, { providerType: string; instances: readonly InstanceV1[] }>,
    test: (instance: InstanceV1) => boolean,
  ): FoundInstance[] {
    const found: FoundInstance[] = [];
    for (const [providerInstance, { providerType, instances }] of reported) {
      for (const instance of instances) if (test(instance)) found.push({ providerInstance, providerType, instance });
    }
    return found;
  }

  private problemOf(providerInstance: string, error: unknown, phase: LookupProblem['phase']): LookupProblem {
    this.context.logger.warn({ providerInstance, phase, error: describeError(error) }, 'could not look machines up at a provider instance');
    return {
      providerInstance,
      code: OhfError.isInstance(error) ? error.code : 'INTERNAL',
      message: OhfError.isInstance(error) ? error.message : 'The provider failed unexpectedly.',
      phase,
    };
  }
}

/**
 * The problems that leave a reference's whereabouts unknown. A cloud id is authoritative: once
 * every instance answered about it, a failed name lookup changes nothing. A reference by name
 * alone depends on every question.
 */
export function problemsFor(reference: MachineReference, result: LookupResult): readonly LookupProblem[] {
  return reference.machineId ? result.problems.filter((problem) => problem.phase === 'id') : result.problems;
}

/** Every name a scheduler may use for an instance: name, host name (and its first label), addresses. */
export function namesOf(instance: InstanceV1): string[] {
  const names = [instance.name, instance.hostName, instance.privateIpAddress, instance.publicIpAddress];
  const hostName = instance.hostName ?? '';
  if (hostName.includes('.')) names.push(hostName.slice(0, hostName.indexOf('.')));
  return names.filter((name): name is string => name !== null && name !== '');
}
