import {
  domainEvent,
  isRequestFinal,
  NotFoundError,
  ValidationError,
  type DomainEvent,
  type Machine,
  type MachineRequest,
  type ProvisionAttempt,
  type Template,
} from '@ohf/domain-core';
import { parseInstanceV1, OHF_TAG_KEYS, TerminateResultV1Schema, type InstanceV1 } from '@ohf/provider-sdk';
import type { CandidatePrices } from '@ohf/selection-engine';
import { candidatePricesFor } from '../catalog/candidate-prices.js';
import { launchCostOfRequest } from '../catalog/launch-cost-of.js';
import {
  currentErrorsByInstance,
  excludedInstances,
  fatalAttempt,
  hasFailedOn,
  hasUnsettledAttempt,
  instancesOf,
  isAttemptFinished,
  owedMachineCount,
  shortfallOf,
} from './attempts.js';
import { CreateAttempt, GONE_STATES } from './create-attempt.js';
import { describeError } from './describe-error.js';
import { machineCreatedEvent, machineFromInstance, machineKey } from './machine-from-instance.js';
import type { OrchestrationContext } from './orchestration-context.js';
import { callProvider } from './provider-call.js';
import { PROVIDER_OPERATIONS } from './provider-operations.js';
import type { ChooseInput, ProviderChoice, ProvisionFailure } from './provider-selector.js';
import { updateRequest, withStatus } from './request-store.js';
import { currentChoiceOf, storedSelectionOf, withChoice } from './stored-selection.js';
import { allowedInstancesFor } from './provider-access.js';
import { auditRecordsOf, withEvents } from '../events/audit-records.js';

/** Where a request stands after one provisioning step. */
export interface ProvisionProgress {
  readonly request: MachineRequest;
  readonly machines: readonly Machine[];
  /** More machines may still come (a later step will try again): the request stays in progress. */
  readonly waiting: boolean;
  /** Why machines are missing when no more will come, for the request message. */
  readonly reason?: string;
  /** What the request waits for while more may come (an instance blocked, an abandoned attempt), for the request message. */
  readonly waitingFor?: string;
}

/** A guard against provider behaviour we did not foresee: never loop without bound. */
const MAX_ATTEMPTS_PER_STEP = 20;

/**
 * One provisioning step of an acquire request — the continuation every call runs, since the
 * CLI lives for one call and all work in flight is in the repositories:
 * 1. reconcile: machines tagged with the request id at its provider instances are adopted, so a
 *    crash between a provider call and its recording loses nothing and creates nothing twice;
 * 2. top up: the shortfall is asked of the chosen instance; capacity, quota, throttling and
 *    outage failures block that offering in selection and fail over to the next candidate
 *    within the same request; other failures stop provisioning.
 * Machines are recorded right after the provider returns, before anything else.
 */
export class ProvisioningService {
  private readonly createAttempt: CreateAttempt;

  constructor(private readonly context: OrchestrationContext) {
    this.createAttempt = new CreateAttempt(context, (request, machines, providerInstance, signal) => this.adopt(request, machines, providerInstance, signal));
  }

