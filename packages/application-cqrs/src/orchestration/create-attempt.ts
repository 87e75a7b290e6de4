import {
  domainEvent,
  instanceTypesOf,
  isErrorCode,
  OhfError,
  type DomainEvent,
  type ErrorCode,
  type Machine,
  type MachineRequest,
  type MachineState,
  type PricedPlan,
  type ProvisionAttempt,
  type Template,
} from '@ohf/domain-core';
import { CreateInstancesResultV1Schema, OHF_TAG_KEYS, type InstanceV1 } from '@ohf/provider-sdk';
import { launchCostOf } from '../catalog/launch-cost-of.js';
import { resolveTemplate, type ResolvedTemplate } from '../catalog/plan-resolution.js';
import { APPLICATION_METRICS } from '../ports/metrics-sink.js';
import { describeError } from './describe-error.js';
import { classifyFailure } from './failure-classification.js';
import { machineCreatedEvent, machineFromInstance, machineKey } from './machine-from-instance.js';
import { isBudgetExhausted } from './operation-deadline.js';
import type { OrchestrationContext } from './orchestration-context.js';
import { callProvider } from './provider-call.js';
import { PROVIDER_OPERATIONS } from './provider-operations.js';
import type { ProviderChoice, ProvisionFailure } from './provider-selector.js';
import { toProviderTemplate } from './provider-template.js';
import { updateRequest } from './request-store.js';
import { auditRecordsOf, withEvents } from '../events/audit-records.js';

/** What one attempt left: the request with the attempt closed, every machine of the request, and the failure if any. */
export interface AttemptOutcome {
  readonly request: MachineRequest;
  readonly machines: Machine[];
  readonly failure?: ProvisionFailure;
}

/**
 * Looks at an instance for machines tagged with the request that storage does not know, and
 * records them. Undefined when the instance could not be asked.
 */
export type AdoptMachines = (
  request: MachineRequest,
  machines: readonly Machine[],
  providerInstance: string,
  signal: AbortSignal | undefined,
) => Promise<Machine[] | undefined>;

/** Machines that no longer count towards what a request has on an instance. */
export const GONE_STATES: ReadonlySet<MachineState> = new Set<MachineState>(['terminated', 'failed', 'shutting_down']);

/** A failure with how many of the machines asked for it cost. */
type AttemptFailure = ProvisionFailure & { readonly count: number; readonly retryable: boolean };

/** One attempt as planned: its number, what it asks of which instance, and its record saved before the call. */
interface PlannedAttempt {
  readonly number: number;
  readonly choice: ProviderChoice;
  readonly count: number;
  readonly providerApi: string | undefined;
  readonly instanceType: string | undefined;
  readonly started: ProvisionAttempt;
}

/** What the provider did: instances created, how many are still coming, and what failed. */
interface ProviderAnswer {
  readonly created: readonly InstanceV1[];
  readonly pendingCount: number;
  readonly failure: AttemptFailure | undefined;
}

/**
 * One create attempt of a provisioning step, in named steps: plan it and save it as started,
 * ask the provider, record the machines it created, look for machines a failed call may still
 * have created, then close the attempt with what it delivered and publish what happened.
 */
export class CreateAttempt {
  constructor(
    private readonly context: OrchestrationContext,
    private readonly adopt: AdoptMachines,
  ) {}

