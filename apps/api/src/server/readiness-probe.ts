import type { ProviderInstances } from '@ohf/application-cqrs';
import type { StorageHealth } from '@ohf/persistence';
import type { WorkersStatus } from '../workers/provisioning-workers.js';
import type { ApiStorage } from './api-dependencies.js';

export interface ProviderReadiness {
  readonly name: string;
  readonly healthy: boolean;
  /** How long the health check took (absent when the provider could not be reached at all). */
  readonly latencyMs?: number;
  /** Why it is unhealthy, or what its check said: provider text, shown only to key holders. */
  readonly detail?: string;
}

export interface WorkersReadiness extends WorkersStatus {
  /** Claims reach storage (a worker that is not started is not a fault: `api.workers.enabled`). */
  readonly ok: boolean;
}

export interface Readiness {
  readonly ready: boolean;
  readonly storage: StorageHealth;
  readonly providers: readonly ProviderReadiness[];
  readonly workers: WorkersReadiness;
  readonly checkedAt: string;
}

/** What an anonymous caller learns: ready or not per component, and nothing else. */
export interface ReadinessSummary {
  readonly ready: boolean;
  readonly storage: { readonly ok: boolean };
  readonly providers: readonly { readonly name: string; readonly healthy: boolean }[];
  readonly workers: { readonly ok: boolean };
  readonly checkedAt: string;
}

export interface ReadinessProbeOptions {
  /** Provider health is re-checked at most this often: checks call the clouds. Default 15 s. */
  readonly providerCacheMs?: number;
  /** A provider that does not answer within this long counts as unhealthy. Default 5 s. */
  readonly providerTimeoutMs?: number;
  /** The background workers of this process; absent: reported as ok. */
  readonly workers?: () => WorkersStatus;
  readonly now?: () => number;
}

const NO_WORKERS: WorkersStatus = { running: false, inFlight: 0, claimFailures: 0 };

/**
 * Ready means: storage answers, at least one enabled provider instance reports healthy, and
 * the workers' claims reach storage. Storage is checked on every probe (cheap); provider
 * checks reach the clouds, so their result is kept for a short while.
 */
export class ReadinessProbe {
  #providers: { at: number; value: Promise<ProviderReadiness[]> } | undefined;
  readonly #cacheMs: number;
  readonly #timeoutMs: number;
  readonly #workers: () => WorkersStatus;
  readonly #now: () => number;

  constructor(
    private readonly storage: ApiStorage,
    private readonly providers: ProviderInstances,
    options: ReadinessProbeOptions = {},
  ) {
    this.#cacheMs = options.providerCacheMs ?? 15_000;
    this.#timeoutMs = options.providerTimeoutMs ?? 5_000;
    this.#workers = options.workers ?? (() => NO_WORKERS);
    this.#now = options.now ?? Date.now;
  }

  async check(): Promise<Readiness> {
    const [storage, providers] = await Promise.all([this.storage.healthCheck(), this.#providerHealth()]);
    const workerStatus = this.#workers();
    const workers = { ...workerStatus, ok: workerStatus.claimFailures === 0 };
    return {
      ready: storage.ok && providers.some((provider) => provider.healthy) && workers.ok,
      storage,
      providers,
      workers,
      checkedAt: new Date(this.#now()).toISOString(),
    };
  }

  #providerHealth(): Promise<ProviderReadiness[]> {
    const now = this.#now();
    if (this.#providers === undefined || now - this.#providers.at >= this.#cacheMs) {
      this.#providers = { at: now, value: this.#checkProviders() };
    }
    return this.#providers.value;
  }

  async #checkProviders(): Promise<ProviderReadiness[]> {
    const instances = (await this.providers.list()).filter((instance) => instance.enabled);
    return Promise.all(instances.map((instance) => this.#checkOne(instance.name)));
  }

  async #checkOne(name: string): Promise<ProviderReadiness> {
    const signal = AbortSignal.timeout(this.#timeoutMs);
    try {
      const provider = await this.providers.get(name);
      const result = await Promise.race([
        provider.healthCheck({ signal }),
        new Promise<never>((_resolve, reject) =>
          signal.addEventListener('abort', () => reject(new Error(`no answer within ${this.#timeoutMs} ms`)), { once: true }),
        ),
      ]);
      const healthy = result.status !== 'unhealthy';
      return { name, healthy, latencyMs: result.latencyMs, ...(result.message ? { detail: result.message } : {}) };
    } catch (error) {
      // Our errors carry no secrets; others are summarised.
      const detail = error instanceof Error && 'code' in error ? `${String(error.code)}: ${error.message}` : 'health check failed';
      return { name, healthy: false, detail };
    }
  }
}

/** The readiness without anything but ready / not ready per component. */
export function summaryOf(readiness: Readiness): ReadinessSummary {
  return {
    ready: readiness.ready,
    storage: { ok: readiness.storage.ok },
    providers: readiness.providers.map((provider) => ({ name: provider.name, healthy: provider.healthy })),
    workers: { ok: readiness.workers.ok },
    checkedAt: readiness.checkedAt,
  };
}
