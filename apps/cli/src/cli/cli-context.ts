import type { Application } from '@ohf/application-cqrs';
import type { LoadedConfiguration } from '@ohf/runtime';
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
  /** Saves what must outlive the process and releases storage and provider clients. */
  close(): Promise<void>;
}
