import { BusinessRuleError, systemClock, ValidationError } from '@ohf/domain-core';
import { DEFAULT_CAPACITY_BLOCK_TTL_SECONDS, type CapacityBlockKind } from '../config/capacity-block-kind.js';
import { DEFAULT_CIRCUIT_BREAKER_CONFIG } from '../config/circuit-breaker-config.js';
import {
  EngineConfigurationSchema,
  SelectionEngineConfigSchema,
  type EngineConfiguration,
  type EngineConfigurationInput,
} from '../config/engine-configuration.js';
import { parseInput } from '../config/parse-input.js';
import { ProviderInstanceSchema, type ProviderInstance, type ProviderInstanceInput } from '../config/provider-instance.js';
import { DEFAULT_SELECTION_CRITERIA, resolveSelectionCriteria } from '../config/selection-criteria.js';
import { EngineCore } from './engine-core.js';
import type { EngineSettings } from './engine-snapshot.js';
import type { SelectionEngineOptions } from './selection-engine-inputs.js';

const DEFAULT_SETTINGS: EngineSettings = Object.freeze({
  policy: 'WEIGHTED_ROUND_ROBIN',
  defaultProviderType: null,
  defaultProviderInstance: null,
  fallback: Object.freeze([]) as readonly string[],
  criteria: DEFAULT_SELECTION_CRITERIA,
  circuitBreaker: DEFAULT_CIRCUIT_BREAKER_CONFIG,
  capacityBlockTtlSeconds: DEFAULT_CAPACITY_BLOCK_TTL_SECONDS,
  randomWeighting: 'weighted',
  selectionWindowSeconds: 600,
});

function applyConfiguration(base: EngineSettings, changes: EngineConfiguration): EngineSettings {
  const ttl: Record<CapacityBlockKind, number> = { ...base.capacityBlockTtlSeconds };
  for (const [kind, seconds] of Object.entries(changes.capacityBlockTtlSeconds ?? {})) {
    if (seconds !== undefined) ttl[kind as CapacityBlockKind] = seconds;
  }
  const defaults = changes.defaults ?? {};
  return Object.freeze({
    policy: changes.policy ?? base.policy,
    defaultProviderType: defaults.providerType === undefined ? base.defaultProviderType : defaults.providerType,
    defaultProviderInstance: defaults.providerInstance === undefined ? base.defaultProviderInstance : defaults.providerInstance,
    fallback: changes.fallback === undefined ? base.fallback : Object.freeze([...changes.fallback]),
    criteria: changes.criteria === undefined ? base.criteria : resolveSelectionCriteria(DEFAULT_SELECTION_CRITERIA, changes.criteria),
    circuitBreaker: Object.freeze({ ...base.circuitBreaker, ...stripUndefined(changes.circuitBreaker ?? {}) }),
    capacityBlockTtlSeconds: Object.freeze(ttl),
    randomWeighting: changes.randomWeighting ?? base.randomWeighting,
    selectionWindowSeconds: changes.selectionWindowSeconds ?? base.selectionWindowSeconds,
  });
}

function stripUndefined<Value extends object>(value: Value): Partial<Value> {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as Partial<Value>;
}

/** Parses the options (instance names must be unique) and builds the first snapshot. */
export function createEngineCore(options: SelectionEngineOptions): EngineCore {
  const { clock, random, onEvent, ...data } = options;
  const config = parseInput(SelectionEngineConfigSchema, data, 'selection engine options');
  const seen = new Set<string>();
  for (const instance of config.instances) {
    if (seen.has(instance.name)) {
      throw new ValidationError(`Provider instance '${instance.name}' is configured twice; names must be unique`, {
        details: { duplicate: instance.name },
      });
    }
    seen.add(instance.name);
  }
  return new EngineCore({
    clock: clock ?? systemClock,
    random: random ?? Math.random,
    onEvent,
    retentionHours: config.metricsRetentionHours ?? 24,
    settings: applyConfiguration(DEFAULT_SETTINGS, config),
    instances: config.instances,
  });
}

/**
 * Adds an instance (`registerProviderStrategy`). A name already registered is a CONFLICT
 * unless `replace` is set; a replaced instance keeps its metrics, health and breaker.
 */
export function registerInstance(core: EngineCore, input: ProviderInstanceInput, options: { readonly replace?: boolean } = {}): ProviderInstance {
  const descriptor = parseInput(ProviderInstanceSchema, input, 'provider instance');
  const snapshot = core.current;
  const descriptors = snapshot.instances.map((entry) => entry.descriptor);
  if (snapshot.byName.has(descriptor.name)) {
    if (options.replace !== true) {
      throw new BusinessRuleError('CONFLICT', `Provider instance '${descriptor.name}' is already registered; pass replace to change it`, {
        details: { provider: descriptor.name },
      });
    }
    core.swap(
      snapshot.settings,
      descriptors.map((existing) => (existing.name === descriptor.name ? descriptor : existing)),
    );
  } else {
    core.swap(snapshot.settings, [...descriptors, descriptor]);
  }
  return core.current.byName.get(descriptor.name)!.descriptor;
}

/** Removes an instance and its run-time state; false when it was not registered. */
export function unregisterInstance(core: EngineCore, name: string): boolean {
  const snapshot = core.current;
  if (!snapshot.byName.has(name)) return false;
  core.swap(
    snapshot.settings,
    snapshot.instances.filter((entry) => entry.name !== name).map((entry) => entry.descriptor),
  );
  return true;
}

/** Changes some fields of a registered instance (enable/disable, weight, priority, capabilities). */
export function updateInstance(core: EngineCore, name: string, changes: Partial<Omit<ProviderInstanceInput, 'name'>>): ProviderInstance {
  const entry = core.entryOrThrow(name);
  return registerInstance(core, { ...entry.descriptor, ...stripUndefined(changes), name }, { replace: true });
}

/**
 * Changes policy, defaults, fallback, default criteria, breaker settings, block TTLs, random
 * weighting or the selection window (`configureProviderStrategy`). Rotation state carries over.
 */
export function configure(core: EngineCore, changes: EngineConfigurationInput): EngineSettings {
  const parsed = parseInput(EngineConfigurationSchema, changes, 'provider strategy configuration');
  const snapshot = core.current;
  core.swap(applyConfiguration(snapshot.settings, parsed), snapshot.instances.map((entry) => entry.descriptor));
  return core.current.settings;
}
