import type { ProviderTemplateV1 } from './v1/provider-template-v1.js';
import type { z } from 'zod';
import type { ProviderSdkError } from '../errors/provider-errors.js';
import type { ProviderContextV1, ProviderLoggerV1 } from '../provider-definition/provider-definition-v1.js';
import type { RetryPolicy } from '../retry/retry-with-backoff.js';
import type {
  AppV1,
  CallOptionsV1,
  ComputeProviderV1,
  CreateInstancesRequestV1,
  ImageV1,
  InstanceActionV1,
  InstanceV1,
  LocationV1,
  CreateInstancesResultV1,
  PlannedCallV1,
  ProviderCapabilitiesV1,
  ReleaseRequestResultV1,
  SizeV1,
  TemplateValidationResultV1,
  TerminateResultV1,
  WarningV1,
} from './v1/compute-provider-v1.js';
import type { InstanceStateMapV1 } from './v1/instance-state-v1.js';

/** What every call into the cloud carries. */
export interface CloudCall {
  readonly signal?: AbortSignal;
}

/** A call that hands the adapter a whole operation: it must change nothing in a dry run. */
export interface OperationCall extends CloudCall {
  readonly dryRun: boolean;
}

/** One whole create request, for adapters whose cloud creates requests rather than batches. */
export interface CreateRequest<Plan> {
  readonly plan: Plan;
  readonly request: CreateInstancesRequestV1;
  /** Every tag the machines carry: template tags, the OHF ownership tags, the request's tags. */
  readonly tags: Readonly<Record<string, string>>;
  /** Values the adapter generates that must never surface: push them here. */
  readonly secrets: string[];
}

/** The host's context plus the sources tests replace to stay fast and deterministic. */
export interface ComputeProviderOptions extends Partial<ProviderContextV1> {
  /** Clock in epoch milliseconds (rate limits, cache expiry, latency). */
  readonly now?: () => number;
  /** How waiting happens (retry backoff, rate-limit pauses). */
  readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Jitter source in [0, 1) for retry backoff. */
  readonly random?: () => number;
}

/** What `connect` gets to build the cloud client, once, on the first call that needs the cloud. */
export interface ConnectSetup<Settings, Credentials> {
  readonly settings: Settings;
  readonly credentials: Credentials;
  readonly instanceName: string;
  readonly fetch?: typeof globalThis.fetch;
  readonly logger?: ProviderLoggerV1;
  readonly now: () => number;
  readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  readonly random: () => number;
}

/** Where credentials come from; without it the cloud client finds its own (AWS's chain). */
export interface CredentialsSource<Settings, Credentials> {
  /** Where they are looked for, named in the MISSING_CREDENTIALS message, e.g. `config.token or LINODE_TOKEN`. */
  describe(settings: Settings): string;
  /** The credentials, or undefined when there are none (an empty string counts as none). */
  read(settings: Settings, env: Readonly<Record<string, string | undefined>>): Credentials | undefined;
}

/** What the adapter makes of a template: its own plan plus the offering failures name. */
export interface TemplatePlan<Plan> {
  readonly plan: Plan;
  /** The offering failures are reported against. */
  readonly instanceType?: string;
  readonly location?: string;
}

/** One create call: `count` machines, the first being machine `firstIndex` (1-based) of the request. */
export interface CreateBatch<Plan> {
  readonly plan: Plan;
  readonly request: CreateInstancesRequestV1;
  /** Every tag the machines carry: template tags, the OHF ownership tags, the request's tags. */
  readonly tags: Readonly<Record<string, string>>;
  readonly firstIndex: number;
  readonly count: number;
  /** Values the adapter generates that must never surface (root passwords): push them here. */
  readonly secrets: string[];
}

/** What the adapter's health probe found; the skeleton adds latency and the time. */
export interface HealthProbe {
  /** Default 'healthy'. */
  readonly status?: 'healthy' | 'degraded' | 'unhealthy';
  readonly message?: string;
  readonly details?: Readonly<Record<string, unknown>>;
}

/** Catalog reads for template checks, through the skeleton's cache. */
export interface CatalogReader {
  listLocations(): Promise<LocationV1[]>;
  listSizes(): Promise<SizeV1[]>;
  listImages(): Promise<ImageV1[]>;
}

