import type { Application, ProviderInstances } from '@ohf/application-cqrs';
import type { AuditLog, DomainEvent, ProviderInstanceRepository, StateStore, TenancyRepository, WebhookRepository, WorkQueue } from '@ohf/domain-core';
import type { SecretBox, StoredProviderInstanceRegistration } from '@ohf/runtime';
import type { StorageHealth } from '@ohf/persistence';
import type { FastifyBaseLogger } from 'fastify';
import type { ApiConfiguration } from '../configuration/api-configuration.js';
import type { PrometheusMetrics } from '../metrics/prometheus-metrics.js';
import type { WorkersStatus } from '../workers/provisioning-workers.js';

/** What the API needs of the application (application-cqrs's `Application` satisfies it). */
export interface ApiApplication {
  /** Sends a command or query to whichever bus handles its type; the result is typed by the message type. */
  readonly dispatch: Application['dispatch'];
  readonly events: {
    subscribe(type: '*', subscriber: (event: DomainEvent) => void | Promise<void>): () => void;
  };
}

/** What the API needs of storage (persistence's `Storage` satisfies it). */
export interface ApiStorage {
  readonly strategy: string;
  readonly work: WorkQueue;
  /** Organizations, users, memberships and stored API keys. */
  readonly tenancy: TenancyRepository;
  /** Provider instances registered at run time, each owned by an organization. */
  readonly providerInstances: ProviderInstanceRepository;
  healthCheck(): Promise<StorageHealth>;
}

/** The audit trail and the webhooks, as storage keeps them. */
export interface ApiAudit {
  readonly log: AuditLog;
  readonly webhooks: WebhookRepository;
  /** Where the webhook fan-out keeps its cursor. */
  readonly state: StateStore;
  /** Seals webhook signing secrets at rest (OHF_ENCRYPTION_KEY); absent: webhooks cannot be created. */
  readonly secrets?: SecretBox;
}

/** A configured provider instance's settings as the API may show them: credentials masked. */
export type MaskedProviderSettings = (name: string) => Readonly<Record<string, unknown>> | undefined;

/**
 * The registration of a provider instance added at run time, settings and owner included (never
 * answered): enabling or disabling it registers it again as it is but for `enabled`. Undefined
 * for configuration-file instances and unknown names.
 */
export type RegisteredProviderLookup = (name: string) => Promise<StoredProviderInstanceRegistration | undefined>;

/** Everything the HTTP server is built from; `main` composes it, tests build it with in-memory parts. */
export interface ApiDependencies {
  readonly application: ApiApplication;
  readonly storage: ApiStorage;
  readonly providers: ProviderInstances;
  readonly configuration: ApiConfiguration;
  readonly metrics: PrometheusMetrics;
  readonly logger: FastifyBaseLogger;
  readonly audit: ApiAudit;
  /** Audit events were written by this process (wakes the webhook worker). */
  readonly onEventsWritten?: () => void;
  /** Settings of configured instances, masked; absent: settings are not shown. */
  readonly providerSettings?: MaskedProviderSettings;
  /** Run-time registrations by name; absent: provider instances cannot be enabled or disabled through the API. */
  readonly registeredProviders?: RegisteredProviderLookup;
  /** Wakes the background workers when new work is stored (POST /requests, /returns). */
  readonly onWorkCreated?: () => void;
  /** The background workers' state, for /readyz; absent: no workers in this process. */
  readonly workersStatus?: () => WorkersStatus;
}
