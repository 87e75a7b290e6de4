import type { ProviderInstances } from '@ohf/application-cqrs';
import type { StorageHealth } from '@ohf/persistence';
import type { ApiStorage } from './api-dependencies.js';

export interface ProviderReadiness {
  readonly name: string;
  readonly healthy: boolean;
  readonly detail?: string;
}

export interface Readiness {
  readonly ready: boolean;
  readonly storage: StorageHealth;
  readonly providers: readonly ProviderReadiness[];
  readonly checkedAt: string;
}

export interface ReadinessProbeOptions {
  /** Provider health is re-checked at most this often: checks call the clouds. Default 15 s. */
  readonly providerCacheMs?: number;
  /** A provider that does not answer within this long counts as unhealthy. Default 5 s. */
  readonly providerTimeoutMs?: number;
  readonly now?: () => number;
}

/**
 * Ready means: storage answers, and at least one enabled provider instance reports healthy.
 * Storage is checked on every probe (cheap); provider checks reach the clouds, so their
 * result is kept for a short while.
 */
export class ReadinessProbe {
  #providers: { at: number; value: Promise<ProviderReadiness[]> } | undefined;
  readonly #cacheMs: number;
  readonly #timeoutMs: number;
  readonly #now: () => number;

  constructor(
    private readonly storage: ApiStorage,
    private readonly providers: ProviderInstances,
    options: ReadinessProbeOptions = {},
  ) {
    this.#cacheMs = options.providerCacheMs ?? 15_000;
    this.#timeoutMs = options.providerTimeoutMs ?? 5_000;
    this.#now = options.now ?? Date.now;
  }

  async check(): Promise<Readiness> {
    const [storage, providers] = await Promise.all([this.storage.healthCheck(), this.#providerHealth()]);
    return {
      ready: storage.ok && providers.some((provider) => provider.healthy),
      storage,
      providers,
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
      return { name, healthy, ...(result.message ? { detail: result.message } : {}) };
    } catch (error) {
      // The reason is shown to operators; our errors carry no secrets, others are summarised.
      const detail = error instanceof Error && 'code' in error ? `${String(error.code)}: ${error.message}` : 'health check failed';
      return { name, healthy: false, detail };
    }
  }
}
