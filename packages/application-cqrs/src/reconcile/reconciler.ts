import { isRequestFinal, MACHINE_STATES, OhfError, type Machine, type MachineRequest, type MachineState, DEFAULT_ORGANIZATION_ID } from '@ohf/domain-core';
import { parseInstanceV1, OHF_TAG_KEYS, TerminateResultV1Schema, type InstanceV1 } from '@ohf/provider-sdk';
import { describeError } from '../orchestration/describe-error.js';
import { machineCreatedEvent, machineFromInstance } from '../orchestration/machine-from-instance.js';
import type { OrchestrationContext } from '../orchestration/orchestration-context.js';
import { callProvider } from '../orchestration/provider-call.js';
import { PROVIDER_OPERATIONS } from '../orchestration/provider-operations.js';
import { APPLICATION_METRICS } from '../ports/metrics-sink.js';
import { auditRecordsOf, machineOrigins, withEvents } from '../events/audit-records.js';

/** Tunables of reconciliation; every one has a documented default. */
export interface ReconcileSettings {
  /**
   * Status polls (and the API worker) reconcile at most once per this interval, across
   * processes sharing storage; 0 turns the automatic runs off (on demand still works). Default 10 minutes.
   */
  readonly intervalMs: number;
  /** Terminate instances of finished or unknown requests instead of only reporting them. Default false. */
  readonly terminateOrphans: boolean;
}

export const DEFAULT_RECONCILE_SETTINGS: ReconcileSettings = Object.freeze({ intervalMs: 10 * 60_000, terminateOrphans: false });

/** What reconciliation does (or, in a dry run, would do) with one instance storage does not track. */
export type ReconcileAction = 'adopted' | 'surplus_terminated' | 'orphan_reported' | 'orphan_terminated';

export interface ReconciledInstance {
  readonly providerInstance: string;
  readonly providerInstanceId: string;
  /** The request its tags name ('' when it has none). */
  readonly requestId: string;
  readonly templateId?: string;
  readonly state: MachineState;
  readonly action: ReconcileAction;
  readonly reason: string;
  /** The machine recorded for it (adopted, not in a dry run). */
  readonly machineId?: string;
}

/** Counts per provider instance (the `/metrics` figures). */
export interface ProviderReconcileSummary {
  readonly providerInstance: string;
  /** Live instances carrying our tags. */
  readonly found: number;
  /** Of those, instances storage already tracks. */
  readonly tracked: number;
  readonly adopted: number;
  /** Instances of finished or unknown requests. */
  readonly orphaned: number;
  /** Surplus and orphans terminated (none in a dry run). */
  readonly terminated: number;
  /** Set when the instance could not be asked: nothing is known about it this run. */
  readonly error?: { readonly code: string; readonly message: string };
}

export interface ReconcileReport {
  readonly dryRun: boolean;
  readonly terminateOrphans: boolean;
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly providers: readonly ProviderReconcileSummary[];
  readonly instances: readonly ReconciledInstance[];
}

export interface ReconcileOptions {
  readonly dryRun?: boolean;
  readonly signal?: AbortSignal;
  /** Overrides the configured `terminateOrphans` for this run. */
  readonly terminateOrphans?: boolean;
}

/** Provider states that no longer hold a machine: nothing to reconcile. */
const ENDED: ReadonlySet<MachineState> = new Set(['terminated', 'shutting_down']);
/** States of a record that tracks a machine still there (a terminated record tracks nothing). */
const TRACKED_STATES = MACHINE_STATES.filter((state) => state !== 'terminated');
/** States in which a recorded machine no longer counts towards its request. */
const GONE: ReadonlySet<MachineState> = new Set(['terminated', 'shutting_down', 'failed']);

interface Untracked {
  readonly providerInstance: string;
  readonly providerType: string;
  readonly instance: InstanceV1;
  /** Storage has a record of it, but as terminated. */
  readonly staleRecord: boolean;
}

/**
 * Finds what we launched but do not track. Every enabled provider instance lists the instances
 * carrying our request tag (`findInstancesByTagKey`, else by the `ohf:provider-instance` tag),
 * and each is compared with storage:
 * - tracked: nothing to do;
 * - of a live (unfinished) acquire request: recorded as its machine, up to the count the request
 *   asked; the surplus (a create that ran twice) is terminated;
 * - of a finished, cancelled or unknown request: an orphan, reported, and terminated when
 *   `terminateOrphans` is set.
 * An instance tagged for another configured provider instance is left to that one. A provider
 * instance that cannot be asked is reported and changes nothing. Terminations go out as one
 * call per provider instance.
 */
export class Reconciler {
  constructor(
    private readonly context: OrchestrationContext,
    private readonly settings: ReconcileSettings,
  ) {}

