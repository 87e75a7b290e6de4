import { BusinessRuleError, domainEvent, isRequestFinal, NotFoundError, OhfError, type DomainEvent, type Machine, type MachineRequest } from '@ohf/domain-core';
import {
  parseInstanceV1,
  OHF_TAG_KEYS,
  ReleaseRequestResultV1Schema,
  TerminateResultV1Schema,
  type ComputeProviderV1,
  type InstanceV1,
  type PlannedCallV1,
  type ReleasedResourceV1,
  type ReleaseRequestResultV1,
} from '@ohf/provider-sdk';
import { z } from 'zod';
import type { HandlerContext } from '../bus/message-map.js';
import { describeError } from '../orchestration/describe-error.js';
import { machineCreatedEvent, machineFromTaggedInstance, machineKey } from '../orchestration/machine-from-instance.js';
import type { OrchestrationContext } from '../orchestration/orchestration-context.js';
import { callProvider } from '../orchestration/provider-call.js';
import { PROVIDER_OPERATIONS } from '../orchestration/provider-operations.js';
import { updateRequest, withStatus } from '../orchestration/request-store.js';
import { DryRunField, RequestIdField, CommandOrganizationField } from '../shared/message-fields.js';
import type { ReturnMachinesHandler } from './return-machines.js';
import { auditRecordsOf, originOf, withEvents } from '../events/audit-records.js';

export const CancelRequestSchema = z.object({
  type: z.literal('CancelRequest'),
  organizationId: CommandOrganizationField,
  requestId: RequestIdField,
  /**
   * Also release everything the request launched (default false: machines stay): fleets and
   * groups deleted, its machines terminated through a return request, recorded or not.
   */
  terminateMachines: z.boolean().default(false),
  dryRun: DryRunField,
});
export type CancelRequestCommand = z.infer<typeof CancelRequestSchema>;

export interface CancelRequestResult {
  readonly dryRun: boolean;
  readonly request: MachineRequest;
  /** The machines created so far (kept unless `terminateMachines`). */
  readonly machines: readonly Machine[];
  /** The return request terminating them, when asked to. */
  readonly returnRequestId?: string;
  /** With `terminateMachines`: what each provider instance the request used released (planned, in a dry run). */
  readonly released: readonly ReleasedAtInstance[];
  /** Provider instances that could not be asked to release (`instance: CODE: message`). */
  readonly problems: readonly string[];
}

/** What one provider instance released for the request. */
export interface ReleasedAtInstance {
  readonly providerInstance: string;
  /** Fleets, groups and other launchers deleted or emptied. */
  readonly resources: readonly ReleasedResourceV1[];
  /** Instances of the request the release terminated. */
  readonly terminated: readonly string[];
  readonly plannedCalls?: readonly PlannedCallV1[];
}

/**
 * Stops provisioning of an unfinished acquire request (status `cancelled`); machines already
 * created stay unless `terminateMachines`. Then every provider instance the request used
 * releases what it launched, recorded or not: instances tagged with the request are recorded
 * first, then fleets and groups that would launch more are deleted with their machines
 * (`releaseRequestResources`; providers without it terminate the tagged instances), and every
 * machine goes through a return request that ends once they are gone.
 * Finished requests and return requests cannot be cancelled (CONFLICT).
 */
export class CancelRequestHandler {
  constructor(
    private readonly dependencies: { readonly context: OrchestrationContext; readonly returnMachines: ReturnMachinesHandler },
  ) {}

  async handle(command: CancelRequestCommand, handlerContext: HandlerContext): Promise<CancelRequestResult> {
    const { context } = this.dependencies;
    const request = await context.requests.findById(command.requestId);
    if (request === undefined || request.organizationId !== command.organizationId) {
      throw new NotFoundError('REQUEST_NOT_FOUND', `Request "${command.requestId}" does not exist.`, { details: { requestId: command.requestId } });
    }
    if (request.kind !== 'acquire') {
      throw new BusinessRuleError('CONFLICT', `Request ${request.requestId} is a return request; only acquire requests can be cancelled.`, {
        details: { requestId: request.requestId },
      });
    }
    if (isRequestFinal(request)) {
      throw new BusinessRuleError('CONFLICT', `Request ${request.requestId} is already ${request.status}; only unfinished requests can be cancelled.`, {
        details: { requestId: request.requestId, status: request.status },
      });
    }
    const machines = await context.machines.findByRequestId(request.requestId);
    const signalOption = handlerContext.signal === undefined ? {} : { signal: handlerContext.signal };
    if (command.dryRun) {
      const planned = command.terminateMachines ? await this.release(request, machines, { ...signalOption, dryRun: true }) : undefined;
      return { dryRun: true, request, machines, released: planned?.released ?? [], problems: planned?.problems ?? [] };
    }

    const events: DomainEvent[] = [];
    const cancelledEvent = domainEvent('RequestCancelled', { requestId: request.requestId, terminateMachines: command.terminateMachines }, context.clock.now());
    const cancelled = await updateRequest(
      context.requests,
      request,
      (latest) => {
        if (isRequestFinal(latest)) {
          throw new BusinessRuleError('CONFLICT', `Request ${latest.requestId} finished (${latest.status}) while being cancelled.`, {
            details: { requestId: latest.requestId, status: latest.status },
          });
        }
        const changed = withStatus(latest, 'cancelled', 'Cancelled by the user.', context.clock);
        events.splice(0, events.length, cancelledEvent, ...changed.events);
        return changed.request;
      },
      () => auditRecordsOf(events, originOf(request.organizationId, handlerContext)),
    );
    await context.events.publish(...events);
    if (!command.terminateMachines) return { dryRun: false, request: cancelled, machines, released: [], problems: [] };

    const { released, problems, adopted } = await this.release(cancelled, machines, signalOption);
    const alive = [...machines, ...adopted].filter((machine) => machine.state !== 'terminated');
    if (alive.length === 0) return { dryRun: false, request: cancelled, machines: [...machines, ...adopted], released, problems };
    const returned = await this.dependencies.returnMachines.handle(
      { type: 'ReturnMachines', organizationId: cancelled.organizationId, machines: alive.map((machine) => ({ machineId: machine.machineId })), dryRun: false },
      handlerContext,
    );
    return {
      dryRun: false,
      request: cancelled,
      machines: returned.machines,
      ...(returned.requestId === undefined ? {} : { returnRequestId: returned.requestId }),
      released,
      problems,
    };
  }

