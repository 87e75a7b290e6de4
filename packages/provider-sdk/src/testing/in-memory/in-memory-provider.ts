import {
  OHF_TAG_KEYS,
  type AppV1,
  ProviderCapabilitiesV1Schema,
  InstanceActionV1Schema,
  ProviderCapacityError,
  ProviderNotFoundError,
  ProviderValidationError,
  type CallOptionsV1,
  type ComputeProviderV1,
  type CreateInstancesRequestV1,
  type CreateInstancesResultV1,
  type FailureV1,
  type HealthCheckResultV1,
  type ImageV1,
  type InstanceActionResultV1,
  type InstanceActionV1,
  type InstanceV1,
  type LocationV1,
  type ProviderApiError,
  type ProviderCapabilitiesV1,
  type ProviderTemplateV1,
  type ReleaseRequestResultV1,
  type SizeV1,
  type TemplateValidationResultV1,
  type TerminateResultV1,
} from '../../index.js';
import type { ConformanceHarness } from '../conformance/conformance-harness.js';
import { IN_MEMORY_APPS, IN_MEMORY_IMAGES, IN_MEMORY_LOCATIONS, IN_MEMORY_SIZES } from './in-memory-catalog.js';
import { InMemoryCloud, type InstallableFaults } from './in-memory-cloud.js';
import { normalizeInMemoryError } from './in-memory-errors.js';
import { inMemoryHostName, planInMemoryCreate, toInMemoryInstance, type CreatePlan } from './in-memory-mapping.js';

export interface InMemoryProviderOptions {
  /** Default 'memory-test'. */
  readonly instanceName?: string;
  /** Default 'memory'. */
  readonly providerId?: string;
  readonly capabilities?: Partial<ProviderCapabilitiesV1>;
  /** Epoch milliseconds. Default Date.now. */
  readonly clock?: () => number;
  /** Persist the fake cloud to this JSON file (atomic writes) so separate processes share it. */
  readonly statePath?: string;
  /** Machines read as 'provisioning' (pending) for this long, then 'active' (running). Default 0. */
  readonly autoRunAfterMs?: number;
  /** Most live machines the fake cloud holds; creates beyond it are partly fulfilled. */
  readonly maxCapacity?: number;
  /** Faults armed once per distinct configuration (see `InMemoryFaults`). */
  readonly faults?: InMemoryFaults;
  /** What a configured crash does. Default: kill this process with SIGKILL, like `kill -9`. */
  readonly onCrash?: () => void;
  /** Share one fake cloud between several provider objects in a process. */
  readonly cloud?: InMemoryCloud;
}

export interface InMemoryFaults {
  /** The next N creates fail as `failCreateWith`. */
  readonly failCreateTimes?: number;
  /** Default 'capacity' (reported as a failure, not thrown). */
  readonly failCreateWith?: 'capacity' | 'quota' | 'rate_limit' | 'server_error' | 'unauthorized' | 'forbidden';
  /** Retry-After of the injected failures. */
  readonly retryAfterSeconds?: number;
  /** Same as `maxCapacity`. */
  readonly capacity?: number;
  /** Die right after the Nth create (true = the first) has created its machines in the cloud. */
  readonly crashAfterCreate?: boolean | number;
  /** Health checks report 'unhealthy'. */
  readonly unhealthy?: boolean;
}

/** The test double: a ComputeProviderV1 plus the harness and the fake cloud behind it. */
export interface InMemoryProvider extends ComputeProviderV1 {
  readonly harness: ConformanceHarness;
  readonly cloud: InMemoryCloud;
  findInstancesByName(names: readonly string[], options?: CallOptionsV1): Promise<InstanceV1[]>;
  findInstancesByTagKey(tagKey: string, options?: CallOptionsV1): Promise<InstanceV1[]>;
  releaseRequestResources(requestId: string, options?: CallOptionsV1): Promise<ReleaseRequestResultV1>;
  performAction(id: string, action: InstanceActionV1, options?: CallOptionsV1): Promise<InstanceActionResultV1>;
}

const DEFAULT_CAPABILITIES: ProviderCapabilitiesV1 = {
  apis: ['Memory'],
  pricingModels: ['ondemand', 'spot'],
  fleetTypes: ['instant', 'request'],
  maxInstancesPerCall: 100,
  describeBatchSize: 100,
  supportsStopStart: true,
  supportsDryRun: true,
};

