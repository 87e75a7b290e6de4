import type { Logger } from '@ohf/application-cqrs';
import { OhfError } from '@ohf/domain-core';
import type { ApiApplication } from '../server/api-dependencies.js';
import type { PersistingProviderInstances } from '@ohf/runtime';

/**
 * Brings run-time registrations stored by any replica into this one: at start, and then every
 * interval. Each new or changed registration goes through the application's
 * RegisterProviderStrategy command, so selection learns of it exactly as on the replica that
 * took the registration.
 */
export class ProviderRegistrationSync {
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<void> | undefined;

  constructor(
    private readonly instances: PersistingProviderInstances,
    private readonly application: ApiApplication,
    private readonly logger: Logger,
  ) {}

  /** One pass; never throws (a broken registration is logged and skipped). */
  sync(): Promise<void> {
    this.#running ??= this.#pass().finally(() => {
      this.#running = undefined;
    });
    return this.#running;
  }

  start(intervalMs: number): void {
    this.#timer = setInterval(() => void this.sync(), intervalMs);
    this.#timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.#timer);
    await this.#running;
  }

  async #pass(): Promise<void> {
    let registrations;
    try {
      registrations = await this.instances.storedRegistrations();
    } catch (error) {
      this.logger.error({ error: describe(error) }, 'could not read the provider instances registered at run time');
      return;
    }
    for (const registration of registrations) {
      if (this.instances.knows(registration)) continue;
      this.instances.remember(registration);
      try {
        await this.application.dispatch(
          {
            type: 'RegisterProviderStrategy',
            name: registration.name,
            providerType: registration.type,
            config: registration.config,
            capabilities: [...registration.capabilities],
            priority: registration.priority,
            weight: registration.weight,
            enabled: registration.enabled,
            replace: true,
          },
          { correlationId: 'provider-registration-sync' },
        );
        this.logger.info({ providerInstance: registration.name }, 'provider instance registered at run time restored');
      } catch (error) {
        this.logger.error({ providerInstance: registration.name, error: describe(error) }, 'could not restore a registered provider instance');
      }
    }
  }
}

function describe(error: unknown): Record<string, unknown> {
  return OhfError.isInstance(error) ? { code: error.code, message: error.message } : { message: error instanceof Error ? error.message : String(error) };
}