/** Tuning the skeleton reads from the settings. */
export interface AdapterLimits {
  /** Create calls in flight at once. Default 1: a failure stops the batches not yet sent. */
  readonly createConcurrency?: number;
  /** Deletes and describe batches in flight at once. Default 5. */
  readonly callConcurrency?: number;
  /** Catalog reads stay cached this long. Default one hour. */
  readonly catalogCacheTtlMs?: number;
  /** Backoff for creates the cloud throttled (the only creates repeated). Default `DEFAULT_RETRY_POLICY`. */
  readonly createRetry?: Partial<Omit<RetryPolicy, 'shouldRetry' | 'sleep' | 'random' | 'signal'>>;
}

/** What `extras` gets to add members only this cloud has (power actions, credential checks). */
export interface ProviderKit<Settings, Connection> {
  readonly settings: Settings;
  readonly instanceName: string;
  /** The cloud client; throws MISSING_CREDENTIALS when there are no credentials. */
  connection(): Connection;
  /** The provider built so far (the spec members). */
  readonly provider: ComputeProviderV1;
  clearCatalogCache(): void;
  /** Runs a cloud call under the skeleton's rules: credentials first, errors normalized and redacted. */
  run<Result>(operation: string, work: (connection: Connection) => Promise<Result>): Promise<Result>;
}

/**
 * The parts of a compute provider that are its cloud's own. `defineComputeProvider` adds every
 * rule that is not about one cloud: settings parsing, credentials, idempotent create, batching,
 * terminate fan-out, health, dry runs, caching, retries, error normalization and redaction.
 */
export interface ComputeProviderAdapter<
  Settings,
  SettingsInput,
  Connection,
  Plan,
  Credentials = string,
  Extras extends object = object,
