import { DEFAULT_ORGANIZATION_ID, type Machine, type MachineState, type ReturnLookup } from '@ohf/domain-core';
import { OHF_TAG_KEYS } from '@ohf/provider-sdk';
import { isLaunchedByUs, machineCreatedEvent, machineFromTaggedInstance, machineKey } from './machine-from-instance.js';
import { MachineLookup, problemsFor, type FoundInstance, type LookupResult } from './machine-lookup.js';
import type { MachineReference } from './machine-resolver.js';
import type { OrchestrationContext } from './orchestration-context.js';
import { auditRecordsOf, machineOrigins, withEvents } from '../events/audit-records.js';

/** Provider states of a machine on its way out or gone: nothing to return any more. */
const ENDED: ReadonlySet<MachineState> = new Set(['terminated', 'shutting_down']);

/** What one reference resolved to: a machine of ours, or a lookup outcome. */
export type ReferenceOutcome = { readonly machine: Machine } | { readonly lookup: ReturnLookup };

export interface ResolvedLookups {
  /** Machines found at a provider carrying our tags: recorded (unless a dry run) and to be returned. */
  readonly machines: readonly Machine[];
  /** One per reference that resolved to no machine of ours, in the order given. */
  readonly lookups: readonly ReturnLookup[];
  /** One per reference, in the order given. */
  readonly outcomes: readonly ReferenceOutcome[];
}

/**
 * Settles, for a return, references storage did not know by looking them up at the provider
 * instances: an instance carrying our tags is recorded (its request and template from the tags)
 * and returned like any other; one not launched by us is left running and reported; one that
 * is gone, or that no instance has, counts as returned; one not found while an instance could
 * not be asked stays `looking_up` and is asked about again on the next poll.
 */
export async function resolveUnknownMachines(
  context: OrchestrationContext,
  references: readonly MachineReference[],
  options: { readonly signal?: AbortSignal; readonly dryRun?: boolean; readonly organizationId?: string } = {},
): Promise<ResolvedLookups> {
  if (references.length === 0) return { machines: [], lookups: [], outcomes: [] };
  const { organizationId } = options;
  const result = await new MachineLookup(context).lookUp(references, {
    ...(options.signal === undefined ? {} : { signal: options.signal }),
    ...(organizationId === undefined ? {} : { organizationId }),
  });
  const machines = new Map<string, Machine>();
  const adopted: Machine[] = [];
  const outcomes: ReferenceOutcome[] = [];
  const lookups = { push: (lookup: ReturnLookup) => outcomes.push({ lookup }) };
  for (const [index, reference] of references.entries()) {
    const named = { ...(reference.machineId ? { machineId: reference.machineId } : {}), ...(reference.name ? { name: reference.name } : {}) };
    const found = result.found[index] ?? [];
    const live = found.filter((entry) => !ENDED.has(entry.instance.state));
    if (live.length > 1) {
      lookups.push({
        ...named,
        outcome: 'failed',
        message: `Names ${live.length} machines (${live.map(describeFound).join(', ')}); none was terminated. Return it by its machineId.`,
      });
      continue;
    }
    const [alive] = live;
    if (alive !== undefined && isLaunchedByUs(alive.instance)) {
      const key = machineKey(alive.providerInstance, alive.instance.id);
      const known = adopted.find((machine) => machineKey(machine.providerInstance, machine.providerInstanceId) === key) ??
        (await context.machines.findByProviderInstanceId(alive.instance.id, alive.providerInstance));
      const owner = known?.organizationId ?? (await ownerOfTagged(context, alive.instance.tags[OHF_TAG_KEYS.requestId]));
      if (organizationId !== undefined && owner !== organizationId) {
        // Another organization's machine is answered as one no instance has.
        lookups.push({ ...named, outcome: 'gone', message: `No provider instance has this machine${withoutNames(reference, result)}.` });
        continue;
      }
      const machine = known ?? machineFromTaggedInstance(alive.instance, { ...alive, organizationId: owner }, context.clock, context.ids);
      if (known === undefined) adopted.push(machine);
      machines.set(machine.machineId, machine);
      outcomes.push({ machine });
      continue;
    }
    if (alive !== undefined) {
      lookups.push({
        ...named,
        ...where(alive),
        outcome: 'not_ours',
        message: `${describeFound(alive)} was not launched by Open Host Factory (it has no ${OHF_TAG_KEYS.requestId} tag), so it was left running.`,
      });
      continue;
    }
    const [ended] = found;
    if (ended !== undefined) {
      lookups.push({ ...named, ...where(ended), outcome: 'gone', message: `Already ${ended.instance.state.replace('_', ' ')} at ${ended.providerInstance}.` });
      continue;
    }
    const problems = problemsFor(reference, result);
    if (problems.length > 0) {
      lookups.push({ ...named, outcome: 'looking_up', message: `Not found yet; ${describeProblems(problems)}. Asked again on the next status poll.` });
      continue;
    }
    lookups.push({ ...named, outcome: 'gone', message: `No provider instance has this machine${withoutNames(reference, result)}.` });
  }
  if (adopted.length > 0 && options.dryRun !== true) {
    const created = adopted.map((machine) => machineCreatedEvent(machine, context.clock));
    await context.machines.saveMany(adopted, withEvents(auditRecordsOf(created, machineOrigins(adopted, DEFAULT_ORGANIZATION_ID))));
    context.logger.info(
      { adopted: adopted.map((machine) => ({ providerInstance: machine.providerInstance, id: machine.providerInstanceId, requestId: machine.requestId })) },
      'recorded machines found at their providers by the tags we put on them',
    );
    await context.events.publish(...created);
  }
  return {
    machines: [...machines.values()],
    lookups: outcomes.flatMap((outcome) => ('lookup' in outcome ? [outcome.lookup] : [])),
    outcomes,
  };
}

function where(found: FoundInstance): Pick<ReturnLookup, 'providerInstance' | 'providerInstanceId' | 'state' | 'rawState'> {
  return { providerInstance: found.providerInstance, providerInstanceId: found.instance.id, state: found.instance.state, rawState: found.instance.rawState };
}

function describeFound(found: FoundInstance): string {
  return `${found.instance.id} at ${found.providerInstance}`;
}

function describeProblems(problems: LookupResult['problems']): string {
  const byInstance = new Map(problems.map((problem) => [problem.providerInstance, problem]));
  return `could not ask ${[...byInstance.values()].map((problem) => `${problem.providerInstance} (${problem.code}: ${problem.message})`).join(', ')}`;
}

function withoutNames(reference: MachineReference, result: LookupResult): string {
  if (reference.machineId || result.withoutNameLookup.length === 0) return '';
  return ` (${result.withoutNameLookup.join(', ')} cannot look machines up by name)`;
}

/** The organization of the request a tagged instance names; the default one when storage no longer knows the request. */
async function ownerOfTagged(context: OrchestrationContext, requestId: string | undefined): Promise<string> {
  const request = requestId === undefined || requestId === '' ? undefined : await context.requests.findById(requestId);
  return request?.organizationId ?? DEFAULT_ORGANIZATION_ID;
}
