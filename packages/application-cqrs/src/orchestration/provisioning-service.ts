import {
  domainEvent,
  instanceTypesOf,
  isErrorCode,
  isRequestFinal,
  NotFoundError,
  OhfError,
  ValidationError,
  type DomainEvent,
  type ErrorCode,
  type Machine,
  type MachineRequest,
  type MachineState,
  type ProvisionAttempt,
  type Template,
} from '@ohf/domain-core';
import { CreateInstancesResultV1Schema, InstanceV1Schema, OHF_TAG_KEYS, TerminateResultV1Schema, type InstanceV1 } from '@ohf/provider-sdk';
import { APPLICATION_METRICS } from '../ports/metrics-sink.js';
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
import { describeError } from './describe-error.js';
import { classifyFailure } from './failure-classification.js';
import { machineCreatedEvent, machineFromInstance, machineKey } from './machine-from-instance.js';
import { isBudgetExhausted } from './operation-deadline.js';
import type { OrchestrationContext } from './orchestration-context.js';
import { callProvider } from './provider-call.js';
import { PROVIDER_OPERATIONS } from './provider-operations.js';
import type { ChooseInput, ProviderChoice, ProvisionFailure } from './provider-selector.js';
import { toProviderTemplate } from './provider-template.js';
import { updateRequest, withStatus } from './request-store.js';
import { currentChoiceOf, storedSelectionOf, withChoice } from './stored-selection.js';

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

interface AttemptOutcome {
  readonly request: MachineRequest;
  readonly machines: Machine[];
  readonly failure?: ProvisionFailure;
}

/** A guard against provider behaviour we did not foresee: never loop without bound. */
const MAX_ATTEMPTS_PER_STEP = 20;