  async reconcile(options: ReconcileOptions = {}): Promise<ReconcileReport> {
    const { context } = this;
    const dryRun = options.dryRun === true;
    const terminateOrphans = options.terminateOrphans ?? this.settings.terminateOrphans;
    const signalOption = options.signal === undefined ? {} : { signal: options.signal };
    const startedAt = context.clock.now().toISOString();
    const descriptors = await context.providers.list();
    const configured = new Set(descriptors.map((descriptor) => descriptor.name));
    const summaries = new Map<string, { found: number; tracked: number; adopted: number; orphaned: number; terminated: number; error?: { code: string; message: string } }>();
    const untracked: Untracked[] = [];

    for (const descriptor of descriptors.filter((candidate) => candidate.enabled)) {
      const summary = { found: 0, tracked: 0, adopted: 0, orphaned: 0, terminated: 0 };
      summaries.set(descriptor.name, summary);
      let listed: InstanceV1[];
      try {
        listed = await this.listOurs(descriptor.name, signalOption);
      } catch (error) {
        summaries.set(descriptor.name, {
          ...summary,
          error: { code: OhfError.isInstance(error) ? error.code : 'INTERNAL', message: OhfError.isInstance(error) ? error.message : 'The provider failed unexpectedly.' },
        });
        context.logger.warn({ providerInstance: descriptor.name, error: describeError(error) }, 'could not list the instances we launched; reconciliation skips this provider instance');
        continue;
      }
      // One read of what storage tracks here; only the few instances not among them are looked up one by one.
      const tracked = new Set(
        (await context.machines.list({ providerInstance: descriptor.name, states: TRACKED_STATES })).items.map((machine) => machine.providerInstanceId),
      );
      for (const instance of listed) {
        const owner = instance.tags[OHF_TAG_KEYS.providerInstance];
        // Another configured instance reaches the same account: it reconciles its own.
        if (owner !== undefined && owner !== descriptor.name && configured.has(owner)) continue;
        if (ENDED.has(instance.state)) continue;
        summary.found += 1;
        if (tracked.has(instance.id)) {
          summary.tracked += 1;
          continue;
        }
        const record = await context.machines.findByProviderInstanceId(instance.id, descriptor.name);
        untracked.push({ providerInstance: descriptor.name, providerType: descriptor.type, instance, staleRecord: record !== undefined });
      }
    }

    const decisions = await this.decide(untracked, terminateOrphans);
    const adopted: Machine[] = [];
    const toTerminate = new Map<string, string[]>();
    const instances: ReconciledInstance[] = [];
    for (const decision of decisions) {
      const summary = summaries.get(decision.item.providerInstance)!;
      let machineId: string | undefined;
      if (decision.action === 'adopted') {
        summary.adopted += 1;
        if (!dryRun && decision.request !== undefined) {
          const machine = this.machineOf(decision.item, decision.request);
          adopted.push(machine);
          machineId = machine.machineId;
        }
      } else {
        if (decision.action !== 'surplus_terminated') summary.orphaned += 1;
        if (decision.action !== 'orphan_reported') {
          const ids = toTerminate.get(decision.item.providerInstance) ?? [];
          ids.push(decision.item.instance.id);
          toTerminate.set(decision.item.providerInstance, ids);
        }
      }
      instances.push({
        providerInstance: decision.item.providerInstance,
        providerInstanceId: decision.item.instance.id,
        requestId: decision.item.instance.tags[OHF_TAG_KEYS.requestId] ?? '',
        ...(decision.item.instance.tags[OHF_TAG_KEYS.templateId] === undefined ? {} : { templateId: decision.item.instance.tags[OHF_TAG_KEYS.templateId] }),
        state: decision.item.instance.state,
        action: decision.action,
        reason: decision.reason,
        ...(machineId === undefined ? {} : { machineId }),
      });
    }
    if (adopted.length > 0) {
      const created = adopted.map((machine) => machineCreatedEvent(machine, context.clock));
      await context.machines.saveMany(adopted, withEvents(auditRecordsOf(created, machineOrigins(adopted, DEFAULT_ORGANIZATION_ID))));
      await context.events.publish(...created);
    }
    if (!dryRun) {
      for (const [providerInstance, ids] of toTerminate) {
        const summary = summaries.get(providerInstance)!;
        try {
          const result = TerminateResultV1Schema.parse(
            await callProvider(context, providerInstance, PROVIDER_OPERATIONS.terminateInstances, (provider, call) => provider.terminateInstances(ids, call), signalOption),
          );
          summary.terminated += result.terminated.length + result.alreadyGone.length;
          for (const failure of result.failures) {
            context.logger.warn({ providerInstance, id: failure.id, code: failure.code, message: failure.message }, 'reconciliation could not terminate an instance');
          }
        } catch (error) {
          context.logger.warn({ providerInstance, ids, error: describeError(error) }, 'reconciliation could not terminate instances; the next run tries again');
        }
      }
    }

    const providers = [...summaries.entries()].map(([providerInstance, summary]) => ({ providerInstance, ...summary }));
    if (!dryRun) this.count(providers);
    const report: ReconcileReport = { dryRun, terminateOrphans, startedAt, finishedAt: context.clock.now().toISOString(), providers, instances };
    if (instances.length > 0 || providers.some((provider) => provider.error !== undefined)) {
      context.logger.info({ dryRun, providers, instances }, 'reconciled the instances we launched with storage');
    }
    return report;
  }