  async provision(requestId: string, options: { readonly signal?: AbortSignal } = {}): Promise<ProvisionProgress> {
    const { context } = this;
    let request = await this.loadAcquireRequest(requestId);
    let machines = [...(await context.machines.findByRequestId(requestId))];
    if (isRequestFinal(request)) return { request, machines, waiting: false };

    if (request.status === 'pending') {
      const changed = withStatus(request, 'in_progress', 'Provisioning started.', context.clock);
      request = await context.requests.save(changed.request, withEvents(auditRecordsOf(changed.events, { organizationId: request.organizationId })));
      await context.events.publish(...changed.events);
    }
    const template = request.templateId === undefined ? undefined : await context.templates.findById(request.templateId);
    if (template === undefined) {
      if (fatalAttempt(request) === undefined) {
        request = await this.recordRefusal(request, {
          code: 'TEMPLATE_NOT_FOUND',
          message: `Template "${request.templateId ?? ''}" no longer exists.`,
          retryable: false,
        });
      }
      return { request, machines, waiting: false };
    }

    const signal = options.signal;
    ({ request, machines } = await this.reconcile(request, machines, signal));
    // Failover stays within the instances the request's organization may use.
    const allowed = await allowedInstancesFor(context.providers, request.organizationId);
    // Candidates are priced from the catalog only when this step chooses an instance: status
    // polls of a request that only waits for its machines read no catalog.
    let prices: CandidatePrices | undefined;
    let priced = false;
    const pricesNow = async (): Promise<CandidatePrices | undefined> => {
      if (!priced) {
        prices = await candidatePricesFor(context.prices, context.providers, template, request.organizationId);
        priced = true;
      }
      return prices;
    };

    const deadlinePassed = this.deadlinePassed(request);
    const failedNow = new Set<string>();
    let current = currentChoiceOf(request);
    if (current !== undefined && hasFailedOn(request, current.providerInstance)) current = undefined;
    let lastFailure: { choice: ProviderChoice; failure: ProvisionFailure } | undefined;

    for (let step = 0; step < MAX_ATTEMPTS_PER_STEP; step += 1) {
      // Once the operation's time budget is spent, the rest waits for the next call.
      if (signal?.aborted || deadlinePassed || fatalAttempt(request) !== undefined || hasUnsettledAttempt(request)) break;
      const shortfall = shortfallOf(request, machines);
      if (shortfall === 0) break;
      const exclude = [...excludedInstances(request, context.settings.maxTransientAttemptsPerInstance), ...failedNow];
      if (current === undefined || exclude.includes(current.providerInstance)) {
        const input = this.chooseInput(request, template, exclude, await pricesNow(), allowed);
        const next =
          lastFailure === undefined
            ? context.selector.tryChoose(input)
            : context.selector.failover(lastFailure.choice, lastFailure.failure, input);
        if (next === undefined || exclude.includes(next.providerInstance)) break;
        current = next;
        request = await this.recordChoice(request, next, lastFailure);
      }
      const outcome = await this.createAttempt.run(request, machines, template, current, shortfall, signal);
      ({ request, machines } = outcome);
      if (outcome.failure !== undefined) {
        failedNow.add(current.providerInstance);
        lastFailure = { choice: current, failure: outcome.failure };
      }
    }
    return this.progressOf(request, machines, template, signal?.aborted === true, prices, allowed);
  }

  /** Machines the request's instances hold under its tag but storage does not know yet. */
  private async reconcile(
    request: MachineRequest,
    machines: Machine[],
    signal: AbortSignal | undefined,
  ): Promise<{ request: MachineRequest; machines: Machine[] }> {
    const unfinished = request.attempts.filter((attempt) => !isAttemptFinished(attempt));
    const needed = shortfallOf(request, machines) > 0 || owedMachineCount(request, machines) > 0 || unfinished.length > 0;
    if (!needed) return { request, machines };
    let known = machines;
    const unlooked = new Set<string>();
    for (const providerInstance of instancesOf(request)) {
      const adopted = await this.adopt(request, known, providerInstance, signal);
      if (adopted === undefined) unlooked.add(providerInstance);
      else if (adopted.length > 0) known = [...known, ...adopted];
    }
    const settled = this.settleInterruptedAttempts(request, known, unlooked);
    if (settled !== request) request = await this.context.requests.save(settled);
    return { request, machines: known };
  }

