import type { Application } from '@ohf/application-cqrs';
import { configuredSecrets, createRuntimeModules, loadConfiguration, operationDeadline, resolveOperationBudget, RuntimeTokens } from '@ohf/runtime';
import { Container } from 'inversify';
import type { TemplateLoader } from '@ohf/template-loader';
import type { CliRuntime } from '../cli/cli-context.js';
import type { Logger } from '../cli/create-logger.js';
import { snapshotPathOf } from '../fast-path/template-fast-path.js';

export interface ComposeRuntimeOptions {
  readonly environment: Readonly<Record<string, string | undefined>>;
  readonly currentDirectory: string;
  readonly configDirectory: string | undefined;
  /** `secrets`: credential values every log line is redacted of. */
  readonly createLogger: (logDirectory: string, level: string, secrets: readonly string[]) => Promise<Logger>;
}

/**
 * The CLI's composition root: the only place that creates the DI container. Everything bound
 * is created on first use, so `getAvailableTemplates` never opens the database or loads a
 * cloud SDK.
 */
export async function composeRuntime(options: ComposeRuntimeOptions): Promise<CliRuntime> {
  const loaded = await loadConfiguration({
    environment: options.environment,
    currentDirectory: options.currentDirectory,
    ...(options.configDirectory ? { configDirectory: options.configDirectory } : {}),
  });
  const logger = await options.createLogger(
    loaded.paths.logDirectory,
    loaded.configuration.logging.level,
    configuredSecrets(loaded.configuration, options.environment),
  );
  logger.debug({ configFile: loaded.file, overrides: loaded.overrides }, 'configuration loaded');
  const budget = resolveOperationBudget(loaded.configuration, options.environment);
  if (budget.ignored !== undefined) logger.warn({ budget }, budget.ignored);
  let operations = 0;
  const container = new Container();
  await container.load(
    ...createRuntimeModules(loaded, {
      environment: options.environment,
      logger,
      application: { provisionInline: true },
      templateSnapshotPath: snapshotPathOf(loaded.paths),
    }),
  );
  return {
    loaded,
    logger,
    application: container.get<Application>(RuntimeTokens.Application),
    templateLoader: container.get<TemplateLoader>(RuntimeTokens.TemplateLoader),
    budget,
    // Symphony's timeout runs from the moment it started the process: the first operation's
    // budget counts the start-up; later ones (--wait, watch) each get a whole budget.
    operationSignal: () => operationDeadline(budget, operations++ === 0 ? process.uptime() * 1000 : 0),
    close: async () => {
      await container.get<() => Promise<void>>(RuntimeTokens.Shutdown)();
    },
  };
}