/** Machines that no longer count towards what a request has on an instance. */
const GONE_STATES: ReadonlySet<MachineState> = new Set<MachineState>(['terminated', 'failed', 'shutting_down']);

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
  constructor(private readonly context: OrchestrationContext) {}

  async provision(requestId: string, options: { readonly signal?: AbortSignal } = {}): Promise<ProvisionProgress> {
    const { context } = this;
    let request = await this.loadAcquireRequest(requestId);
    let machines = [...(await context.machines.findByRequestId(requestId))];
    if (isRequestFinal(request)) return { request, machines, waiting: false };

    if (request.status === 'pending') {
      const changed = withStatus(request, 'in_progress', 'Provisioning started.', context.clock);
      request = await context.requests.save(changed.request);
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
        const input = this.chooseInput(request, template, exclude);
        const next =
          lastFailure === undefined
            ? context.selector.tryChoose(input)
            : context.selector.failover(lastFailure.choice, lastFailure.failure, input);
        if (next === undefined || exclude.includes(next.providerInstance)) break;
        current = next;
        request = await this.recordChoice(request, next);
      }
      const outcome = await this.attempt(request, machines, template, current, shortfall, signal);
      ({ request, machines } = outcome);
      if (outcome.failure !== undefined) {
        failedNow.add(current.providerInstance);
        lastFailure = { choice: current, failure: outcome.failure };
      }
    }
    return this.progressOf(request, machines, template, signal?.aborted === true);
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
      .map((instance) => InstanceV1Schema.parse(instance))
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
          requestId: request.requestId,
          templateId: template,
          providerType,
          providerInstance,
          ...(request.providerApi === undefined ? {} : { providerApi: request.providerApi }),
        },
        context.clock,
        context.ids,
      ),
    );
    await context.machines.saveMany(adopted);
    context.logger.info(
      { requestId: request.requestId, providerInstance, adopted: adopted.map((machine) => machine.providerInstanceId) },
      'adopted machines found by the request tag',
    );
    await context.events.publish(...adopted.map((machine) => this.machineCreated(machine)));
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

  /** Asks one instance for `count` machines and records what it did. */
  private async attempt(
    request: MachineRequest,
    machines: Machine[],
    template: Template,
    choice: ProviderChoice,
    count: number,
    signal: AbortSignal | undefined,
  ): Promise<AttemptOutcome> {
    const { context } = this;
    const attemptNumber = request.attempts.length + 1;
    const instanceType = Object.keys(instanceTypesOf(template))[0];
    const providerApi = choice.providerApi ?? template.providerApi;
    const started: ProvisionAttempt = {
      providerInstance: choice.providerInstance,
      providerType: choice.providerType,
      ...(providerApi === undefined ? {} : { providerApi }),
      ...(instanceType === undefined ? {} : { instanceType }),
      requestedCount: count,
      createdCount: 0,
      startedAt: context.clock.now().toISOString(),
    };
    // Saved before the call, without retry on conflict: a newer version means another process
    // is working on this request, and this one must not create machines beside it.
    request = await context.requests.save({ ...request, attempts: [...request.attempts, started] });

    const tags = {
      ...template.instanceTags,
      [OHF_TAG_KEYS.requestId]: request.requestId,
      [OHF_TAG_KEYS.templateId]: template.templateId,
      [OHF_TAG_KEYS.providerInstance]: choice.providerInstance,
    };
    const liveOnInstance = machines.filter(
      (machine) => machine.providerInstance === choice.providerInstance && !GONE_STATES.has(machine.state),
    ).length;
    let created: InstanceV1[] = [];
    let pendingCount = 0;
    let failure: (ProvisionFailure & { count: number; retryable: boolean }) | undefined;
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
              attempt: attemptNumber,
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
      created = result.instances;
      pendingCount = result.pendingCount;
      const first = result.failures[0];
      if (first !== undefined) {
        failure = {
          code: first.code,
          message: first.message,
          retryable: first.retryable,
          count: result.failures.reduce((sum, entry) => sum + entry.count, 0),
          ...(providerApi === undefined ? {} : { providerApi }),
          ...((first.instanceType ?? instanceType) === undefined ? {} : { instanceType: first.instanceType ?? instanceType }),
          ...(first.retryAfterMs === undefined ? {} : { retryAfterMs: first.retryAfterMs }),
        };
      }
    } catch (error) {
      if (isBudgetExhausted(error)) return this.abandon(request, machines, started, attemptNumber, count);
      failure = {
        code: OhfError.isInstance(error) ? error.code : 'INTERNAL',
        message: OhfError.isInstance(error) ? error.message : 'The provider failed unexpectedly.',
        retryable: OhfError.isInstance(error) ? error.retryable : false,
        count,
        ...(providerApi === undefined ? {} : { providerApi }),
        ...(instanceType === undefined ? {} : { instanceType }),
        ...(OhfError.isInstance(error) && error.retryAfterMs !== undefined ? { retryAfterMs: error.retryAfterMs } : {}),
      };
      if (!OhfError.isInstance(error)) {
        context.logger.error({ requestId: request.requestId, providerInstance: choice.providerInstance, error: describeError(error) }, 'provider create failed unexpectedly');
      }
    }

    // Record the machines first: from here on a crash must not lose them.
    const current = [...(await context.machines.findByRequestId(request.requestId))];
    const known = new Set(current.map((machine) => machineKey(machine.providerInstance, machine.providerInstanceId)));
    const fresh = created.filter((instance) => !known.has(machineKey(choice.providerInstance, instance.id)));
    const newMachines = fresh.map((instance) =>
      machineFromInstance(
        instance,
        {
          requestId: request.requestId,
          templateId: template.templateId,
          providerType: choice.providerType,
          providerInstance: choice.providerInstance,
          ...(providerApi === undefined ? {} : { providerApi }),
          ...(template.priceType === undefined ? {} : { priceType: template.priceType }),
        },
        context.clock,
        context.ids,
      ),
    );
    if (newMachines.length > 0) await context.machines.saveMany(newMachines);
    let allMachines = [...current, ...newMachines];
    const events: DomainEvent[] = newMachines.map((machine) => this.machineCreated(machine));

    // A thrown call may still have created machines (a timeout after the cloud acted): look.
    if (failure !== undefined && created.length === 0 && classifyFailure(failure.code, failure.retryable) !== 'fatal') {
      const adopted = (await this.adopt(request, allMachines, choice.providerInstance, signal)) ?? [];
      if (adopted.length > 0) {
        allMachines = [...allMachines, ...adopted];
        newMachines.push(...adopted);
        failure = { ...failure, count: Math.max(0, count - adopted.length) };
      }
    }

    const delivered = newMachines.length + pendingCount;
    if (failure === undefined && delivered < count) {
      failure = {
        code: 'API_ERROR',
        message: `The provider delivered ${delivered} of ${count} machines without reporting why.`,
        retryable: false,
        count: count - delivered,
        ...(providerApi === undefined ? {} : { providerApi }),
      };
    }
    const finishedAt = context.clock.now().toISOString();
    const parts: ProvisionAttempt[] = [];
    if (delivered > 0 || failure === undefined) {
      parts.push({ ...started, requestedCount: delivered, createdCount: newMachines.length, finishedAt });
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
      events.push(
        domainEvent(
          'ProvisionAttemptFailed',
          {
            requestId: request.requestId,
            providerInstance: choice.providerInstance,
            code: asErrorCode(failure.code),
            message: failure.message,
            retryable: failure.retryable,
          },
          context.clock.now(),
        ),
      );
    }
    const labels = { provider_instance: choice.providerInstance };
    if (newMachines.length > 0) context.metrics.increment(APPLICATION_METRICS.provisionedMachinesTotal, { ...labels, outcome: 'created', code: '' }, newMachines.length);
    if (pendingCount > 0) context.metrics.increment(APPLICATION_METRICS.provisionedMachinesTotal, { ...labels, outcome: 'pending', code: '' }, pendingCount);
    if (failure !== undefined) {
      context.metrics.increment(APPLICATION_METRICS.provisionedMachinesTotal, { ...labels, outcome: 'failed', code: failure.code }, Math.max(1, count - delivered));
    }

    const startedIndex = attemptNumber - 1;
    request = await updateRequest(context.requests, request, (latest) => {
      const attempts = [...latest.attempts];
      const index = attempts[startedIndex]?.startedAt === started.startedAt && attempts[startedIndex]?.finishedAt === undefined ? startedIndex : -1;
      if (index === -1) attempts.push(...parts);
      else attempts.splice(index, 1, ...parts);
      return { ...latest, attempts };
    });
    await context.events.publish(...events);
    context.logger.info(
      {
        requestId: request.requestId,
        providerInstance: choice.providerInstance,
        attempt: attemptNumber,
        asked: count,
        created: newMachines.length,
        pending: pendingCount,
        ...(failure === undefined ? {} : { failure: { code: failure.code, message: failure.message } }),
      },
      'provision attempt finished',
    );
    return failure === undefined ? { request, machines: allMachines } : { request, machines: allMachines, failure };
  }

  /**
   * The operation's time budget ended while the provider had not answered: the attempt stays
   * without an outcome, marked abandoned, so the next step looks for what it created by tag and
   * closes it with that (or repeats it under the same attempt number) instead of creating beside
   * it. Not a failure of the request.
   */
  private async abandon(request: MachineRequest, machines: Machine[], started: ProvisionAttempt, attemptNumber: number, count: number): Promise<AttemptOutcome> {
    const { context } = this;
    const abandonedAt = context.clock.now().toISOString();
    const startedIndex = attemptNumber - 1;
    const saved = await updateRequest(context.requests, request, (latest) => ({
      ...latest,
      attempts: latest.attempts.map((attempt, index) =>
        index === startedIndex && attempt.startedAt === started.startedAt && attempt.finishedAt === undefined ? { ...attempt, abandonedAt } : attempt,
      ),
    }));
    context.logger.warn(
      { requestId: request.requestId, providerInstance: started.providerInstance, attempt: attemptNumber, asked: count },
      'provision attempt abandoned at the end of the time budget; the next call looks for what it created and resumes it',
    );
    return {
      request: saved,
      machines,
      failure: { code: 'PROVIDER_UNAVAILABLE', message: `${started.providerInstance} did not answer within the time budget` },
    };
  }

  private async recordChoice(request: MachineRequest, choice: ProviderChoice): Promise<MachineRequest> {
    const stored = storedSelectionOf(request);
    const saved = await updateRequest(this.context.requests, request, (latest) =>
      withChoice(latest, choice, {
        ...(stored?.preference === undefined ? {} : { preference: stored.preference }),
        ...(stored?.criteria === undefined ? {} : { criteria: stored.criteria }),
      }),
    );
    await this.context.events.publish(
      domainEvent(
        'ProviderSelected',
        {
          requestId: request.requestId,
          providerInstance: choice.providerInstance,
          providerType: choice.providerType,
          explanation: choice.decision,
        },
        this.context.clock.now(),
      ),
    );
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

  private progressOf(request: MachineRequest, machines: readonly Machine[], template: Template, budgetSpent: boolean): ProvisionProgress {
    const { context } = this;
    const exclude = excludedInstances(request, context.settings.maxTransientAttemptsPerInstance);
    if (this.deadlinePassed(request)) {
      const missing = request.requestedCount - machines.length;
      if (missing <= 0) return { request, machines, waiting: false };
      // The final message names every instance's error already; add only what it cannot know.
      const waitedFor = this.waitingFor(request, template, exclude, { withErrors: false, budgetSpent: false });
      const gaveUp = `provisioning gave up after ${Math.round(context.settings.deadlineMs / 1000)} s`;
      return { request, machines, waiting: false, reason: waitedFor === undefined ? gaveUp : `${gaveUp} (${waitedFor})` };
    }
    const waiting = (): ProvisionProgress => {
      const waitingFor = this.waitingFor(request, template, exclude, { withErrors: true, budgetSpent });
      return waitingFor === undefined ? { request, machines, waiting: true } : { request, machines, waiting: true, waitingFor };
    };
    if (hasUnsettledAttempt(request) || owedMachineCount(request, machines) > 0) return waiting();
    const shortfall = shortfallOf(request, machines);
    if (shortfall === 0) return { request, machines, waiting: false };
    if (fatalAttempt(request) !== undefined) return { request, machines, waiting: false };
    if (context.selector.hasCandidates(this.chooseInput(request, template, exclude))) return waiting();
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
    { withErrors, budgetSpent }: { readonly withErrors: boolean; readonly budgetSpent: boolean },
  ): string | undefined {
    const abandoned = new Set(
      request.attempts.filter((attempt) => !isAttemptFinished(attempt) && attempt.abandonedAt !== undefined).map((attempt) => attempt.providerInstance),
    );
    // The step was cut short by the time budget before it could ask for machines (a lookup hung).
    const cutShort = budgetSpent && abandoned.size === 0 ? instancesOf(request) : [];
    const noneNow = this.context.selector.whyNoneNow(this.chooseInput(request, template, exclude));
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

  private chooseInput(request: MachineRequest, template: Template, exclude: readonly string[]): ChooseInput {
    const stored = storedSelectionOf(request);
    return {
      template,
      exclude,
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

/** Provider codes are a subset of ours; anything else a third-party provider invents reads as API_ERROR. */
function asErrorCode(code: string): ErrorCode {
  return isErrorCode(code) ? code : 'API_ERROR';
}

/** Oldest first; instances without a launch time last. */
function byLaunchTime(left: InstanceV1, right: InstanceV1): number {
  return (Date.parse(left.launchTime ?? '') || Number.MAX_SAFE_INTEGER) - (Date.parse(right.launchTime ?? '') || Number.MAX_SAFE_INTEGER);
}
