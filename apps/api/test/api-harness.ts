import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { pino } from 'pino';
import { hashApiKey } from '../src/auth/api-key-hash.js';
import { composeApi, type ComposedApi } from '../src/composition/compose-api.js';

export const KEYS = {
  read: 'ohf_test-read-key-0123456789abcdef',
  write: 'ohf_test-write-key-0123456789abcdef',
  admin: 'ohf_test-admin-key-0123456789abcdef',
} as const;

export const WEB_TEMPLATE = {
  templateId: 'web-server',
  maxNumber: 10,
  attributes: { type: ['String', 'X86_64'], ncpus: ['Numeric', '2'], nram: ['Numeric', '4096'] },
  imageId: 'memory-image-1',
  vmType: 'memory.small',
  providerType: 'memory',
};

export interface TestApiOptions {
  /** Merged over the default `api` section. */
  readonly api?: Record<string, unknown>;
  /** Replaces the provider instances (default: one healthy memory instance). */
  readonly providers?: readonly Record<string, unknown>[];
  /** Merged over the rest of the `providers` section (policy, defaults, fallback). */
  readonly selection?: Record<string, unknown>;
  readonly templates?: readonly Record<string, unknown>[];
  readonly storage?: Record<string, unknown>;
  /** The `provisioning` section of the configuration. */
  readonly provisioning?: Record<string, unknown>;
  readonly environment?: Record<string, string>;
  /** Start the background workers (default true). */
  readonly workers?: boolean;
  /** The `reconcile` section (default: automatic runs off, so tests see only the provider calls they cause). */
  readonly reconcile?: Record<string, unknown>;
  /** Reuse this directory (configuration, templates, database) instead of a fresh one: a restart. */
  readonly directory?: string;
  /** Log as configured (`api.log.destination`) instead of not at all. */
  readonly configuredLogger?: boolean;
  /** Runs after the API is composed and before the server is ready: the last moment to add routes. */
  readonly beforeReady?: (api: ComposedApi) => void | Promise<void>;
}

export interface TestApi {
  readonly api: ComposedApi;
  readonly directory: string;
  /** `key`: one of the configuration's keys by scope, null for none, or `{ bearer }` for any other key (stored keys). */
  inject(options: InjectOptions & { key?: keyof typeof KEYS | null | { readonly bearer: string } }): Promise<LightMyRequestResponse>;
  /** Shuts the API down; the directory is removed unless `keep` (to start again on it). */
  close(options?: { readonly keep?: boolean }): Promise<void>;
}

/**
 * A real API process in this test: configuration files in a temporary directory, SQLite
 * storage, the in-memory provider, the server driven through `inject`.
 */
export async function startTestApi(options: TestApiOptions = {}): Promise<TestApi> {
  const directory = options.directory ?? mkdtempSync(join(tmpdir(), 'ohf-api-'));
  const keys = await Promise.all(
    (Object.keys(KEYS) as (keyof typeof KEYS)[]).map(async (scope) => ({ name: `${scope}-client`, hash: await hashApiKey(KEYS[scope]), scopes: [scope] })),
  );
  const configuration = {
    providers: {
      selection_policy: 'FIRST_AVAILABLE',
      ...options.selection,
      providers: options.providers ?? [{ name: 'memory-a', type: 'memory', config: {} }],
    },
    storage: options.storage ?? { strategy: 'sqlite', sqlite: { path: join(directory, 'ohf.db') } },
    ...(options.provisioning === undefined ? {} : { provisioning: options.provisioning }),
    reconcile: options.reconcile ?? { interval_seconds: 0 },
    api: {
      workers: { poll_interval_ms: 50, retry_interval_ms: 20, lease_ms: 5_000 },
      events: { poll_interval_ms: 50 },
      log: { requests: false },
      // Every answer in the tests is checked against its documented schema.
      validate_responses: true,
      ...options.api,
      // An auth section without keys keeps the test keys.
      auth: { keys, ...(options.api?.['auth'] as Record<string, unknown> | undefined) },
    },
  };
  writeFileSync(join(directory, 'config.json'), JSON.stringify(configuration));
  writeFileSync(join(directory, 'templates.json'), JSON.stringify({ templates: options.templates ?? [WEB_TEMPLATE] }));
  const api = await composeApi({
    environment: { HF_PROVIDER_WORKDIR: directory, ...options.environment },
    configDirectory: directory,
    currentDirectory: directory,
    ...(options.configuredLogger === true ? {} : { logger: pino({ level: process.env.OHF_TEST_LOG ?? 'silent' }) }),
    defaultMetrics: false,
  });
  await options.beforeReady?.(api);
  await api.server.ready();
  if (options.workers ?? true) {
    api.workers.start();
    api.healthChecks.start();
    api.reconcileWorker.start();
  }
  return {
    api,
    directory,
    inject({ key = 'admin', ...request }) {
      const headers = { ...(request.headers ?? {}) } as Record<string, string>;
      if (key !== null) headers.authorization = `Bearer ${typeof key === 'object' ? key.bearer : KEYS[key]}`;
      return api.server.inject({ ...request, headers });
    },
    async close({ keep = false } = {}) {
      await api.shutdown();
      if (!keep) rmSync(directory, { recursive: true, force: true });
    },
  };
}

/** Polls until `check` passes (the workers run in the background) or the time is up. */
export async function eventually<Value>(read: () => Promise<Value>, check: (value: Value) => boolean, timeoutMs = 5_000): Promise<Value> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (check(value)) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms; last value: ${JSON.stringify(value).slice(0, 500)}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