  /** Asks one instance for `count` machines and records what it did. */
  async run(
    request: MachineRequest,
    machines: Machine[],
    template: Template,
    choice: ProviderChoice,
    count: number,
    signal: AbortSignal | undefined,
  ): Promise<AttemptOutcome> {
    const resolution = await this.resolve(template, choice, request.organizationId);
    const launched = resolution.resolved?.template ?? template;
    const plans = resolution.resolved?.plans ?? [];
    const planned = this.plan(request, launched, choice, count);
    // Saved before the call, without retry on conflict: a newer version means another process
    // is working on this request, and this one must not create machines beside it.
    // The request's plan and price are those of this attempt (an earlier instance's no longer hold).
    const { planId: _planId, priceHourly: _priceHourly, currency: _currency, ...unpriced } = request;
    const started = this.startedEvent(request, planned);
    request = await this.context.requests.save(
      { ...unpriced, ...launchCostOf(plans[0]), attempts: [...request.attempts, planned.started] },
      withEvents(auditRecordsOf([started], { organizationId: request.organizationId })),
    );
    await this.context.events.publish(started);
    const answer =
      resolution.refusal === undefined
        ? await this.askProvider(request, machines, launched, planned, signal)
        : { created: [], pendingCount: 0, failure: { ...resolution.refusal, count, ...(planned.providerApi === undefined ? {} : { providerApi: planned.providerApi }) } };
    if (answer === 'budget spent') return this.abandon(request, machines, planned);

    // Record the machines first: from here on a crash must not lose them.
    const { stored, created, events } = await this.recordCreated(request, launched, planned, answer.created, plans);
    let allMachines = [...stored, ...created];
    let failure = answer.failure;
    // The provider was never asked when the template could not be resolved: nothing to look for.
    const adopted = resolution.refusal === undefined ? await this.adoptAfterFailure(request, allMachines, planned, answer, signal) : [];
    if (adopted.length > 0 && failure !== undefined) {
      allMachines = [...allMachines, ...adopted];
      created.push(...adopted);
      failure = { ...failure, count: Math.max(0, count - adopted.length) };
    }

    const delivered = created.length + answer.pendingCount;
    failure ??= this.unexplainedShortfall(planned, delivered);
    const parts = this.closingRecords(planned, delivered, created.length, failure);
    const closing = [
      ...(failure === undefined ? [] : [this.failedEvent(request, planned, failure)]),
      this.endedEvent(request, planned, delivered, failure),
    ];
    this.countMachines(planned, created.length, answer.pendingCount, delivered, failure);
    request = await this.close(request, planned, parts, closing);
    await this.context.events.publish(...events, ...closing);
    this.context.logger.info(
      {
        requestId: request.requestId,
        providerInstance: choice.providerInstance,
        attempt: planned.number,
        asked: count,
        created: created.length,
        pending: answer.pendingCount,
        ...(failure === undefined ? {} : { failure: { code: failure.code, message: failure.message } }),
      },
      'provision attempt finished',
    );
    return failure === undefined ? { request, machines: allMachines } : { request, machines: allMachines, failure };
  }

  /**
   * The template made concrete for the chosen instance (requirements → its cheapest plans), or
   * the refusal that fails this instance over when its catalog has no plan for them.
   */
  private async resolve(
    template: Template,
    choice: ProviderChoice,
    organizationId: string,
  ): Promise<{ resolved?: ResolvedTemplate; refusal?: Omit<AttemptFailure, 'count'> }> {
    try {
      return { resolved: await resolveTemplate(this.context.prices, template, { ...choice, organizationId }) };
    } catch (error) {
      if (!OhfError.isInstance(error) || error.code !== 'NO_MATCHING_PLAN') throw error;
      return { refusal: { code: error.code, message: error.message, retryable: false } };
    }
  }

  private plan(request: MachineRequest, template: Template, choice: ProviderChoice, count: number): PlannedAttempt {
    const instanceType = Object.keys(instanceTypesOf(template))[0];
    const providerApi = choice.providerApi ?? template.providerApi;
    return {
      number: request.attempts.length + 1,
      choice,
      count,
      providerApi,
      instanceType,
      started: {
        providerInstance: choice.providerInstance,
        providerType: choice.providerType,
        ...(providerApi === undefined ? {} : { providerApi }),
        ...(instanceType === undefined ? {} : { instanceType }),
        requestedCount: count,
        createdCount: 0,
        startedAt: this.context.clock.now().toISOString(),
      },
    };
  }

