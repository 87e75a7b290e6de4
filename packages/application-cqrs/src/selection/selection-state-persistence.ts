import type { EngineConfigurationInput, SelectionEngine } from '@ohf/selection-engine';
import { z } from 'zod';
import { describeError } from '../orchestration/describe-error.js';
import type { Logger } from '../ports/logger.js';
import type { ProviderInstances } from '../ports/provider-instances.js';
import type { SelectionStateStore } from '../ports/selection-state-store.js';

const FORMAT = 'ohf.application-selection';

/** What is kept between processes: the engine's learned state and strategy changes made at run time. */
interface PersistedSelection {
  readonly format: typeof FORMAT;
  readonly version: 1;
  readonly state: unknown;
  /** configureProviderStrategy changes, merged, re-applied over the configuration file's settings. */
  readonly configuration?: EngineConfigurationInput;
  /** configureProviderStrategy's health_check_interval, and when the last periodic check ran. */
  readonly healthChecks?: HealthCheckSchedule;
}

/** When the periodic health checks are due: every `intervalSeconds` after `lastCheckedAt`; 0 or none: never. */
const HealthCheckScheduleSchema = z.object({
  intervalSeconds: z.number().nonnegative().optional(),
  lastCheckedAt: z.iso.datetime().optional(),
});
export type HealthCheckSchedule = z.infer<typeof HealthCheckScheduleSchema>;

/**
 * Carries selection from one process to the next (each CLI call is one): health, breakers,
 * capacity blocks, rotation and metrics, plus strategy changes made with
 * configureProviderStrategy. Instances registered at run time come back from ProviderInstances,
 * which keeps them. A state that cannot be read is logged and ignored: selection then starts
 * fresh, which is safe, where refusing to provision would not be.
 */
export class SelectionStatePersistence {
  private configuration: EngineConfigurationInput | undefined;
  private healthChecks: HealthCheckSchedule = {};
  /** What the store holds as far as this process knows (loaded or saved last), moment of export aside. */
  private stored: string | undefined;

  constructor(
    private readonly engine: SelectionEngine,
    private readonly store: SelectionStateStore | undefined,
    private readonly providers: ProviderInstances,
    private readonly logger: Logger,
  ) {}

  async load(): Promise<void> {
    await this.syncInstances();
    if (this.store === undefined) return;
    try {
      const stored = await this.store.load();
      if (stored === undefined || stored === null) return;
      this.stored = contentOf(stored);
      if (isPersistedSelection(stored)) {
        const schedule = HealthCheckScheduleSchema.safeParse(stored.healthChecks ?? {});
        this.healthChecks = schedule.success ? schedule.data : {};
        if (stored.configuration !== undefined) {
          this.configuration = stored.configuration;
          this.engine.configure(stored.configuration);
        }
        this.engine.importState(stored.state);
      } else {
        this.engine.importState(stored);
      }
    } catch (error) {
      this.logger.warn({ error: describeError(error) }, 'selection state could not be loaded; starting from a fresh state');
    }
  }

  async save(): Promise<void> {
    if (this.store === undefined) return;
    const document: PersistedSelection = {
      format: FORMAT,
      version: 1,
      state: this.engine.exportState(),
      ...(this.configuration === undefined ? {} : { configuration: this.configuration }),
      ...(Object.keys(this.healthChecks).length === 0 ? {} : { healthChecks: this.healthChecks }),
    };
    // A call that taught selection nothing (no provider call, no strategy change) leaves the
    // store as it is: most CLI calls would otherwise write, and checkpoint, only a new timestamp.
    const content = contentOf(document);
    if (content === this.stored) return;
    try {
      await this.store.save(document);
      this.stored = content;
    } catch (error) {
      this.logger.warn({ error: describeError(error) }, 'selection state could not be saved');
    }
  }

  /** Remembers a configureProviderStrategy change so later processes apply it too. */
  rememberConfiguration(changes: EngineConfigurationInput): void {
    this.configuration = { ...this.configuration, ...changes };
  }

  /** When periodic health checks are due (configureProviderStrategy's health_check_interval). */
  healthCheckSchedule(): HealthCheckSchedule {
    return this.healthChecks;
  }

  /** Remembers a new health_check_interval so later processes check on it too. */
  rememberHealthCheckInterval(intervalSeconds: number): void {
    this.healthChecks = { ...this.healthChecks, intervalSeconds };
  }

  /** Records that the periodic health checks ran now. */
  recordHealthChecks(at: Date): void {
    this.healthChecks = { ...this.healthChecks, lastCheckedAt: at.toISOString() };
  }

  /** Instances ProviderInstances knows (e.g. registered by an earlier process) join selection. */
  private async syncInstances(): Promise<void> {
    let descriptors;
    try {
      descriptors = await this.providers.list();
    } catch (error) {
      this.logger.warn({ error: describeError(error) }, 'provider instances could not be listed');
      return;
    }
    for (const descriptor of descriptors) {
      if (this.engine.getInstance(descriptor.name) !== undefined) continue;
      this.engine.registerInstance({
        name: descriptor.name,
        type: descriptor.type,
        enabled: descriptor.enabled,
        priority: descriptor.priority,
        weight: descriptor.weight,
        capabilities: [...descriptor.capabilities],
      });
    }
  }
}

/** A stored selection document as text, without the moment its state was exported. */
function contentOf(document: unknown): string {
  return JSON.stringify(document, (key, value: unknown) => (key === 'exportedAt' ? undefined : value));
}

function isPersistedSelection(value: unknown): value is PersistedSelection {
  return typeof value === 'object' && value !== null && (value as { format?: unknown }).format === FORMAT;
}
