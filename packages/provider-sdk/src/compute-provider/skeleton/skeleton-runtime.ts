import { redactError } from '../../secrets/redact-error.js';
import { sleep as defaultSleep } from '../../retry/sleep.js';
import { InvalidProviderOptionsError, ProviderAuthError, ProviderSdkError } from '../../errors/provider-errors.js';
import type { ProviderLoggerV1 } from '../../provider-definition/provider-definition-v1.js';
import type { AdapterLimits, ComputeProviderAdapter, ComputeProviderOptions } from '../compute-provider-adapter.js';
import type { ProviderCapabilitiesV1 } from '../v1/compute-provider-v1.js';

export const DEFAULT_CALL_CONCURRENCY = 5;
export const DEFAULT_CATALOG_CACHE_TTL_MS = 60 * 60 * 1000;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- every adapter fits, whatever its type parameters
export type AnyAdapter = ComputeProviderAdapter<any, any, any, any, any, any>;

/** One configured provider instance: its settings, its lazily built client and the shared rules. */
export interface SkeletonRuntime<Adapter extends AnyAdapter = AnyAdapter> {
  readonly adapter: Adapter;
  readonly settings: SettingsOf<Adapter>;
  readonly instanceName: string;
  readonly capabilities: ProviderCapabilitiesV1;
  readonly limits: Required<Omit<AdapterLimits, 'createRetry'>> & Pick<AdapterLimits, 'createRetry'>;
  readonly logger: ProviderLoggerV1 | undefined;
  readonly now: () => number;
  readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  readonly random: () => number;
  /** Credentials and generated values that must never surface. */
  readonly secrets: string[];
  connection(): ConnectionOf<Adapter>;
  /** The client if a call has built it, without building it. */
  connectedClient(): ConnectionOf<Adapter> | undefined;
  /** Runs a cloud call: credentials first, then any error normalized and redacted. */
  run<Result>(operation: string, work: (connection: ConnectionOf<Adapter>) => Promise<Result>): Promise<Result>;
  /** An OHF error with no secret in it, whatever was thrown. */
  normalize(error: unknown, operation: string): ProviderSdkError;
}

export type SettingsOf<Adapter> = Adapter extends ComputeProviderAdapter<infer Settings, any, any, any, any, any> ? Settings : never; // eslint-disable-line @typescript-eslint/no-explicit-any
export type ConnectionOf<Adapter> = Adapter extends ComputeProviderAdapter<any, any, infer Connection, any, any, any> ? Connection : never; // eslint-disable-line @typescript-eslint/no-explicit-any

/**
 * Parses the settings (InvalidProviderOptionsError naming `config.<field>`), reads the
 * credentials without requiring them, and builds the client only on the first cloud call.
 */
export function createSkeletonRuntime<Adapter extends AnyAdapter>(
  adapter: Adapter,
  settingsInput: unknown,
  options: ComputeProviderOptions,
): SkeletonRuntime<Adapter> {
  const settings = parseSettings(adapter, settingsInput) as SettingsOf<Adapter>;
  const instanceName = options.instanceName ?? adapter.providerId;
  const credentials = adapter.credentials?.read(settings, options.env ?? process.env);
  const usable = credentials === '' ? undefined : credentials;
  const secrets: string[] = typeof usable === 'string' ? [usable] : [];
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? defaultSleep;
  const random = options.random ?? Math.random;
  const limits = adapter.limits?.(settings) ?? {};
  let connection: ConnectionOf<Adapter> | undefined;

  const normalize = (error: unknown, operation: string): ProviderSdkError => {
    const typed = ProviderSdkError.isInstance(error) ? error : adapter.normalizeError(error, operation);
    return redactError(typed, secrets) as ProviderSdkError;
  };
  const connect = (): ConnectionOf<Adapter> => {
    if (connection !== undefined) return connection;
    if (adapter.credentials && usable === undefined) {
      throw new ProviderAuthError(
        'MISSING_CREDENTIALS',
        `No ${adapter.displayName} credentials for provider instance "${instanceName}": set ${adapter.credentials.describe(settings)}.`,
        { providerId: adapter.providerId },
      );
    }
    const built = adapter.connect({
      settings,
      credentials: usable,
      instanceName,
      ...(options.fetch ? { fetch: options.fetch } : {}),
      ...(options.logger ? { logger: options.logger } : {}),
      now,
      sleep,
      random,
    }) as ConnectionOf<Adapter>;
    connection = built;
    return built;
  };

  return {
    adapter,
    settings,
    instanceName,
    capabilities: adapter.capabilities(settings),
    limits: {
      createConcurrency: limits.createConcurrency ?? 1,
      callConcurrency: limits.callConcurrency ?? DEFAULT_CALL_CONCURRENCY,
      catalogCacheTtlMs: limits.catalogCacheTtlMs ?? DEFAULT_CATALOG_CACHE_TTL_MS,
      ...(limits.createRetry ? { createRetry: limits.createRetry } : {}),
    },
    logger: options.logger,
    now,
    sleep,
    random,
    secrets,
    connection: connect,
    connectedClient: () => connection,
    async run(operation, work) {
      try {
        return await work(connect());
      } catch (error) {
        throw normalize(error, operation);
      }
    },
    normalize,
  };
}

function parseSettings(adapter: AnyAdapter, input: unknown): unknown {
  const result = adapter.settingsSchema.safeParse(input ?? {});
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = ['config', ...(issue?.path ?? []).map(String)].join('.');
  throw new InvalidProviderOptionsError(`Invalid ${adapter.displayName} settings: ${field}: ${issue?.message ?? 'invalid'}`, {
    providerId: adapter.providerId,
    field,
  });
}

/** The message of any thrown value, without secrets. */
export function messageOf(runtime: Pick<SkeletonRuntime, 'normalize'>, error: unknown, operation: string): string {
  return runtime.normalize(error, operation).message;
}