/**
 * A TEST DOUBLE, not a cloud: an in-memory fake cloud behind a provider that behaves like a
 * real one (normalized states, tags, idempotent create, batching, partial fulfilment, typed
 * errors), for application tests and as the reference the conformance kit is proven on.
 */
export function createInMemoryProvider(options: InMemoryProviderOptions = {}): InMemoryProvider {
  const cloud =
    options.cloud ??
    new InMemoryCloud({
      ...(options.statePath === undefined ? {} : { statePath: options.statePath }),
      ...(options.clock === undefined ? {} : { clock: options.clock }),
      ...(options.autoRunAfterMs === undefined ? {} : { autoRunAfterMs: options.autoRunAfterMs }),
    });
  const installable: InstallableFaults = {
    ...options.faults,
    ...(options.maxCapacity === undefined ? {} : { capacity: options.maxCapacity }),
  };
  if (Object.keys(installable).length > 0) cloud.installFaults(installable);
  return new InMemoryComputeProvider(cloud, options);
}

class InMemoryComputeProvider implements InMemoryProvider {
  readonly specificationVersion = 'v1' as const;
  readonly providerId: string;
  readonly instanceName: string;
  readonly capabilities: ProviderCapabilitiesV1;
  readonly cloud: InMemoryCloud;
  readonly harness: ConformanceHarness;
  readonly #clock: () => number;
  readonly #onCrash: () => void;

  constructor(cloud: InMemoryCloud, options: InMemoryProviderOptions) {
    this.cloud = cloud;
    this.providerId = options.providerId ?? 'memory';
    this.instanceName = options.instanceName ?? 'memory-test';
    this.capabilities = ProviderCapabilitiesV1Schema.parse({ ...DEFAULT_CAPABILITIES, ...options.capabilities });
    this.#clock = options.clock ?? Date.now;
    this.#onCrash = options.onCrash ?? (() => process.kill(process.pid, 'SIGKILL'));
    this.harness = {
      reset: () => cloud.reset(),
      failNextCall: (kind, failure) => cloud.failNextCalls(kind, failure),
      limitCapacity: (maxMachines) => cloud.setCapacity(maxMachines),
      callCount: (operation) => cloud.callCount(operation),
      removeOutOfBand: (id) => cloud.remove(id),
    };
  }

  async initialize(): Promise<void> {}

