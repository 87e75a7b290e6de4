import type { Application } from '@ohf/application-cqrs';
import type { ComputeProviderV1 } from '@ohf/provider-sdk';
import type { LoadedConfiguration, OperationBudget, ProviderInstanceConfiguration } from '@ohf/runtime';
import type { TemplateLoader } from '@ohf/template-loader';
import type { Logger } from './create-logger.js';

/** What every command gets: the environment, and the runtime built on first need. */
export interface CliContext {
  readonly environment: Readonly<Record<string, string | undefined>>;
  readonly currentDirectory: string;
  /** `--config-dir`, overriding HF_PROVIDER_CONFDIR. */
  readonly configDirectory: string | undefined;
  /** Progress for people (watch, --wait); never the result. */
  readonly progress: (line: string) => void;
  /** True when stderr is a terminal: progress may redraw in place. */
  readonly interactive: boolean;
  /** Loads the configuration, opens logging and composes the application (once). */
  runtime(): Promise<CliRuntime>;
}

export interface CliRuntime {
  readonly loaded: LoadedConfiguration;
  readonly application: Application;
  readonly logger: Logger;
  /** The template files (migration works on them directly). */
  readonly templateLoader: TemplateLoader;
  /** The provider types this process can create instances of (aws, linode, …). */
  readonly providerTypes: readonly string[];
  /** A client of one configured instance of its own, for checks beside the application (doctor); the caller disposes it. */
  createProvider(instance: ProviderInstanceConfiguration): Promise<ComputeProviderV1>;
  /** How long one operation may take (HF_PROVIDER_ACTION_TIMEOUT, else the configuration). */
  readonly budget: OperationBudget;
  /** A signal that aborts when the next operation's budget, less its margin for answering, is spent. */
  operationSignal(): AbortSignal;
  /**
   * Runs `action` once storage is closed (and its files are final): caches stamped with the
   * identity of the database files are written there.
   */
  whenClosed(action: () => void): void;
  /** Saves what must outlive the process and releases storage and provider clients. */
  close(): Promise<void>;
}
