import { domainEvent, type Clock, type DomainEvent } from '@ohf/domain-core';
import type { ProviderInstance } from '../config/provider-instance.js';
import { isHealthyAt } from '../health/health-record.js';
import type { RandomSource } from '../random/random-source.js';
import { buildSnapshot, type EngineSettings, type EngineSnapshot, type InstanceEntry } from './engine-snapshot.js';
import { InstanceRuntime } from './instance-runtime.js';
import { providerNotFound } from './selection-errors.js';

export interface EngineCoreOptions {
  readonly clock: Clock;
  readonly random: RandomSource;
  readonly onEvent: ((event: DomainEvent) => void) | undefined;
  /** Hours of metrics kept per instance. */
  readonly retentionHours: number;
  readonly settings: EngineSettings;
  readonly instances: readonly ProviderInstance[];
}

/**
 * The state every part of the engine works on: the configuration snapshot in force (swapped
 * whole, never changed in place), the run-time state per instance, and the epochs that tell
 * pool caches they are stale.
 */
export class EngineCore {
  readonly clock: Clock;
  readonly random: RandomSource;
  readonly runtimes = new Map<string, InstanceRuntime>();
  /**
   * Bumped by every change that can alter which instances are eligible or how they rank
   * (circuit transitions, health, blocks, probes, active operations, snapshots); pool caches
   * built under an older epoch are rebuilt on their next use.
   */
  epoch = 0;
  /** Bumped by every recorded outcome: success rates and latencies moved. */
  metricsEpoch = 0;
  private snapshot: EngineSnapshot;
  private readonly onEvent: ((event: DomainEvent) => void) | undefined;
  private readonly retentionHours: number;

  constructor(options: EngineCoreOptions) {
    this.clock = options.clock;
    this.random = options.random;
    this.onEvent = options.onEvent;
    this.retentionHours = options.retentionHours;
    this.snapshot = this.build(1, options.settings, options.instances, undefined);
  }

  /** The snapshot in force; a selection reads it once and works on that one throughout. */
  get current(): EngineSnapshot {
    return this.snapshot;
  }

  nowMs(): number {
    return this.clock.now().getTime();
  }

  /** Builds the next snapshot and publishes it with one assignment. */
  swap(settings: EngineSettings, descriptors: readonly ProviderInstance[]): void {
    const previous = this.snapshot;
    this.snapshot = this.build(previous.version + 1, settings, descriptors, previous);
    this.epoch += 1;
  }

  entryOrThrow(name: string): InstanceEntry {
    const entry = this.snapshot.byName.get(name);
    if (entry === undefined) throw providerNotFound(name, this.snapshot.instances.map((instance) => instance.name));
    return entry;
  }

  emit(events: readonly DomainEvent[]): void {
    if (this.onEvent === undefined || events.length === 0) return;
    // Every listener call happens after the state changed; a throwing listener does not stop
    // the others and its error surfaces once all were told.
    let failure: { error: unknown } | undefined;
    for (const event of events) {
      try {
        this.onEvent(event);
      } catch (error) {
        failure ??= { error };
      }
    }
    if (failure !== undefined) throw failure.error;
  }

  /** Adds ProviderHealthChanged to `events` when the instance's availability differs from `before`. */
  healthEvents(runtime: InstanceRuntime, before: boolean, nowMs: number, events: DomainEvent[], reason: string | null): void {
    const after = availabilityOf(runtime, nowMs);
    if (after === before) return;
    const message = reason ?? runtime.health.message ?? undefined;
    events.push(
      domainEvent(
        'ProviderHealthChanged',
        { providerInstance: runtime.name, healthy: after, ...(message === undefined ? {} : { message }) },
        new Date(nowMs),
      ),
    );
  }

  private runtimeFor(name: string): InstanceRuntime {
    let runtime = this.runtimes.get(name);
    if (runtime === undefined) {
      runtime = new InstanceRuntime(name, this.retentionHours, this.nowMs());
      this.runtimes.set(name, runtime);
    }
    return runtime;
  }

  private build(version: number, settings: EngineSettings, descriptors: readonly ProviderInstance[], previous: EngineSnapshot | undefined) {
    // Frozen so a descriptor handed out by listInstances() cannot change a snapshot behind its back.
    const frozen = descriptors.map((descriptor) =>
      Object.freeze({ ...descriptor, capabilities: Object.freeze([...descriptor.capabilities]) as string[] }),
    );
    const snapshot = buildSnapshot(version, settings, frozen, (name) => this.runtimeFor(name), previous);
    for (const name of [...this.runtimes.keys()]) if (!snapshot.byName.has(name)) this.runtimes.delete(name);
    return snapshot;
  }
}

/** Effective availability for ProviderHealthChanged: reported healthy and circuit closed. */
export function availabilityOf(runtime: InstanceRuntime, nowMs: number): boolean {
  return isHealthyAt(runtime.health, nowMs) && runtime.breaker.state === 'closed';
}