> {
  /** 'linode', 'digitalocean', … */
  readonly providerId: string;
  /** 'Linode', 'DigitalOcean', … used in messages. */
  readonly displayName: string;
  /** The instance's `config:` block. */
  readonly settingsSchema: z.ZodType<Settings, SettingsInput>;
  /**
   * What a bad setting's field path starts with. Default 'config' (`config.token`); '' names
   * the field as the settings schema does (`handlers.asg.default_max_size`).
   */
  readonly settingsPath?: string;
  readonly credentials?: CredentialsSource<Settings, Credentials>;
  /** Every native state, for the conformance kit. */
  readonly stateMap: InstanceStateMapV1<string>;
  capabilities(settings: Settings): ProviderCapabilitiesV1;
  limits?(settings: Settings): AdapterLimits;
  /**
   * 'batches' (default): `describeBatch` gets at most `describeBatchSize` ids per call.
   * 'scan': the cloud has no lookup by ids, so `describeBatch` gets every id at once and pages
   * through the account, stopping once all are seen.
   */
  readonly describeStrategy?: 'batches' | 'scan';
  /** False for an id this cloud can never have: describe leaves it out, terminate counts it gone. */
  isValidId(id: string): boolean;
  /** Turns what a call threw that is not already an OHF error into one. */
  normalizeError(error: unknown, operation: string): ProviderSdkError;
  /** Builds the cloud client on the first call that needs the cloud. */
  connect(setup: ConnectSetup<Settings, Credentials>): Connection;
  dispose?(connection: Connection): Promise<void>;

  /** Validates the template's `providerOptions` for this cloud; throws a VALIDATION_ERROR naming the field. */
  planTemplate(template: ProviderTemplateV1, settings: Settings): TemplatePlan<Plan>;
  /** Template fields this cloud ignores: reported on create and validate, never fatal. */
  templateWarnings?(template: ProviderTemplateV1): WarningV1[];
  /**
   * Instead of the skeleton's checks (pricing model, API, `planTemplate`, `checkTemplate`): the
   * whole validation, for a cloud whose rules depend on which of its APIs the template picks.
   */
  validateTemplate?(template: ProviderTemplateV1, settings: Settings): TemplateValidationResultV1 | Promise<TemplateValidationResultV1>;
  /** Checks the plan against the catalog and anything else this cloud refuses. */
  checkTemplate?(plan: Plan, catalog: CatalogReader, template: ProviderTemplateV1): Promise<TemplateValidationResultV1>;

  /** Machines carrying every one of `tags` (all machines for no tags), in any state still reported. */
  listByTags(connection: Connection, tags: Readonly<Record<string, string>>, call: CloudCall): Promise<InstanceV1[]>;
  listByTagKey?(connection: Connection, tagKey: string, call: CloudCall): Promise<InstanceV1[]>;
  listByNames?(connection: Connection, names: readonly string[], call: CloudCall): Promise<InstanceV1[]>;
  /** One create call; must not retry it (a lost answer may have created machines). Required unless `createRequest` is given. */
  createBatch?(connection: Connection, batch: CreateBatch<Plan>, call: CloudCall): Promise<InstanceV1[]>;
  /**
   * Instead of `createBatch`: creates a whole request (its own lookup of machines earlier tries
   * created, its own calls, its own planned calls in a dry run) and answers with the complete
   * result, for clouds that provision through fleets or groups. The skeleton still checks
   * `count` and the pricing model, plans the template, and normalizes and redacts errors.
   */
  createRequest?(connection: Connection, creation: CreateRequest<Plan>, call: OperationCall): Promise<CreateInstancesResultV1>;
  /** Deletes one machine; MACHINE_NOT_FOUND when it is gone. Required unless `terminateMany` is given. */
  deleteOne?(connection: Connection, id: string, call: CloudCall): Promise<void>;
  /**
   * Instead of `deleteOne`: returns many machines in one go (batched calls, members of groups
   * returned through their group) and answers with the complete result. The skeleton still
   * dedupes the ids and counts ids this cloud can never have as `alreadyGone`.
   */
  terminateMany?(connection: Connection, ids: readonly string[], call: OperationCall): Promise<TerminateResultV1>;
  describeBatch(connection: Connection, ids: readonly string[], call: CloudCall): Promise<InstanceV1[]>;
  /** Deletes every machine of a request in one call, when the cloud can. */
  deleteRequest?(connection: Connection, requestId: string, call: CloudCall): Promise<void>;
  /** Instead of the skeleton's release: frees everything a request left (machines, groups, launch templates). */
  releaseRequest?(connection: Connection, requestId: string, call: OperationCall): Promise<ReleaseRequestResultV1>;
  listLocations(connection: Connection, call: CloudCall): Promise<LocationV1[]>;
  listSizes(connection: Connection, call: CloudCall): Promise<SizeV1[]>;
  listImages(connection: Connection, call: CloudCall): Promise<ImageV1[]>;
  /**
   * One-click software (StackScripts, Marketplace apps), cached like the rest of the catalog.
   * Without it the provider has no `listApps`: "this cloud has none", not an empty list.
   */
  listApps?(connection: Connection, call: CloudCall): Promise<AppV1[]>;
  /**
   * Boots, shuts down or reboots one machine (an id `isValidId` accepts, an action the skeleton
   * checked); MACHINE_NOT_FOUND when the cloud does not know it. Answers with the cloud's
   * reference for the action when it has one. Without it the provider has no `performAction`.
   */
  performAction?(connection: Connection, id: string, action: InstanceActionV1, call: CloudCall): Promise<{ readonly actionId?: string } | void>;
  /** One cheap authenticated call, not retried. */
  checkHealth(connection: Connection, call: CloudCall): Promise<HealthProbe>;
  /** Added to the details of an unhealthy result, e.g. `{ endpoint: '/profile' }`. */
  readonly healthDetails?: Readonly<Record<string, unknown>>;

  /** The exact calls a dry run reports. */
  readonly plannedCalls: {
    listByTags(tags: Readonly<Record<string, string>>, settings: Settings): PlannedCallV1;
    /** Required with `createBatch`. */
    createBatch?(batch: CreateBatch<Plan>, settings: Settings): PlannedCallV1;
    /** Required with `deleteOne`. */
    deleteOne?(id: string): PlannedCallV1;
    deleteRequest?(requestId: string): PlannedCallV1;
    /** Required with `performAction`. */
    performAction?(id: string, action: InstanceActionV1): PlannedCallV1;
  };

  /** Members only this cloud has. */
  extras?(kit: ProviderKit<Settings, Connection>): Extras;
}

/** What `defineComputeProvider` returns a provider of: the spec, its optional members, the extras. */
export type DefinedComputeProvider<Extras extends object> = ComputeProviderV1 &
  Required<Pick<ComputeProviderV1, 'releaseRequestResources'>> & {
    /** Forgets cached sizes, images, locations and apps. */
    clearCatalogCache(): void;
  } & Extras;

export type { CallOptionsV1 };