  /** The provider's answer, its thrown error as a failure, or `budget spent` when the operation's time ran out first. */
  private async askProvider(
    request: MachineRequest,
    machines: readonly Machine[],
    template: Template,
    planned: PlannedAttempt,
    signal: AbortSignal | undefined,
  ): Promise<ProviderAnswer | 'budget spent'> {
    const { context } = this;
    const { choice, count, providerApi, instanceType } = planned;
    const tags = {
      ...template.instanceTags,
      [OHF_TAG_KEYS.requestId]: request.requestId,
      [OHF_TAG_KEYS.templateId]: template.templateId,
      [OHF_TAG_KEYS.providerInstance]: choice.providerInstance,
    };
    const liveOnInstance = machines.filter(
      (machine) => machine.providerInstance === choice.providerInstance && !GONE_STATES.has(machine.state),
    ).length;
    try {
      const raw = await callProvider(
        context,
        choice.providerInstance,
        PROVIDER_OPERATIONS.createInstances,
        (provider, call) =>
          provider.createInstances(
            {
              requestId: request.requestId,
              template: toProviderTemplate(template),
              // Providers read count as the total this request wants on the instance: machines
              // an earlier (perhaps interrupted) attempt left there are counted, never re-created.
              count: liveOnInstance + count,
              idempotencyKey: request.requestId,
              tags,
              attempt: planned.number,
            },
            call,
          ),
        {
          ...(signal === undefined ? {} : { signal }),
          ...(providerApi === undefined ? {} : { providerApi }),
          ...(instanceType === undefined ? {} : { instanceType }),
          failureOf: (result) => {
            const first = result.failures?.[0];
            return first === undefined
              ? undefined
              : {
                  code: first.code,
                  message: first.message,
                  ...(first.retryAfterMs === undefined ? {} : { retryAfterMs: first.retryAfterMs }),
                  ...(first.instanceType === undefined ? {} : { instanceType: first.instanceType }),
                };
          },
        },
      );
      const result = CreateInstancesResultV1Schema.parse(raw);
      const first = result.failures[0];
      return {
        created: result.instances,
        pendingCount: result.pendingCount,
        failure:
          first === undefined
            ? undefined
            : {
                code: first.code,
                message: first.message,
                retryable: first.retryable,
                count: result.failures.reduce((sum, entry) => sum + entry.count, 0),
                ...(providerApi === undefined ? {} : { providerApi }),
                ...((first.instanceType ?? instanceType) === undefined ? {} : { instanceType: first.instanceType ?? instanceType }),
                ...(first.retryAfterMs === undefined ? {} : { retryAfterMs: first.retryAfterMs }),
              },
      };
    } catch (error) {
      if (isBudgetExhausted(error)) return 'budget spent';
      if (!OhfError.isInstance(error)) {
        context.logger.error({ requestId: request.requestId, providerInstance: choice.providerInstance, error: describeError(error) }, 'provider create failed unexpectedly');
      }
      return {
        created: [],
        pendingCount: 0,
        failure: {
          code: OhfError.isInstance(error) ? error.code : 'INTERNAL',
          message: OhfError.isInstance(error) ? error.message : 'The provider failed unexpectedly.',
          retryable: OhfError.isInstance(error) ? error.retryable : false,
          count,
          ...(providerApi === undefined ? {} : { providerApi }),
          ...(instanceType === undefined ? {} : { instanceType }),
          ...(OhfError.isInstance(error) && error.retryAfterMs !== undefined ? { retryAfterMs: error.retryAfterMs } : {}),
        },
      };
    }
  }

