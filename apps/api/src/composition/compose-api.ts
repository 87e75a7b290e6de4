import { ProviderInstances, type Application } from '@ohf/application-cqrs';
import type { ProviderRegistry } from '@ohf/provider-sdk';
import {
  configuredSecrets,
  createRuntimeModules,
  loadConfiguration,
  resolveOperationBudget,
  RuntimeTokens,
  type Environment,
  type LazyStorage,
  type LoadedConfiguration,
  secretBoxFromEnvironment,
  type PersistingProviderInstances,
} from '@ohf/runtime';
import type { Storage } from '@ohf/persistence';
import type { SelectionEngine } from '@ohf/selection-engine';
import type { TemplateLoader } from '@ohf/template-loader';
import type { FastifyBaseLogger } from 'fastify';
import { Container } from 'inversify';
import type { AddressInfo } from 'node:net';
import { parseApiConfiguration, type ApiConfiguration } from '../configuration/api-configuration.js';
import { PrometheusMetrics } from '../metrics/prometheus-metrics.js';
import { resealStoredSecrets } from '../secrets/reseal-stored-secrets.js';
import { maskSecrets } from '../secrets/mask-secrets.js';
import type { ApiStorage } from '../server/api-dependencies.js';
import type { ApiAudit } from '../server/api-dependencies.js';
import { createApiServer, type ApiServer } from '../server/create-api-server.js';
import { CatalogSyncWorker } from '../workers/catalog-sync-worker.js';
import { HealthCheckWorker } from '../workers/health-check-worker.js';
import { ProvisioningWorkers } from '../workers/provisioning-workers.js';
import { ReconcileWorker } from '../workers/reconcile-worker.js';
import { RetentionWorker } from '../workers/retention-worker.js';
import { WebhookWorker } from '../workers/webhook-worker.js';
import { createWebhookSender } from '../webhooks/webhook-sender.js';
import { createApiLogger } from './create-logger.js';
import { withOperationBudget } from './operation-budget.js';
import { ProviderRegistrationSync } from './provider-registration-sync.js';

/** Audit events are kept this long when neither `api.audit.retention_days` nor `audit.retention_days` says otherwise. */
const DEFAULT_RETENTION_DAYS = 90;

export interface ComposeApiOptions {
  /** Default process.env: HF_PROVIDER_CONFDIR, HF_* overrides, HOST, PORT, DATABASE_URL, OHF_ENCRYPTION_KEY. */
  readonly environment?: Environment;
  /** Overrides HF_PROVIDER_CONFDIR. */
  readonly configDirectory?: string;
  readonly currentDirectory?: string;
  /** Default: a pino logger as configured (`api.log`, `logging.level`). */
  readonly logger?: FastifyBaseLogger;
  readonly providerRegistry?: ProviderRegistry;
  readonly fetch?: typeof globalThis.fetch;
  /** Process metrics (CPU, memory, event loop) in /metrics; default true. */
  readonly defaultMetrics?: boolean;
  /** How often registrations made on other replicas are picked up; default 30 s. */
  readonly registrationSyncIntervalMs?: number;
}

/** A composed API process: the server, its workers and everything they stand on. */
export interface ComposedApi {
  readonly server: ApiServer;
  readonly workers: ProvisioningWorkers;
  /** Runs configureProviderStrategy's periodic health checks (started with the workers). */
  readonly healthChecks: HealthCheckWorker;
  /** Runs reconciliation once per `reconcile.interval_seconds` (shared by replicas through storage). */
  readonly reconcileWorker: ReconcileWorker;
  /** Refreshes the stored catalog once per `catalog.sync_interval_minutes` (one replica per interval). */
  readonly catalogSyncWorker: CatalogSyncWorker;
  /** Delivers audit events to webhooks (one replica at a time, through a lease in storage). */
  readonly webhookWorker: WebhookWorker;
  /** Prunes the audit trail once a day to its retention. */
  readonly retentionWorker: RetentionWorker;
  /** The audit trail and webhooks in storage (tests write events as another process would). */
  readonly audit: ApiAudit;
  /** The opened storage behind the application (tools and tests). */
  readonly openedStorage: Storage;
  readonly configuration: ApiConfiguration;
  readonly loaded: LoadedConfiguration;
  readonly application: Application;
  /** Storage as the server uses it (organizations, users and keys in `tenancy`). */
  readonly storage: ApiStorage;
  readonly metrics: PrometheusMetrics;
  readonly logger: FastifyBaseLogger;
  /** Listens on api.host:api.port (HOST, PORT) and starts the workers; resolves to the address. */
  start(): Promise<AddressInfo>;
  /**
   * Graceful shutdown: stop accepting connections and let requests in flight finish, stop
   * claiming work and let provisioning steps finish (both within the grace period), then
   * release providers and close storage.
   */
  shutdown(): Promise<void>;
}

/**
 * The API's composition root: loads the configuration, creates the inversify container from
 * the runtime's modules, wraps provider instances so run-time registrations are stored
 * encrypted, opens and migrates storage, and builds the server and the background workers.
 */