  /**
   * Records, as machines of the request, the tagged instances of one provider instance it does
   * not know. Undefined when the instance could not be asked (so nothing may be concluded from
   * what it did not show).
   */
  private async adopt(
    request: MachineRequest,
    machines: readonly Machine[],
    providerInstance: string,
    signal: AbortSignal | undefined,
  ): Promise<Machine[] | undefined> {
    const { context } = this;
    let found: InstanceV1[];
    try {
      found = await callProvider(
        context,
        providerInstance,
        PROVIDER_OPERATIONS.findInstancesByTag,
        (provider, call) => provider.findInstancesByTag({ [OHF_TAG_KEYS.requestId]: request.requestId }, call),
        signal === undefined ? {} : { signal },
      );
    } catch (error) {
      context.logger.warn(
        { requestId: request.requestId, providerInstance, error: describeError(error) },
        'could not look for the machines of a request by its tags; will try again on the next call',
      );
      return undefined;
    }
    const known = new Set(machines.map((machine) => machineKey(machine.providerInstance, machine.providerInstanceId)));
    const fresh = found
      .map(parseInstanceV1)
      .filter(
        (instance) =>
          (instance.tags[OHF_TAG_KEYS.providerInstance] ?? providerInstance) === providerInstance &&
          !known.has(machineKey(providerInstance, instance.id)),
      );
    // Never more machines than the request asked for (every recorded one counts, as in
    // shortfallOf): a create that ran twice leaves a surplus, which is terminated, oldest kept.
    const room = Math.max(0, request.requestedCount - machines.length);
    const live = fresh.filter((instance) => !GONE_STATES.has(instance.state)).sort(byLaunchTime);
    const surplus = new Set(live.slice(room));
    if (surplus.size > 0) await this.terminateSurplus(request, providerInstance, [...surplus], signal);
    const kept = fresh.filter((instance) => !surplus.has(instance));
    if (kept.length === 0) return [];
    const template = request.templateId ?? '';
    const providerType =
      request.attempts.find((attempt) => attempt.providerInstance === providerInstance)?.providerType ??
      request.providerType ??
      'unknown';
    const adopted = kept.map((instance) =>
      machineFromInstance(
        instance,
        {
          organizationId: request.organizationId,
          requestId: request.requestId,
          templateId: template,
          providerType,
          providerInstance,
          ...(request.providerApi === undefined ? {} : { providerApi: request.providerApi }),
          ...launchCostOfRequest(request, instance.instanceType),
        },
        context.clock,
        context.ids,
      ),
    );
    const created = adopted.map((machine) => this.machineCreated(machine));
    await context.machines.saveMany(adopted, withEvents(auditRecordsOf(created, { organizationId: request.organizationId })));
    context.logger.info(
      { requestId: request.requestId, providerInstance, adopted: adopted.map((machine) => machine.providerInstanceId) },
      'adopted machines found by the request tag',
    );
    await context.events.publish(...created);
    return adopted;
  }

  /**
   * Terminates instances tagged with the request beyond what it asked for. Not recorded: when
   * the call fails they are still untracked, so the next step finds and terminates them again.
   */
  private async terminateSurplus(request: MachineRequest, providerInstance: string, surplus: readonly InstanceV1[], signal: AbortSignal | undefined): Promise<void> {
    const { context } = this;
    const ids = surplus.map((instance) => instance.id);
    try {
      const result = TerminateResultV1Schema.parse(
        await callProvider(context, providerInstance, PROVIDER_OPERATIONS.terminateInstances, (provider, call) => provider.terminateInstances(ids, call), signal === undefined ? {} : { signal }),
      );
      context.logger.warn(
        { requestId: request.requestId, providerInstance, terminated: [...result.terminated, ...result.alreadyGone], failures: result.failures },
        'terminated machines tagged with the request beyond the count it asked for',
      );
    } catch (error) {
      context.logger.warn(
        { requestId: request.requestId, providerInstance, surplus: ids, error: describeError(error) },
        'could not terminate machines tagged with the request beyond the count it asked for; will try again on the next call',
      );
    }
  }

  /**
   * Attempts saved without an outcome whose lease ran out were interrupted (a crash), as were
   * those abandoned when an operation's time budget ran out. What their instance now shows is
   * what they achieved: with machines found, the attempt is closed with them; without, it is
   * dropped so the next attempt repeats it under the same attempt number (the provider's
   * idempotency then returns anything the lost call created). Attempts on an instance that
   * could not be asked (`unlooked`) stay as they are until it can.
   */
  private settleInterruptedAttempts(request: MachineRequest, machines: readonly Machine[], unlooked: ReadonlySet<string>): MachineRequest {
    const now = this.context.clock.now();
    let changed = false;
    const attempts: ProvisionAttempt[] = [];
    for (const attempt of request.attempts) {
      if (isAttemptFinished(attempt) || unlooked.has(attempt.providerInstance)) {
        attempts.push(attempt);
        continue;
      }
      const acceptedBefore = attempts
        .filter((other) => other.providerInstance === attempt.providerInstance && other.error === undefined)
        .reduce((sum, other) => sum + other.requestedCount, 0);
      const seen = Math.max(
        0,
        machines.filter((machine) => machine.providerInstance === attempt.providerInstance).length - acceptedBefore,
      );
      const expired =
        attempt.abandonedAt !== undefined || now.getTime() - Date.parse(attempt.startedAt) >= this.context.settings.inFlightAttemptLeaseMs;
      if (seen >= attempt.requestedCount || (expired && seen > 0)) {
        const { abandonedAt: _abandonedAt, ...closed } = attempt;
        attempts.push({ ...closed, requestedCount: seen, createdCount: seen, finishedAt: now.toISOString() });
        changed = true;
      } else if (expired) {
        changed = true;
      } else {
        attempts.push(attempt);
      }
    }
    return changed ? { ...request, attempts } : request;
  }