  /** Saves the instances storage does not know yet as machines; returns what was stored before and what was added. */
  private async recordCreated(
    request: MachineRequest,
    template: Template,
    planned: PlannedAttempt,
    instances: readonly InstanceV1[],
    plans: readonly PricedPlan[],
  ): Promise<{ stored: Machine[]; created: Machine[]; events: DomainEvent[] }> {
    const { context } = this;
    const { choice, providerApi } = planned;
    const stored = [...(await context.machines.findByRequestId(request.requestId))];
    const known = new Set(stored.map((machine) => machineKey(machine.providerInstance, machine.providerInstanceId)));
    const fresh = instances.filter((instance) => !known.has(machineKey(choice.providerInstance, instance.id)));
    const created = fresh.map((instance) =>
      machineFromInstance(
        instance,
        {
          organizationId: request.organizationId,
          requestId: request.requestId,
          templateId: template.templateId,
          providerType: choice.providerType,
          providerInstance: choice.providerInstance,
          ...(providerApi === undefined ? {} : { providerApi }),
          ...(template.priceType === undefined ? {} : { priceType: template.priceType }),
          // A fleet launches whichever of its plans had capacity: each machine is priced by its own.
          ...launchCostOf(plans.find((plan) => plan.planId === instance.instanceType) ?? plans[0]),
        },
        context.clock,
        context.ids,
      ),
    );
    const events = created.map((machine) => machineCreatedEvent(machine, context.clock));
    if (created.length > 0) await context.machines.saveMany(created, withEvents(auditRecordsOf(events, { organizationId: request.organizationId })));
    return { stored, created, events };
  }

  /** A thrown call may still have created machines (a timeout after the cloud acted): look for them by tag. */
  private async adoptAfterFailure(
    request: MachineRequest,
    machines: readonly Machine[],
    planned: PlannedAttempt,
    answer: ProviderAnswer,
    signal: AbortSignal | undefined,
  ): Promise<Machine[]> {
    const { failure } = answer;
    if (failure === undefined || answer.created.length > 0 || classifyFailure(failure.code, failure.retryable) === 'fatal') return [];
    return (await this.adopt(request, machines, planned.choice.providerInstance, signal)) ?? [];
  }

  /** A provider that delivered less than asked without saying why. */
  private unexplainedShortfall(planned: PlannedAttempt, delivered: number): AttemptFailure | undefined {
    if (delivered >= planned.count) return undefined;
    return {
      code: 'API_ERROR',
      message: `The provider delivered ${delivered} of ${planned.count} machines without reporting why.`,
      retryable: false,
      count: planned.count - delivered,
      ...(planned.providerApi === undefined ? {} : { providerApi: planned.providerApi }),
    };
  }

  /** The records that replace the started attempt: one for what was delivered, one for what failed. */
  private closingRecords(planned: PlannedAttempt, delivered: number, createdCount: number, failure: AttemptFailure | undefined): ProvisionAttempt[] {
    const { started, count } = planned;
    const finishedAt = this.context.clock.now().toISOString();
    const parts: ProvisionAttempt[] = [];
    if (delivered > 0 || failure === undefined) {
      parts.push({ ...started, requestedCount: delivered, createdCount, finishedAt });
    }
    if (failure !== undefined) {
      parts.push({
        ...started,
        requestedCount: Math.max(failure.count, count - delivered),
        createdCount: 0,
        finishedAt,
        ...(failure.instanceType === undefined ? {} : { instanceType: failure.instanceType }),
        error: { code: asErrorCode(failure.code), message: failure.message, retryable: failure.retryable },
      });
    }
    return parts;
  }

  private startedEvent(request: MachineRequest, planned: PlannedAttempt): DomainEvent {
    return domainEvent(
      'ProvisionAttemptStarted',
      {
        requestId: request.requestId,
        providerInstance: planned.choice.providerInstance,
        providerType: planned.choice.providerType,
        attempt: planned.number,
        requestedCount: planned.count,
      },
      this.context.clock.now(),
    );
  }