  /** At each provider instance the request used: records its untracked instances, then releases everything it launched. */
  private async release(
    request: MachineRequest,
    machines: readonly Machine[],
    options: { readonly signal?: AbortSignal; readonly dryRun?: boolean },
  ): Promise<{ released: ReleasedAtInstance[]; problems: string[]; adopted: Machine[] }> {
    const { context } = this.dependencies;
    const released: ReleasedAtInstance[] = [];
    const problems: string[] = [];
    const adopted: Machine[] = [];
    const known = new Set(machines.map((machine) => machineKey(machine.providerInstance, machine.providerInstanceId)));
    const types = new Map((await context.providers.list()).map((descriptor) => [descriptor.name, descriptor.type]));
    for (const providerInstance of instancesOf(request)) {
      try {
        const tagged = await callProvider(
          context,
          providerInstance,
          PROVIDER_OPERATIONS.findInstancesByTag,
          (provider, call) => provider.findInstancesByTag({ [OHF_TAG_KEYS.requestId]: request.requestId }, call),
          options.signal === undefined ? {} : { signal: options.signal },
        );
        const untracked = tagged
          .map(parseInstanceV1)
          .filter((instance) => instance.state !== 'terminated' && !known.has(machineKey(providerInstance, instance.id)));
        const fresh = untracked.map((instance) =>
          machineFromTaggedInstance(
            instance,
            { providerInstance, providerType: types.get(providerInstance) ?? request.providerType ?? 'unknown', organizationId: request.organizationId },
            context.clock,
            context.ids,
          ),
        );
        if (fresh.length > 0 && options.dryRun !== true) {
          const created = fresh.map((machine) => machineCreatedEvent(machine, context.clock));
          await context.machines.saveMany(fresh, withEvents(auditRecordsOf(created, { organizationId: request.organizationId })));
          await context.events.publish(...created);
          adopted.push(...fresh);
        }
        const result = ReleaseRequestResultV1Schema.parse(
          await callProvider(
            context,
            providerInstance,
            PROVIDER_OPERATIONS.releaseRequestResources,
            (provider, call) =>
              provider.releaseRequestResources !== undefined
                ? provider.releaseRequestResources(request.requestId, { ...options, ...call })
                : terminateTagged(provider, tagged.map(parseInstanceV1), { ...options, ...call }),
            options.signal === undefined ? {} : { signal: options.signal },
          ),
        );
        for (const failure of result.failures) problems.push(`${providerInstance} ${failure.id}: ${failure.code} (${failure.message})`);
        released.push({
          providerInstance,
          resources: result.released,
          terminated: result.terminated,
          ...(options.dryRun === true ? { plannedCalls: result.plannedCalls ?? [] } : {}),
        });
      } catch (error) {
        problems.push(`${providerInstance}: ${OhfError.isInstance(error) ? `${error.code}: ${error.message}` : 'the provider failed unexpectedly'}`);
        context.logger.warn({ requestId: request.requestId, providerInstance, error: describeError(error) }, 'could not release what a cancelled request launched');
      }
    }
    if (released.some((entry) => entry.resources.length > 0 || entry.terminated.length > 0)) {
      context.logger.info({ requestId: request.requestId, released }, 'released what a cancelled request launched');
    }
    return { released, problems, adopted };
  }
}

/** Every provider instance the request chose or tried. */
function instancesOf(request: MachineRequest): string[] {
  return [...new Set([request.providerInstance, ...request.attempts.map((attempt) => attempt.providerInstance)].filter((name): name is string => !!name))];
}

/** For providers without `releaseRequestResources`: the tagged instances still alive are terminated. */
async function terminateTagged(
  provider: ComputeProviderV1,
  tagged: readonly InstanceV1[],
  options: { readonly signal?: AbortSignal; readonly dryRun?: boolean },
): Promise<ReleaseRequestResultV1> {
  const alive = tagged.filter((instance) => instance.state !== 'terminated').map((instance) => instance.id);
  if (alive.length === 0) return { released: [], terminated: [], alreadyGone: [], failures: [] };
  const result = TerminateResultV1Schema.parse(await provider.terminateInstances(alive, options));
  return { released: [], terminated: result.terminated, alreadyGone: result.alreadyGone, failures: result.failures, ...(result.plannedCalls ? { plannedCalls: result.plannedCalls } : {}) };
}