  /** Records the instance chosen next; after a failure of another instance, the failover and its reason too. */
  private async recordChoice(
    request: MachineRequest,
    choice: ProviderChoice,
    after: { readonly choice: ProviderChoice; readonly failure: ProvisionFailure } | undefined,
  ): Promise<MachineRequest> {
    const stored = storedSelectionOf(request);
    const now = this.context.clock.now();
    const events: DomainEvent[] = [
      ...(after === undefined || after.choice.providerInstance === choice.providerInstance
        ? []
        : [
            domainEvent(
              'ProviderFailover',
              {
                requestId: request.requestId,
                fromInstance: after.choice.providerInstance,
                toInstance: choice.providerInstance,
                reason: `${after.failure.code}: ${after.failure.message}`,
              },
              now,
            ),
          ]),
      domainEvent(
        'ProviderSelected',
        { requestId: request.requestId, providerInstance: choice.providerInstance, providerType: choice.providerType, explanation: choice.decision },
        now,
      ),
    ];
    const saved = await updateRequest(
      this.context.requests,
      request,
      (latest) =>
        withChoice(latest, choice, {
          ...(stored?.preference === undefined ? {} : { preference: stored.preference }),
          ...(stored?.criteria === undefined ? {} : { criteria: stored.criteria }),
        }),
      () => auditRecordsOf(events, { organizationId: request.organizationId }),
    );
    await this.context.events.publish(...events);
    return saved;
  }

  /** A refusal that ends provisioning (recorded as an attempt, like a provider's refusal). */
  private async recordRefusal(
    request: MachineRequest,
    error: { code: 'TEMPLATE_NOT_FOUND'; message: string; retryable: false },
  ): Promise<MachineRequest> {
    const now = this.context.clock.now().toISOString();
    return updateRequest(this.context.requests, request, (latest) => ({
      ...latest,
      attempts: [
        ...latest.attempts,
        {
          providerInstance: latest.providerInstance ?? 'none',
          providerType: latest.providerType ?? 'none',
          requestedCount: shortfallOf(latest, []),
          createdCount: 0,
          startedAt: now,
          finishedAt: now,
          error,
        },
      ],
    }));
  }

  private progressOf(
    request: MachineRequest,
    machines: readonly Machine[],
    template: Template,
    budgetSpent: boolean,
    prices: CandidatePrices | undefined,
    allowed: ReadonlySet<string> | undefined,
  ): ProvisionProgress {
    const { context } = this;
    const exclude = excludedInstances(request, context.settings.maxTransientAttemptsPerInstance);
    if (this.deadlinePassed(request)) {
      const missing = request.requestedCount - machines.length;
      if (missing <= 0) return { request, machines, waiting: false };
      // The final message names every instance's error already; add only what it cannot know.
      const waitedFor = this.waitingFor(request, template, exclude, { withErrors: false, budgetSpent: false, prices, allowed });
      const gaveUp = `provisioning gave up after ${Math.round(context.settings.deadlineMs / 1000)} s`;
      return { request, machines, waiting: false, reason: waitedFor === undefined ? gaveUp : `${gaveUp} (${waitedFor})` };
    }
    const waiting = (): ProvisionProgress => {
      const waitingFor = this.waitingFor(request, template, exclude, { withErrors: true, budgetSpent, prices, allowed });
      return waitingFor === undefined ? { request, machines, waiting: true } : { request, machines, waiting: true, waitingFor };
    };
    if (hasUnsettledAttempt(request) || owedMachineCount(request, machines) > 0) return waiting();
    const shortfall = shortfallOf(request, machines);
    if (shortfall === 0) return { request, machines, waiting: false };
    if (fatalAttempt(request) !== undefined) return { request, machines, waiting: false };
    if (context.selector.hasCandidates(this.chooseInput(request, template, exclude, prices, allowed))) return waiting();
    const tried = instancesOf(request);
    return {
      request,
      machines,
      waiting: false,
      reason:
        exclude.length > 0
          ? `no other provider instance can serve the remaining ${shortfall} machine${shortfall === 1 ? '' : 's'}`
          : `no provider instance can serve this template${tried.length === 0 ? '' : ` (tried ${tried.join(', ')})`}`,
    };
  }