export async function composeApi(options: ComposeApiOptions = {}): Promise<ComposedApi> {
  const environment = options.environment ?? process.env;
  const loaded = await loadConfiguration({
    environment,
    ...(options.configDirectory === undefined ? {} : { configDirectory: options.configDirectory }),
    ...(options.currentDirectory === undefined ? {} : { currentDirectory: options.currentDirectory }),
  });
  const configuration = parseApiConfiguration(loaded.configuration.api, environment);
  const logger =
    options.logger ??
    (createApiLogger({
      level: loaded.configuration.logging.level,
      destination: configuration.log.destination,
      secrets: configuredSecrets(loaded.configuration, environment),
    }) as FastifyBaseLogger);
  const metrics = new PrometheusMetrics({ defaultMetrics: options.defaultMetrics ?? true });
  // A malformed OHF_ENCRYPTION_KEY fails the start, not the first registration.
  const secretBox = secretBoxFromEnvironment(environment);

  const container = new Container();
  await container.load(
    ...createRuntimeModules(loaded, {
      environment,
      logger,
      metrics: metrics.sink,
      ...(options.providerRegistry === undefined ? {} : { providerRegistry: options.providerRegistry }),
      ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
      application: {
        // The API answers at once; provisioning is the background workers' job.
        provisionInline: false,
        // Periodic health checks run from a worker, not before HTTP requests.
        periodicHealthChecks: 'worker',
        // A worker holds a lease on the request for the whole step, so an attempt left without
        // an outcome longer than a lease belongs to a replica that died: resume it then, not
        // after the CLI's longer default. The configuration's provisioning.* settings apply
        // as they are; this one only when the configuration does not set it.
        ...(loaded.configuration.provisioning.in_flight_attempt_lease_seconds === undefined
          ? { provisioning: { inFlightAttemptLeaseMs: configuration.workers.lease_ms } }
          : {}),
      },
    }),
  );
  const storage = container.get<LazyStorage>(RuntimeTokens.Storage);

  // Fail at start, not on the first request, when the database is unreachable or cannot migrate.
  const opened = await storage.open();
  const apiStorage: ApiStorage = {
    strategy: storage.strategy,
    work: storage.work,
    tenancy: opened.tenancy,
    providerInstances: opened.providerInstances,
    healthCheck: () => storage.healthCheck(),
  };
  const application = container.get<Application>(RuntimeTokens.Application);
  // The runtime's instances keep run-time registrations in storage (encrypted).
  const providers = container.get<PersistingProviderInstances>(ProviderInstances);
  const templateLoader = container.get<TemplateLoader>(RuntimeTokens.TemplateLoader);
  metrics.observeCache('template_file', () => ({ hits: templateLoader.cacheStats.fileHits, misses: templateLoader.cacheStats.fileMisses }));
  metrics.observeCache('template_catalog', () => ({
    hits: templateLoader.cacheStats.catalogHits,
    misses: templateLoader.cacheStats.catalogMisses,
  }));

  const configuredSettings = new Map(
    loaded.configuration.providers.providers.map((instance) => [instance.name, maskSecrets(instance.config)]),
  );
  const budget = resolveOperationBudget(loaded.configuration, environment);
  if (budget.ignored !== undefined) logger.warn({ budget }, budget.ignored);
  const bounded = withOperationBudget(application, budget);
  const workers = new ProvisioningWorkers({
    application: bounded,
    work: storage.work,
    logger,
    concurrency: configuration.workers.concurrency,
    pollIntervalMs: configuration.workers.poll_interval_ms,
    leaseMs: configuration.workers.lease_ms,
    retryIntervalMs: configuration.workers.retry_interval_ms,
  });
  const healthChecks = new HealthCheckWorker({ application, logger, pollIntervalMs: configuration.workers.poll_interval_ms });
  const selection = container.get<SelectionEngine>(RuntimeTokens.SelectionEngine);
  metrics.observeProviderHealth(() => selection.health());
  metrics.observeRunningCost(async () => {
    const costs = await application.dispatch({ type: 'GetCosts', groupBy: 'provider', runningOnly: true });
    const currency = costs.currencies.join('/');
    return costs.groups.map((group) => ({ providerInstance: group.key, currency, priceHourly: group.runningPriceHourly }));
  });
  const reconcileWorker = new ReconcileWorker({ application, logger, intervalMs: loaded.configuration.reconcile.interval_seconds * 1000 });
  const catalogSyncWorker = new CatalogSyncWorker({ application, logger, intervalMs: loaded.configuration.catalog.sync_interval_minutes * 60_000 });
  if (secretBox !== undefined) {
    // After a key rotation, everything stored is sealed again under the new key before the
    // server answers; a failure leaves values under the previous keys, which still open.
    try {
      const resealed = await resealStoredSecrets({ providers, webhooks: opened.webhooks, box: secretBox, now: () => new Date().toISOString() });
      if (resealed.providerInstances + resealed.webhooks > 0) {
        logger.info(
          { ...resealed, keyId: secretBox.keyId },
          `stored secrets sealed again under key ${secretBox.keyId}; the previous keys (OHF_ENCRYPTION_KEY_PREVIOUS) are no longer needed by this storage`,
        );
      }
    } catch (error) {
      logger.warn({ err: error }, 'stored secrets could not all be sealed again under the current key; keep OHF_ENCRYPTION_KEY_PREVIOUS and restart to try again');
    }
  }
  const audit: ApiAudit = { log: opened.events, webhooks: opened.webhooks, state: opened.state, ...(secretBox === undefined ? {} : { secrets: secretBox }) };
  const webhookWorker = new WebhookWorker({
    log: opened.events,
    webhooks: opened.webhooks,
    state: opened.state,
    openSecret: (sealed) => {
      if (secretBox === undefined) throw new Error('OHF_ENCRYPTION_KEY is not set: webhook secrets cannot be opened');
      return secretBox.open(sealed);
    },
    send: createWebhookSender({
      timeoutMs: configuration.webhooks.timeout_ms,
      allowPrivateAddresses: configuration.webhooks.allow_private_addresses,
      ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
    }),
    logger,
    concurrency: configuration.webhooks.concurrency,
    pollIntervalMs: configuration.webhooks.poll_interval_ms,
    leaseMs: configuration.workers.lease_ms,
    maxAttempts: configuration.webhooks.max_attempts,
    backoff: { baseDelayMs: configuration.webhooks.retry_base_delay_ms, maxDelayMs: configuration.webhooks.retry_max_delay_ms },
  });
  const retentionWorker = new RetentionWorker({
    retentionDays: configuration.audit.retention_days ?? configuredRetentionDays(loaded) ?? DEFAULT_RETENTION_DAYS,
    prune: async (before) => (await application.dispatch({ type: 'PruneEvents', before }, { correlationId: 'worker:audit-retention' })).deleted,
    state: opened.state,
    logger,
  });
  const server = await createApiServer({
    application: bounded,
    storage: apiStorage,
    providers,
    configuration,
    metrics,
    logger,
    providerSettings: (name) => configuredSettings.get(name),
    registeredProviders: async (name) => (await providers.storedRegistrations()).find((registration) => registration.name === name),
    audit,
    onEventsWritten: () => webhookWorker.wake(),
    onWorkCreated: () => workers.wake(),
    workersStatus: () => workers.status(),
  });
  const sync = new ProviderRegistrationSync(providers, application, logger);
  await sync.sync();

  let shuttingDown: Promise<void> | undefined;
  return {
    server,
    workers,
    healthChecks,
    reconcileWorker,
    catalogSyncWorker,
    webhookWorker,
    retentionWorker,
    audit,
    openedStorage: opened,
    configuration,
    loaded,
    application,
    storage: apiStorage,
    metrics,
    logger,
    async start() {
      await server.listen({ host: configuration.host, port: configuration.port });
      if (configuration.workers.enabled) {
        workers.start();
        healthChecks.start();
        reconcileWorker.start();
        catalogSyncWorker.start();
        retentionWorker.start();
      }
      if (configuration.webhooks.enabled) webhookWorker.start();
      sync.start(options.registrationSyncIntervalMs ?? 30_000);
      if (configuration.auth.enabled && configuration.auth.keys.length === 0) {
        logger.warn(
          'no API keys are configured (api.auth.keys): every /api/v1 route answers 401. Create one with `ohf-api hash-key` and add it to the configuration.',
        );
      }
      if (!configuration.auth.enabled) logger.warn('authentication is OFF (api.auth.enabled: false): anyone who reaches the port may call every route');
      return server.server.address() as AddressInfo;
    },
    shutdown() {
      shuttingDown ??= (async () => {
        const grace = configuration.shutdown_grace_ms;
        await Promise.all([closeWithin(server, grace, logger), workers.stop(grace), healthChecks.stop(), reconcileWorker.stop(grace), catalogSyncWorker.stop(), retentionWorker.stop(grace), webhookWorker.stop(), sync.stop()]);
        await container.get<() => Promise<void>>(RuntimeTokens.Shutdown)();
      })();
      return shuttingDown;
    },
  };
}

/** The configuration's own `audit.retention_days` (shared with the CLI), when it sets one. */
function configuredRetentionDays(loaded: LoadedConfiguration): number | undefined {
  const days = (loaded.configuration as { readonly audit?: { readonly retention_days?: unknown } }).audit?.retention_days;
  return typeof days === 'number' && Number.isInteger(days) && days >= 0 ? days : undefined;
}

/**
 * Closes the server: no new connections, answers in flight finish. A connection that is still
 * open when the grace period ends (a slow answer, or a client that connected and never sent a
 * request, which Node does not count as idle) is cut then, so shutdown always ends.
 */
async function closeWithin(server: ApiServer, graceMs: number, logger: FastifyBaseLogger): Promise<void> {
  const closing = server.close();
  let timer: NodeJS.Timeout | undefined;
  const graceOver = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), graceMs);
  });
  if ((await Promise.race([closing.then(() => 'closed' as const), graceOver])) === 'timeout') {
    logger.warn({ graceMs }, 'connections still open at the end of the grace period; closing them');
    server.server.closeAllConnections();
    await closing;
  }
  clearTimeout(timer);
}
