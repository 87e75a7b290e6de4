import type { TemplateInput } from '@ohf/domain-core';
import type { ComputeProviderV1 } from '@ohf/provider-sdk';
import { createInMemoryProvider, type InMemoryProvider } from '@ohf/provider-sdk/testing';
import { createSelectionEngine, type SelectionEngine, type SelectionPolicy } from '@ohf/selection-engine';
import { seededRandom } from '@ohf/selection-engine/testing';
import type { TemplateLoader } from '@ohf/template-loader';
import { InMemoryAuditLog } from '../adapters/in-memory-audit-log.js';
import { InMemoryMachineRepository } from '../adapters/in-memory-machine-repository.js';
import { InMemoryTenancyRepository } from '../adapters/in-memory-tenancy-repository.js';
import { InMemoryMetricsSink } from '../adapters/in-memory-metrics-sink.js';
import { InMemoryProviderInstances } from '../adapters/in-memory-provider-instances.js';
import { InMemoryRequestRepository } from '../adapters/in-memory-request-repository.js';
import { InMemoryStateStore } from '../adapters/in-memory-state-store.js';
import { InMemoryTemplateRepository } from '../adapters/in-memory-template-repository.js';
import { ManualClock } from '../adapters/manual-clock.js';
import { MemoryLogger } from '../adapters/memory-logger.js';
import { SequentialIdGenerator } from '../adapters/sequential-id-generator.js';
import { createApplication, type Application, type ApplicationDependencies, type ApplicationOptions } from '../application/create-application.js';
import type { TemplateRepository } from '@ohf/domain-core';
import { selectionStateStoreFrom } from '../ports/selection-state-store.js';

export interface FixtureInstance {
  readonly name: string;
  readonly priority?: number;
  readonly weight?: number;
  readonly enabled?: boolean;
  readonly capabilities?: readonly string[];
  /** Most live machines the fake cloud behind this instance holds. */
  readonly maxCapacity?: number;
  /** Machines read as pending this long, then running. Default 0 (running at once). */
  readonly autoRunAfterMs?: number;
  /** The instance's `config:` block (its secret values are redacted from what the provider reports). */
  readonly settings?: Readonly<Record<string, unknown>>;
  /** Wraps the in-memory provider, e.g. to make it misbehave like a third party's. */
  readonly decorate?: (provider: ComputeProviderV1) => ComputeProviderV1;
  /** Creating the client fails with this error (settings without credentials, say). */
  readonly setupError?: Error;
  /** The organization that owns the instance (absent: a global one). */
  readonly organizationId?: string;
  /** A global instance only these organizations may use. */
  readonly organizations?: readonly string[];
}

export interface FixtureOptions {
  readonly instances?: readonly FixtureInstance[];
  readonly templates?: readonly TemplateInput[];
  readonly policy?: SelectionPolicy;
  readonly fallback?: readonly string[];
  readonly options?: ApplicationOptions;
  /** Share storage and clouds with another fixture (a second process). */
  readonly sharedWith?: ApplicationFixture;
  readonly templateRepository?: TemplateRepository;
  readonly templateLoader?: TemplateLoader;
  /** The stored catalog, `pricing:` and the price file: prices launches and resolves templates' requirements. */
  readonly catalog?: Pick<ApplicationDependencies, 'catalog' | 'pricing' | 'loadPriceFile'>;
  /** Give the application the tenancy repository (quotas are checked); default false, as the CLI. */
  readonly withTenancy?: boolean;
  /** Compose the application without the audit trail (repositories still keep events). */
  readonly withoutAudit?: boolean;
}

export interface ApplicationFixture {
  readonly app: Application;
  readonly clock: ManualClock;
  readonly requests: InMemoryRequestRepository;
  readonly machines: InMemoryMachineRepository;
  /** Where both repositories keep the events of their saves. */
  readonly audit: InMemoryAuditLog;
  readonly tenancy: InMemoryTenancyRepository;
  readonly templates: TemplateRepository;
  readonly stateStore: InMemoryStateStore;
  readonly providers: ReadonlyMap<string, InMemoryProvider>;
  readonly providerInstances: InMemoryProviderInstances;
  readonly selection: SelectionEngine;
  readonly logger: MemoryLogger;
  readonly metrics: InMemoryMetricsSink;
  readonly ids: SequentialIdGenerator;
}