  /**
   * What keeps a request from its machines for now, for its message: attempts given up at the
   * end of a time budget, then each instance's last error (with how long selection blocks it),
   * then the instances blocked for a while without having failed for this request.
   */
  private waitingFor(
    request: MachineRequest,
    template: Template,
    exclude: readonly string[],
    {
      withErrors,
      budgetSpent,
      prices,
      allowed,
    }: { readonly withErrors: boolean; readonly budgetSpent: boolean; readonly prices: CandidatePrices | undefined; readonly allowed: ReadonlySet<string> | undefined },
  ): string | undefined {
    const abandoned = new Set(
      request.attempts.filter((attempt) => !isAttemptFinished(attempt) && attempt.abandonedAt !== undefined).map((attempt) => attempt.providerInstance),
    );
    // The step was cut short by the time budget before it could ask for machines (a lookup hung).
    const cutShort = budgetSpent && abandoned.size === 0 ? instancesOf(request) : [];
    const noneNow = this.context.selector.whyNoneNow(this.chooseInput(request, template, exclude, prices, allowed));
    const blocked = new Map((noneNow?.blocked ?? []).map((entry) => [entry.providerInstance, entry]));
    const causes = [
      ...[...abandoned].map((instance) => `${instance} did not answer within the time budget; the next call looks for what it created`),
      ...(cutShort.length === 0 ? [] : [`the time budget ran out waiting for ${cutShort.join(', ')}; the next call goes on`]),
    ];
    for (const error of currentErrorsByInstance(request)) {
      if (abandoned.has(error.providerInstance)) continue;
      const block = blocked.get(error.providerInstance);
      blocked.delete(error.providerInstance);
      if (withErrors) causes.push(block === undefined ? error.text : `${error.text}, blocked until ${block.until}`);
    }
    for (const block of blocked.values()) causes.push(`${block.providerInstance}: ${block.reason}`);
    if (causes.length === 0 && noneNow !== undefined && (withErrors || currentErrorsByInstance(request).length === 0)) causes.push(noneNow.message);
    return causes.length === 0 ? undefined : causes.join('; ');
  }

  private chooseInput(
    request: MachineRequest,
    template: Template,
    exclude: readonly string[],
    prices: CandidatePrices | undefined,
    allowed: ReadonlySet<string> | undefined,
  ): ChooseInput {
    const stored = storedSelectionOf(request);
    return {
      template,
      exclude,
      ...(prices === undefined ? {} : { prices }),
      ...(allowed === undefined ? {} : { allowedInstances: allowed }),
      ...(stored?.preference === undefined ? {} : { preference: stored.preference }),
      ...(stored?.criteria === undefined ? {} : { criteria: stored.criteria }),
    };
  }

  private deadlinePassed(request: MachineRequest): boolean {
    return this.context.clock.now().getTime() - Date.parse(request.createdAt) > this.context.settings.deadlineMs;
  }

  private async loadAcquireRequest(requestId: string): Promise<MachineRequest> {
    const request = await this.context.requests.findById(requestId);
    if (request === undefined) {
      throw new NotFoundError('REQUEST_NOT_FOUND', `Request "${requestId}" does not exist.`, { details: { requestId } });
    }
    if (request.kind !== 'acquire') {
      throw new ValidationError(`Request "${requestId}" is a return request; only acquire requests are provisioned.`, {
        details: { requestId, field: 'requestId' },
      });
    }
    return request;
  }

  private machineCreated(machine: Machine): DomainEvent {
    return machineCreatedEvent(machine, this.context.clock);
  }
}

/** Oldest first; instances without a launch time last. */
function byLaunchTime(left: InstanceV1, right: InstanceV1): number {
  return (Date.parse(left.launchTime ?? '') || Number.MAX_SAFE_INTEGER) - (Date.parse(right.launchTime ?? '') || Number.MAX_SAFE_INTEGER);
}