  async healthCheck(): Promise<HealthCheckResultV1> {
    const started = this.#clock();
    let healthy: boolean;
    try {
      healthy = this.cloud.probeHealth();
    } catch (error) {
      // The shared rule: throttled is reachable and authorised, only busy.
      const normalized = normalizeInMemoryError(this.providerId, error, 'healthCheck');
      return {
        status: normalized.code === 'RATE_LIMIT_EXCEEDED' ? 'degraded' : 'unhealthy',
        latencyMs: Math.max(0, this.#clock() - started),
        checkedAt: new Date(this.#clock()).toISOString(),
        message: normalized.message,
        details: { provider: this.providerId, instance: this.instanceName, code: normalized.code, retryable: normalized.retryable },
      };
    }
    return {
      status: healthy ? 'healthy' : 'unhealthy',
      latencyMs: Math.max(0, this.#clock() - started),
      checkedAt: new Date(this.#clock()).toISOString(),
      ...(healthy ? {} : { message: 'The in-memory cloud is configured to be unhealthy.' }),
      details: { provider: this.providerId, instance: this.instanceName },
    };
  }

  async listLocations(): Promise<LocationV1[]> {
    return IN_MEMORY_LOCATIONS.map((location) => ({ ...location }));
  }

  async listSizes(): Promise<SizeV1[]> {
    return IN_MEMORY_SIZES.map((size) => ({ ...size }));
  }

  async listImages(): Promise<ImageV1[]> {
    return IN_MEMORY_IMAGES.map((image) => ({ ...image }));
  }

  async listApps(): Promise<AppV1[]> {
    return IN_MEMORY_APPS.map((app) => ({ ...app }));
  }

  async createInstances(request: CreateInstancesRequestV1, options: CallOptionsV1 = {}): Promise<CreateInstancesResultV1> {
    options.signal?.throwIfAborted();
    if (!Number.isInteger(request.count) || request.count < 1) {
      throw new ProviderValidationError(`count must be a whole number of machines (1 or more), got ${request.count}`, {
        providerId: this.providerId,
        field: 'count',
      });
    }
    const plan = planInMemoryCreate(this.providerId, request.template);
    const input = {
      count: request.count,
      clientToken: request.idempotencyKey,
      instanceType: plan.instanceType,
      location: plan.location,
      ...(plan.imageId === undefined ? {} : { imageId: plan.imageId }),
      lifecycle: plan.lifecycle,
      tags: { ...plan.instanceTags, ...request.tags },
      // Like the real providers: `count` is the total for this request on this instance.
      totalFor: { [OHF_TAG_KEYS.requestId]: request.requestId },
    };
    const plannedCalls = [{ service: 'memory', operation: 'create', input }];
    if (options.dryRun) return { instances: [], failures: [], warnings: plan.warnings, plannedCalls };

    let output;
    try {
      output = this.cloud.create(input);
    } catch (error) {
      const normalized = normalizeInMemoryError(this.providerId, error, 'createInstances');
      if (normalized.code === 'INSUFFICIENT_CAPACITY' || normalized.code === 'QUOTA_EXCEEDED') {
        return { instances: [], failures: [this.#failure(normalized, request.count, plan)], warnings: plan.warnings };
      }
      throw normalized;
    }
    if (output.crash) this.#onCrash();
    const failures: FailureV1[] =
      output.shortfall > 0
        ? [this.#failure(new ProviderCapacityError(`The in-memory cloud is full: ${output.shortfall} of ${request.count} machines could not be created.`), output.shortfall, plan)]
        : [];
    return {
      instances: output.instances.map((instance) => toInMemoryInstance(instance)),
      failures,
      warnings: plan.warnings,
      providerMetadata: { replayed: output.replayed },
    };
  }

  async describeInstances(ids: readonly string[], options: CallOptionsV1 = {}): Promise<InstanceV1[]> {
    const found: InstanceV1[] = [];
    for (let offset = 0; offset < ids.length; offset += this.capabilities.describeBatchSize) {
      options.signal?.throwIfAborted();
      const batch = ids.slice(offset, offset + this.capabilities.describeBatchSize);
      try {
        found.push(...this.cloud.describe(batch).map((instance) => toInMemoryInstance(instance)));
      } catch (error) {
        throw normalizeInMemoryError(this.providerId, error, 'describeInstances');
      }
    }
    return found;
  }

  async terminateInstances(ids: readonly string[], options: CallOptionsV1 = {}): Promise<TerminateResultV1> {
    options.signal?.throwIfAborted();
    const unique = [...new Set(ids)];
    const plannedCalls = [{ service: 'memory', operation: 'terminate', input: { ids: unique } }];
    if (options.dryRun) return { terminated: [], alreadyGone: [], failures: [], plannedCalls };
    if (unique.length === 0) return { terminated: [], alreadyGone: [], failures: [] };
    try {
      const result = this.cloud.terminate(unique);
      return { terminated: result.terminated, alreadyGone: result.notFound, failures: [] };
    } catch (error) {
      throw normalizeInMemoryError(this.providerId, error, 'terminateInstances');
    }
  }

  async findInstancesByTag(tags: Readonly<Record<string, string>>, options: CallOptionsV1 = {}): Promise<InstanceV1[]> {
    options.signal?.throwIfAborted();
    try {
      return this.cloud.list(tags).map((instance) => toInMemoryInstance(instance));
    } catch (error) {
      throw normalizeInMemoryError(this.providerId, error, 'findInstancesByTag');
    }
  }

  async findInstancesByName(names: readonly string[], options: CallOptionsV1 = {}): Promise<InstanceV1[]> {
    options.signal?.throwIfAborted();
    if (names.length === 0) return [];
    try {
      return this.cloud.findByName(names, inMemoryHostName).map((instance) => toInMemoryInstance(instance));
    } catch (error) {
      throw normalizeInMemoryError(this.providerId, error, 'findInstancesByName');
    }
  }

  async findInstancesByTagKey(tagKey: string, options: CallOptionsV1 = {}): Promise<InstanceV1[]> {
    options.signal?.throwIfAborted();
    try {
      return this.cloud.listWithTagKey(tagKey).map((instance) => toInMemoryInstance(instance));
    } catch (error) {
      throw normalizeInMemoryError(this.providerId, error, 'findInstancesByTagKey');
    }
  }

  /** The double launches machines only (no fleets): releasing a request terminates its tagged machines. */
  async releaseRequestResources(requestId: string, options: CallOptionsV1 = {}): Promise<ReleaseRequestResultV1> {
    const tagged = await this.findInstancesByTag({ [OHF_TAG_KEYS.requestId]: requestId }, options);
    const live = tagged.filter((instance) => instance.state !== 'terminated').map((instance) => instance.id);
    const gone = tagged.filter((instance) => instance.state === 'terminated').map((instance) => instance.id);
    if (options.dryRun) {
      return { released: [], terminated: [], alreadyGone: [], failures: [], plannedCalls: [{ service: 'memory', operation: 'terminate', input: { ids: live } }] };
    }
    const result = await this.terminateInstances(live, options);
    return { released: [], terminated: [...result.terminated], alreadyGone: [...gone, ...(result.alreadyGone ?? [])], failures: [] };
  }

  async performAction(id: string, action: InstanceActionV1, options: CallOptionsV1 = {}): Promise<InstanceActionResultV1> {
    options.signal?.throwIfAborted();
    if (!InstanceActionV1Schema.safeParse(action).success) {
      throw new ProviderValidationError(`Unknown action "${String(action)}"`, { providerId: this.providerId, field: 'action' });
    }
    if (options.dryRun) return { id, action, plannedCalls: [{ service: 'memory', operation: action, input: { id } }] };
    if (!this.cloud.power(id, action)) throw new ProviderNotFoundError(`No live machine ${id} in the fake cloud`, { providerId: this.providerId });
    return { id, action };
  }

  async validateTemplate(template: ProviderTemplateV1): Promise<TemplateValidationResultV1> {
    const errors: TemplateValidationResultV1['errors'] = [];
    const warnings: TemplateValidationResultV1['warnings'] = [];
    let plan: CreatePlan;
    try {
      plan = planInMemoryCreate(this.providerId, template);
    } catch (error) {
      const field = (error as { field?: string }).field ?? 'template';
      errors.push({ field, message: (error as Error).message, code: 'VALIDATION_ERROR' });
      return { errors, warnings };
    }
    if (!IN_MEMORY_LOCATIONS.some((location) => location.id === plan.location)) {
      errors.push({ field: `providerOptions.${this.providerId}.location`, message: `Unknown location "${plan.location}".`, code: 'VALIDATION_ERROR' });
    }
    if (!IN_MEMORY_SIZES.some((size) => size.id === plan.instanceType)) {
      warnings.push({ field: 'vmType', message: `Size "${plan.instanceType}" is not in the in-memory catalog; the fake cloud accepts it anyway.` });
    }
    if (plan.imageId !== undefined && !IN_MEMORY_IMAGES.some((image) => image.id === plan.imageId)) {
      warnings.push({ field: 'imageId', message: `Image "${plan.imageId}" is not in the in-memory catalog; the fake cloud accepts it anyway.` });
    }
    if (template.providerApi !== undefined && !this.capabilities.apis.includes(template.providerApi)) {
      errors.push({ field: 'providerApi', message: `API "${template.providerApi}" is not supported; supported: ${this.capabilities.apis.join(', ')}.`, code: 'API_NOT_SUPPORTED' });
    }
    for (const warning of plan.warnings) warnings.push({ ...(warning.feature ? { field: warning.feature } : {}), message: warning.message });
    return { errors, warnings };
  }

  async dispose(): Promise<void> {}

  #failure(error: ProviderApiError, count: number, plan: { instanceType: string; location: string }): FailureV1 {
    return {
      code: error.code,
      message: error.message,
      retryable: error.retryable,
      ...(error.retryAfterMs === undefined ? {} : { retryAfterMs: error.retryAfterMs }),
      count,
      instanceType: plan.instanceType,
      location: plan.location,
    };
  }
}
