import { isRequestFinal, OhfError, type Machine, type MachineRequest, type ReturnLookup } from '@ohf/domain-core';
import { APPLICATION_METRICS } from '../ports/metrics-sink.js';
import { describeError } from './describe-error.js';
import { MachineStateRefresher } from './machine-state-refresher.js';
import { MachineTermination } from './machine-termination.js';
import type { OrchestrationContext } from './orchestration-context.js';
import { ProvisioningService, type ProvisionProgress } from './provisioning-service.js';
import { evaluateAcquireRequest, evaluateReturnRequest } from './request-evaluation.js';
import { updateRequest, updateStatus } from './request-store.js';
import { resolveUnknownMachines } from './return-lookups.js';
import { ownedRecordVisible } from '../shared/organization-scope.js';
import { auditRecordsOf, withEvents } from '../events/audit-records.js';
import { returnRequested } from './return-events.js';

/** One request as a status call reports it. */
export interface TrackedRequest {
  readonly requestId: string;
  /** False for an id storage does not know: reported, never thrown. */
  readonly found: boolean;
  readonly request?: MachineRequest;
  readonly machines: readonly Machine[];
}

export interface TrackOptions {
  readonly signal?: AbortSignal;
  /** Continue provisioning of unfinished acquire requests (default true). */
  readonly provision?: boolean;
  /** Ask providers for machine states (default true). */
  readonly refresh?: boolean;
  /** Only this organization's requests; another's come back as unknown ids (`found: false`). */
  readonly organizationId?: string;
}

interface Entry {
  requestId: string;
  request: MachineRequest | undefined;
  machines: Machine[];
  progress: ProvisionProgress | undefined;
}

/**
 * Brings requests up to date, for status calls and background workers: unfinished acquire
 * requests take their next provisioning step, then the machines of all the given requests are
 * refreshed together (one describe per provider instance), unfinished return requests send
 * termination again for machines still alive, and every request's status is recomputed.
 */
export class RequestTracker {
  private readonly provisioning: ProvisioningService;
  private readonly refresher: MachineStateRefresher;
  private readonly termination: MachineTermination;

  constructor(private readonly context: OrchestrationContext) {
    this.provisioning = new ProvisioningService(context);
    this.refresher = new MachineStateRefresher(context);
    this.termination = new MachineTermination(context);
  }

  async track(requestIds: readonly string[], options: TrackOptions = {}): Promise<TrackedRequest[]> {
    const { context } = this;
    const signalOption = options.signal === undefined ? {} : { signal: options.signal };
    const entries = new Map<string, Entry>();
    for (const requestId of requestIds) {
      if (entries.has(requestId)) continue;
      const stored = await context.requests.findById(requestId);
      const request = stored === undefined || !ownedRecordVisible(stored, options.organizationId) ? undefined : stored;
      entries.set(requestId, { requestId, request, machines: [], progress: undefined });
    }

    for (const entry of entries.values()) {
      const request = entry.request;
      if (request === undefined) continue;
      if (request.kind === 'acquire' && !isRequestFinal(request) && options.provision !== false) {
        try {
          entry.progress = await this.provisioning.provision(request.requestId, signalOption);
          entry.request = entry.progress.request;
          entry.machines = [...entry.progress.machines];
          continue;
        } catch (error) {
          if (!OhfError.isInstance(error)) throw error;
          // CONFLICT: another process works on this request right now; report what is stored.
          context.logger.warn({ requestId: request.requestId, error: describeError(error) }, 'provisioning step skipped');
          entry.request = (await context.requests.findById(request.requestId)) ?? request;
        }
      }
      entry.machines = [...(await this.machinesOf(entry.request ?? request))];
    }

    if (options.refresh !== false) {
      const all = [...entries.values()].flatMap((entry) => entry.machines);
      const unique = [...new Map(all.map((machine) => [machine.machineId, machine])).values()];
      const refreshed = await this.refresher.refresh(unique, signalOption);
      const byId = new Map(refreshed.machines.map((machine) => [machine.machineId, machine]));
      for (const entry of entries.values()) entry.machines = entry.machines.map((machine) => byId.get(machine.machineId) ?? machine);
    }

    for (const entry of entries.values()) {
      if (entry.request === undefined || isRequestFinal(entry.request)) continue;
      try {
        entry.request = await this.settle(entry, signalOption);
      } catch (error) {
        if (!(OhfError.isInstance(error) && error.code === 'CONFLICT')) throw error;
        entry.request = (await context.requests.findById(entry.requestId)) ?? entry.request;
      }
    }

    return [...entries.values()].map((entry) =>
      entry.request === undefined
        ? { requestId: entry.requestId, found: false, machines: [] }
        : { requestId: entry.requestId, found: true, request: entry.request, machines: entry.machines },
    );
  }