  /** The instances of one provider instance carrying our request tag, live or recently gone. */
  private async listOurs(providerInstance: string, signalOption: { signal?: AbortSignal }): Promise<InstanceV1[]> {
    const provider = await this.context.providers.get(providerInstance);
    const raw =
      provider.findInstancesByTagKey !== undefined
        ? await callProvider(
            this.context,
            providerInstance,
            PROVIDER_OPERATIONS.findInstancesByTagKey,
            (client, call) => client.findInstancesByTagKey!(OHF_TAG_KEYS.requestId, call),
            signalOption,
          )
        : // Without a tag-key query, the tag every machine of this instance carries is the nearest.
          await callProvider(
            this.context,
            providerInstance,
            PROVIDER_OPERATIONS.findInstancesByTag,
            (client, call) => client.findInstancesByTag({ [OHF_TAG_KEYS.providerInstance]: providerInstance }, call),
            signalOption,
          );
    return raw.map(parseInstanceV1).filter((instance) => (instance.tags[OHF_TAG_KEYS.requestId] ?? '') !== '');
  }

  /** What to do with each untracked instance, request by request. */
  private async decide(
    untracked: readonly Untracked[],
    terminateOrphans: boolean,
  ): Promise<Array<{ item: Untracked; action: ReconcileAction; reason: string; request?: MachineRequest }>> {
    const byRequest = new Map<string, Untracked[]>();
    for (const item of untracked) {
      const requestId = item.instance.tags[OHF_TAG_KEYS.requestId] ?? '';
      byRequest.set(requestId, [...(byRequest.get(requestId) ?? []), item]);
    }
    const orphan = terminateOrphans ? ('orphan_terminated' as const) : ('orphan_reported' as const);
    const decisions: Array<{ item: Untracked; action: ReconcileAction; reason: string; request?: MachineRequest }> = [];
    for (const [requestId, items] of byRequest) {
      const request = await this.context.requests.findById(requestId);
      if (request === undefined) {
        for (const item of items) decisions.push({ item, action: orphan, reason: `Request ${requestId} is not in storage.` });
        continue;
      }
      if (request.kind !== 'acquire' || isRequestFinal(request)) {
        for (const item of items) decisions.push({ item, action: orphan, reason: `Request ${requestId} is ${request.status}.` });
        continue;
      }
      const live = (await this.context.machines.findByRequestId(requestId)).filter((machine) => !GONE.has(machine.state)).length;
      let room = Math.max(0, request.requestedCount - live);
      const oldestFirst = [...items].sort((left, right) => (left.instance.launchTime ?? '').localeCompare(right.instance.launchTime ?? ''));
      for (const item of oldestFirst) {
        if (room > 0 && !item.staleRecord) {
          room -= 1;
          decisions.push({ item, action: 'adopted', reason: `Request ${requestId} is ${request.status} and asked for ${request.requestedCount}.`, request });
        } else {
          decisions.push({
            item,
            action: 'surplus_terminated',
            reason: item.staleRecord
              ? `Recorded as terminated, but still ${item.instance.state} at the provider.`
              : `Request ${requestId} already has the ${request.requestedCount} machines it asked for.`,
          });
        }
      }
    }
    return decisions;
  }

  private machineOf(item: Untracked, request: MachineRequest): Machine {
    const attempt = request.attempts.find((candidate) => candidate.providerInstance === item.providerInstance);
    const providerApi = attempt?.providerApi ?? request.providerApi;
    return machineFromInstance(
      item.instance,
      {
        organizationId: request.organizationId,
        requestId: request.requestId,
        templateId: request.templateId ?? item.instance.tags[OHF_TAG_KEYS.templateId] ?? '',
        providerType: item.providerType,
        providerInstance: item.providerInstance,
        ...(providerApi === undefined ? {} : { providerApi }),
      },
      this.context.clock,
      this.context.ids,
    );
  }

  private count(providers: readonly ProviderReconcileSummary[]): void {
    for (const provider of providers) {
      for (const outcome of ['found', 'adopted', 'orphaned', 'terminated'] as const) {
        if (provider[outcome] > 0) {
          this.context.metrics.increment(APPLICATION_METRICS.reconciledInstancesTotal, { provider_instance: provider.providerInstance, outcome }, provider[outcome]);
        }
      }
      this.context.metrics.increment(APPLICATION_METRICS.reconcileRunsTotal, {
        provider_instance: provider.providerInstance,
        outcome: provider.error === undefined ? 'success' : 'error',
      });
    }
  }
}
