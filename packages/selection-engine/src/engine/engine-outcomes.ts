import { domainEvent, type DomainEvent } from '@ohf/domain-core';
import { capacityBlockKindOf } from '../config/capacity-block-kind.js';
import { HealthUpdateSchema, type HealthUpdate } from '../config/health-update.js';
import { parseInput } from '../config/parse-input.js';
import { BREAKER_NEUTRAL_ERROR_CODES } from '../health/breaker-neutral-errors.js';
import type { HealthRecord } from '../health/health-record.js';
import { blockForFailure } from './engine-capacity-blocks.js';
import { availabilityOf, type EngineCore } from './engine-core.js';
import { healthOf, type InstanceHealth } from './instance-reports.js';
import type { OperationHandle, OutcomeInput } from './selection-engine-inputs.js';

/**
 * Records the outcome of an operation on an instance: metrics, the circuit breaker (failures
 * about the request itself, like a bad template or missing capacity, are neutral), recent
 * errors, and a capacity block for capacity, quota, throttling and outage errors. Returns
 * false, recording nothing, when the instance is not registered (any more).
 */
export function recordOutcome(core: EngineCore, instance: string, outcome: OutcomeInput): boolean {
  const runtime = core.runtimes.get(instance);
  if (runtime === undefined) return false;
  const snapshot = core.current;
  const nowMs = core.nowMs();
  const operation = outcome.operation ?? 'UNKNOWN';
  const events: DomainEvent[] = [];
  const breakerBefore = runtime.breaker.state;
  core.metricsEpoch += 1;
  const before = availabilityOf(runtime, nowMs);
  runtime.recordSample(nowMs, { operation, success: outcome.success, latencyMs: outcome.latencyMs, errorCode: outcome.errorCode });
  let reason: string | null = null;
  if (outcome.success) {
    if (runtime.breaker.recordSuccess(nowMs, snapshot.recoveryMs)) {
      events.push(domainEvent('CircuitClosed', { providerInstance: instance }, new Date(nowMs)));
      reason = 'circuit closed after a successful probe';
    }
  } else {
    const code = outcome.errorCode ?? 'UNKNOWN';
    runtime.recordError({
      atMs: nowMs,
      code,
      message: outcome.errorMessage ?? null,
      operation,
      api: outcome.api ?? null,
      instanceType: outcome.instanceType ?? null,
    });
    if (!BREAKER_NEUTRAL_ERROR_CODES.has(code) && runtime.breaker.recordFailure(nowMs, snapshot.settings.circuitBreaker.failureThreshold)) {
      const failures = runtime.breaker.consecutiveFailures;
      events.push(domainEvent('CircuitOpened', { providerInstance: instance, consecutiveFailures: failures }, new Date(nowMs)));
      reason = `circuit opened after ${failures} consecutive failures (last: ${code})`;
    }
    const kind = capacityBlockKindOf(code);
    if (kind !== undefined) {
      blockForFailure(core, snapshot, instance, kind, outcome.api, outcome.instanceType, outcome.retryAfterMs, outcome.errorMessage, nowMs);
    }
  }
  // A circuit that opened or closed changes eligibility for every policy; capacity blocks
  // bump the epoch themselves; anything else only moved the metrics.
  if (runtime.breaker.state !== breakerBefore) core.epoch += 1;
  core.healthEvents(runtime, before, nowMs, events, reason);
  core.emit(events);
  return true;
}

/** Counts an operation as active (LEAST_CONNECTIONS) until the handle's `end`. */
export function beginOperation(core: EngineCore, instance: string, operation = 'UNKNOWN'): OperationHandle {
  const runtime = core.runtimes.get(instance);
  const startedAtMs = core.nowMs();
  runtime?.beginOperation(operation);
  core.epoch += 1;
  let ended = false;
  return {
    instance,
    operation,
    tracked: runtime !== undefined,
    end: (outcome) => {
      if (ended || runtime === undefined) return;
      ended = true;
      runtime.endOperation(operation);
      core.epoch += 1;
      if (outcome !== undefined) {
        recordOutcome(core, instance, { latencyMs: core.nowMs() - startedAtMs, ...outcome, operation });
      }
    },
  };
}

/** Ends one active operation without a handle (e.g. from another call site); returns the active count. */
export function endOperation(core: EngineCore, instance: string, operation = 'UNKNOWN'): number {
  core.epoch += 1;
  return core.runtimes.get(instance)?.endOperation(operation) ?? 0;
}

/** Records a health report (`updateProviderHealth`) and returns the instance's health. */
export function updateHealth(core: EngineCore, instance: string, update: HealthUpdate): InstanceHealth {
  const parsed = parseInput(HealthUpdateSchema, update, 'health update');
  const entry = core.entryOrThrow(instance);
  const runtime = entry.runtime;
  const nowMs = core.nowMs();
  const before = availabilityOf(runtime, nowMs);
  const record: HealthRecord = Object.freeze({
    healthy: parsed.healthy,
    message: parsed.message ?? null,
    errorDetails: parsed.errorDetails === undefined ? null : Object.freeze({ ...parsed.errorDetails }),
    source: parsed.source ?? null,
    updatedAtMs: nowMs,
    retryAtMs: parsed.healthy || parsed.retryAfterSeconds === undefined ? null : nowMs + parsed.retryAfterSeconds * 1000,
  });
  runtime.setHealth(record);
  core.epoch += 1;
  const events: DomainEvent[] = [];
  core.healthEvents(runtime, before, nowMs, events, null);
  core.emit(events);
  return healthOf(entry, nowMs, core.current.recoveryMs, core.current.windowMs, false);
}