  /** Recomputes and saves the status of an unfinished request. */
  private async settle(entry: Entry, signalOption: { signal?: AbortSignal }): Promise<MachineRequest> {
    const { context } = this;
    let request = entry.request!;
    let verdict;
    if (request.kind === 'acquire') {
      verdict = evaluateAcquireRequest(request, entry.machines, {
        waiting: entry.progress?.waiting ?? true,
        ...(entry.progress?.reason === undefined ? {} : { reason: entry.progress.reason }),
        ...(entry.progress?.waitingFor === undefined ? {} : { waitingFor: entry.progress.waitingFor }),
      });
    } else {
      const deadlinePassed = context.clock.now().getTime() - Date.parse(request.createdAt) >= context.settings.deadlineMs;
      if (request.lookups.some((lookup) => lookup.outcome === 'looking_up')) {
        request = await this.continueLookups(entry, request, deadlinePassed, signalOption);
      }
      const alive = entry.machines.filter((machine) => machine.state !== 'terminated' && machine.state !== 'shutting_down');
      let problems: readonly string[] = [];
      if (alive.length > 0) {
        const terminated = await this.termination.terminate(alive, signalOption);
        problems = terminated.problems;
        const byId = new Map(terminated.machines.map((machine) => [machine.machineId, machine]));
        entry.machines = entry.machines.map((machine) => byId.get(machine.machineId) ?? machine);
      }
      verdict = evaluateReturnRequest(request, entry.machines, problems, { deadlinePassed });
    }
    if (verdict.status === request.status && verdict.message === request.message) return request;
    const { request: saved, events } = await updateStatus(context.requests, request, verdict.status, verdict.message, context.clock, (changes) =>
      auditRecordsOf(changes, { organizationId: request.organizationId }),
    );
    await context.events.publish(...events);
    if (isRequestFinal(saved) && !isRequestFinal(request)) {
      context.metrics.increment(APPLICATION_METRICS.requestsFinishedTotal, { kind: saved.kind, status: saved.status });
    }
    return saved;
  }

  /**
   * Asks the providers again about the machines a return request could not find yet: ours are
   * recorded and join the request, the rest get their outcome. At the deadline, those still not
   * found fail with the last reason.
   */
  private async continueLookups(
    entry: Entry,
    request: MachineRequest,
    deadlinePassed: boolean,
    signalOption: { signal?: AbortSignal },
  ): Promise<MachineRequest> {
    const { context } = this;
    const pending = request.lookups.filter((lookup) => lookup.outcome === 'looking_up');
    const looked = await resolveUnknownMachines(
      context,
      pending.map((lookup) => ({ ...(lookup.machineId === undefined ? {} : { machineId: lookup.machineId }), ...(lookup.name === undefined ? {} : { name: lookup.name }) })),
      { ...signalOption, organizationId: request.organizationId },
    );
    const now = context.clock.now().toISOString();
    const joined = looked.machines.map((machine) => ({ ...machine, returnRequestId: request.requestId, updatedAt: now }));
    if (joined.length > 0) await context.machines.saveMany(joined, withEvents(auditRecordsOf(returnRequested(joined, request.requestId, context.clock), { organizationId: request.organizationId })));
    let next = 0;
    const lookups: ReturnLookup[] = [];
    for (const lookup of request.lookups) {
      if (lookup.outcome !== 'looking_up') {
        lookups.push(lookup);
        continue;
      }
      const outcome = looked.outcomes[next++];
      if (outcome === undefined || 'machine' in outcome) continue;
      lookups.push(
        deadlinePassed && outcome.lookup.outcome === 'looking_up'
          ? { ...outcome.lookup, outcome: 'failed', message: `Not found before the request's deadline: ${outcome.lookup.message}` }
          : outcome.lookup,
      );
    }
    const machineIds = [...new Set([...request.machineIds, ...joined.map((machine) => machine.machineId)])];
    const saved = await updateRequest(context.requests, request, (latest) => (isRequestFinal(latest) ? latest : { ...latest, machineIds, lookups }));
    entry.machines = [...entry.machines, ...joined.filter((machine) => !entry.machines.some((known) => known.machineId === machine.machineId))];
    return saved;
  }

  private async machinesOf(request: MachineRequest): Promise<readonly Machine[]> {
    if (request.kind === 'acquire') return this.context.machines.findByRequestId(request.requestId);
    const machines: Machine[] = [];
    for (const machineId of request.machineIds) {
      const machine = await this.context.machines.findById(machineId);
      if (machine !== undefined) machines.push(machine);
    }
    return machines;
  }
}