export const WEB_TEMPLATE: TemplateInput = {
  templateId: 'web',
  maxNumber: 10,
  attributes: { type: ['String', 'X86_64'], ncpus: ['Numeric', '2'], nram: ['Numeric', '4096'] },
  providerType: 'memory',
  vmType: 'small',
  imageId: 'memory/debian-12',
  instanceTags: { team: 'hpc' },
};

/**
 * An application over in-memory storage and the in-memory provider double, one fake cloud per
 * provider instance, with a manual clock: a "process" of the product for tests. A second
 * fixture made `sharedWith` the first is another process on the same storage and clouds.
 */
export function createApplicationFixture(options: FixtureOptions = {}): ApplicationFixture {
  const shared = options.sharedWith;
  const clock = shared?.clock ?? new ManualClock('2026-01-01T00:00:00.000Z');
  const instances = options.instances ?? [{ name: 'mem-a', priority: 1 }];
  const providers = new Map<string, InMemoryProvider>();
  for (const instance of instances) {
    const existing = shared?.providers.get(instance.name);
    providers.set(
      instance.name,
      createInMemoryProvider({
        instanceName: instance.name,
        clock: () => clock.now().getTime(),
        autoRunAfterMs: instance.autoRunAfterMs ?? 0,
        ...(existing === undefined ? {} : { cloud: existing.cloud }),
        ...(instance.maxCapacity === undefined || existing !== undefined ? {} : { maxCapacity: instance.maxCapacity }),
      }),
    );
  }
  const providerInstances = new InMemoryProviderInstances(
    instances.map((instance) => ({
      descriptor: {
        name: instance.name,
        type: 'memory',
        priority: instance.priority ?? 100,
        weight: instance.weight ?? 1,
        enabled: instance.enabled ?? true,
        capabilities: instance.capabilities ?? ['Memory'],
        ...(instance.organizationId === undefined ? {} : { organizationId: instance.organizationId }),
        ...(instance.organizations === undefined ? {} : { organizations: instance.organizations }),
      },
      provider:
        instance.setupError !== undefined
          ? () => {
              throw instance.setupError;
            }
          : instance.decorate === undefined
            ? providers.get(instance.name)!
            : instance.decorate(providers.get(instance.name)!),
      ...(instance.settings === undefined ? {} : { settings: instance.settings }),
    })),
    (registration) => createInMemoryProvider({ instanceName: registration.name, clock: () => clock.now().getTime() }),
  );
  const selection = createSelectionEngine({
    instances: instances.map((instance) => ({
      name: instance.name,
      type: 'memory',
      priority: instance.priority ?? 100,
      weight: instance.weight ?? 1,
      enabled: instance.enabled ?? true,
      capabilities: [...(instance.capabilities ?? ['Memory'])],
    })),
    policy: options.policy ?? 'PRIORITY',
    fallback: options.fallback ?? [],
    clock,
    random: seededRandom(7),
  });
  const audit = shared?.audit ?? new InMemoryAuditLog();
  const tenancy = shared?.tenancy ?? new InMemoryTenancyRepository();
  const requests = shared?.requests ?? new InMemoryRequestRepository(audit);
  const machines = shared?.machines ?? new InMemoryMachineRepository(audit);
  const templates = options.templateRepository ?? shared?.templates ?? new InMemoryTemplateRepository(options.templates ?? [WEB_TEMPLATE]);
  const stateStore = shared?.stateStore ?? new InMemoryStateStore(clock);
  const ids = shared?.ids ?? new SequentialIdGenerator();
  const logger = new MemoryLogger();
  const metrics = new InMemoryMetricsSink();
  let tick = 0;
  const app = createApplication({
    requests,
    machines,
    templates,
    providers: providerInstances,
    selection,
    selectionState: selectionStateStoreFrom(stateStore),
    stateStore,
    ...(options.withoutAudit === true ? {} : { audit }),
    ...(options.withTenancy === true ? { tenancy } : {}),
    ...(options.templateLoader === undefined ? {} : { templateLoader: options.templateLoader }),
    ...options.catalog,
    clock,
    ids,
    logger,
    metrics,
    options: { monotonicNow: () => (tick += 1), ...options.options },
  });
  return { app, clock, requests, machines, audit, tenancy, templates, stateStore, providers, providerInstances, selection, logger, metrics, ids };
}