  private endedEvent(request: MachineRequest, planned: PlannedAttempt, delivered: number, failure: AttemptFailure | undefined): DomainEvent {
    return domainEvent(
      'ProvisionAttemptEnded',
      {
        requestId: request.requestId,
        providerInstance: planned.choice.providerInstance,
        attempt: planned.number,
        outcome: failure === undefined ? 'succeeded' : delivered > 0 ? 'partial' : 'failed',
        requestedCount: planned.count,
        deliveredCount: delivered,
        ...(failure === undefined ? {} : { errorCode: asErrorCode(failure.code), errorMessage: failure.message }),
      },
      this.context.clock.now(),
    );
  }

  private failedEvent(request: MachineRequest, planned: PlannedAttempt, failure: AttemptFailure): DomainEvent {
    return domainEvent(
      'ProvisionAttemptFailed',
      {
        requestId: request.requestId,
        providerInstance: planned.choice.providerInstance,
        code: asErrorCode(failure.code),
        message: failure.message,
        retryable: failure.retryable,
      },
      this.context.clock.now(),
    );
  }

  private countMachines(planned: PlannedAttempt, createdCount: number, pendingCount: number, delivered: number, failure: AttemptFailure | undefined): void {
    const { metrics } = this.context;
    const labels = { provider_instance: planned.choice.providerInstance };
    if (createdCount > 0) metrics.increment(APPLICATION_METRICS.provisionedMachinesTotal, { ...labels, outcome: 'created', code: '' }, createdCount);
    if (pendingCount > 0) metrics.increment(APPLICATION_METRICS.provisionedMachinesTotal, { ...labels, outcome: 'pending', code: '' }, pendingCount);
    if (failure !== undefined) {
      metrics.increment(APPLICATION_METRICS.provisionedMachinesTotal, { ...labels, outcome: 'failed', code: failure.code }, Math.max(1, planned.count - delivered));
    }
  }

  /** Replaces the started attempt with its closing records (appends them when another process moved it). */
  private close(request: MachineRequest, planned: PlannedAttempt, parts: readonly ProvisionAttempt[], events: readonly DomainEvent[]): Promise<MachineRequest> {
    const startedIndex = planned.number - 1;
    const { started } = planned;
    return updateRequest(
      this.context.requests,
      request,
      (latest) => {
        const attempts = [...latest.attempts];
        const index = attempts[startedIndex]?.startedAt === started.startedAt && attempts[startedIndex]?.finishedAt === undefined ? startedIndex : -1;
        if (index === -1) attempts.push(...parts);
        else attempts.splice(index, 1, ...parts);
        return { ...latest, attempts };
      },
      () => auditRecordsOf(events, { organizationId: request.organizationId }),
    );
  }

  /**
   * The operation's time budget ended while the provider had not answered: the attempt stays
   * without an outcome, marked abandoned, so the next step looks for what it created by tag and
   * closes it with that (or repeats it under the same attempt number) instead of creating beside
   * it. Not a failure of the request.
   */
  private async abandon(request: MachineRequest, machines: Machine[], planned: PlannedAttempt): Promise<AttemptOutcome> {
    const { context } = this;
    const { started } = planned;
    const abandonedAt = context.clock.now().toISOString();
    const startedIndex = planned.number - 1;
    const saved = await updateRequest(context.requests, request, (latest) => ({
      ...latest,
      attempts: latest.attempts.map((attempt, index) =>
        index === startedIndex && attempt.startedAt === started.startedAt && attempt.finishedAt === undefined ? { ...attempt, abandonedAt } : attempt,
      ),
    }));
    context.logger.warn(
      { requestId: request.requestId, providerInstance: started.providerInstance, attempt: planned.number, asked: planned.count },
      'provision attempt abandoned at the end of the time budget; the next call looks for what it created and resumes it',
    );
    return {
      request: saved,
      machines,
      failure: { code: 'PROVIDER_UNAVAILABLE', message: `${started.providerInstance} did not answer within the time budget` },
    };
  }
}

/** Provider codes are a subset of ours; anything else a third-party provider invents reads as API_ERROR. */
function asErrorCode(code: string): ErrorCode {
  return isErrorCode(code) ? code : 'API_ERROR';
}
