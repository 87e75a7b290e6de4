import { existsSync, mkdirSync } from 'node:fs';
import { ConfigurationError } from '@ohf/domain-core';
import type { Application } from '@ohf/application-cqrs';
import type { ParsedDocuments } from '@ohf/persistence';
import { configuredSecrets, createRuntimeModules, describeUnknownKey, loadConfiguration, operationDeadline, resolveOperationBudget, RuntimeTokens, type LazyStorage, type LoadedConfiguration } from '@ohf/runtime';
import { Container } from 'inversify';
import type { TemplateLoader } from '@ohf/template-loader';
import type { ProviderRegistry } from '@ohf/provider-sdk';
import type { CliRuntime } from '../cli/cli-context.js';
import { configDirectoryReason, holdsConfiguration } from '../cli/config-directory-source.js';
import type { Logger } from '../cli/create-logger.js';
import { ensureCacheDirectory, snapshotPathOf } from '../fast-path/template-fast-path.js';
import { readFreshUsage, storageStamp, storageUnchangedSince, writeUsage, type StorageLocation } from '../fast-path/template-usage.js';

/** Where the configured storage keeps its data (for the template usage file). */
export function storageLocationOf(loaded: LoadedConfiguration): StorageLocation {
  const { storage } = loaded.configuration;
  if (storage.strategy === 'sqlite') return { strategy: 'sqlite', path: storage.sqlite.path };
  if (storage.strategy === 'json') return { strategy: 'json', path: storage.json.path };
  return { strategy: storage.strategy };
}

export interface ComposeRuntimeOptions {
  readonly environment: Readonly<Record<string, string | undefined>>;
  readonly currentDirectory: string;
  readonly configDirectory: string | undefined;
  /** `secrets`: credential values every log line is redacted of. */
  readonly createLogger: (logDirectory: string, level: string, secrets: readonly string[]) => Promise<Logger>;
  /** Tells the person at the terminal (stderr) what they should fix but that does not stop the command. */
  readonly warn?: (line: string) => void;
  /**
   * Milliseconds since the calling process started (default: this process's uptime). The
   * resident helper serves calls of other processes: their budget counts from their own start.
   */
  readonly elapsedMs?: () => number;
  /** What a long-lived process keeps from one call to the next (the resident helper); none by default. */
  readonly reuse?: CompositionReuse;
}

/** The call whose configuration is loaded, as the reuse cache keys it. */
export interface ConfigurationRequest {
  readonly environment: Readonly<Record<string, string | undefined>>;
  readonly currentDirectory: string;
  readonly configDirectory: string | undefined;
}

/**
 * What the resident helper keeps across calls. Storage is never kept: every call opens it, as a
 * process of its own would, so files, locks and other writers are seen exactly as they are; only
 * documents parsed from it are, each reused for the exact text it came from.
 */
export interface CompositionReuse {
  /** The configuration loaded for an identical call (same environment, directories and configuration files), else `load()`. */
  configuration(request: ConfigurationRequest, load: () => Promise<LoadedConfiguration>): Promise<LoadedConfiguration>;
  /** Parsed request and machine documents, reused for the exact text they came from. */
  readonly parsedDocuments?: ParsedDocuments;
}

/**
 * The CLI's composition root: the only place that creates the DI container. Everything bound
 * is created on first use, so `getAvailableTemplates` never opens the database or loads a
 * cloud SDK.
 */
export async function composeRuntime(options: ComposeRuntimeOptions): Promise<CliRuntime> {
  const load = () =>
    loadConfiguration({
      environment: options.environment,
      currentDirectory: options.currentDirectory,
      ...(options.configDirectory ? { configDirectory: options.configDirectory } : {}),
    });
  const loaded = options.reuse ? await options.reuse.configuration(options, load) : await load();
  if (loaded.file === undefined && !holdsConfiguration(loaded.paths.configDirectory)) {
    // Defaults alone serve nothing: an empty answer with exit 0 would hide a wrong directory.
    const { configDirectory } = loaded.paths;
    const reason = configDirectoryReason(options.environment, options.configDirectory, configDirectory);
    throw new ConfigurationError(
      `No configuration found. The config directory ${configDirectory} (${reason}) ${existsSync(configDirectory) ? 'holds no config.yaml, config.json or template file' : 'does not exist'}. ` +
        'Set HF_PROVIDER_CONFDIR to the directory holding config.yaml and the template files (in a checkout of Open Host Factory: HF_PROVIDER_CONFDIR=examples/config), then run "ohfp doctor".',
      { details: { configDirectory, reason } },
    );
  }
  // Symphony does not always create the provider's work directory (hostProviders.json's
  // workPath); the caches and the embedded database live there.
  mkdirSync(loaded.paths.workDirectory, { recursive: true });
  const cacheDirectory = ensureCacheDirectory(loaded.paths, options.environment);
  const logger = await options.createLogger(
    loaded.paths.logDirectory,
    loaded.configuration.logging.level,
    configuredSecrets(loaded.configuration, options.environment),
  );
  logger.debug({ configFile: loaded.file, overrides: loaded.overrides }, 'configuration loaded');
  for (const warning of loaded.warnings) logger.warn({ configFile: loaded.file }, warning);
  for (const key of loaded.unknownKeys) options.warn?.(describeUnknownKey(loaded.file ?? 'configuration', key));
  const budget = resolveOperationBudget(loaded.configuration, options.environment);
  if (budget.ignored !== undefined) logger.warn({ budget }, budget.ignored);
  let operations = 0;
  const afterClose: (() => void)[] = [];
  // Storage as it is before this process opens it: a call that leaves it unchanged (one that
  // only reads) need not count the machines again for a usage file that is still true.
  const storageLocation = storageLocationOf(loaded);
  const stampBefore = storageStamp(storageLocation);
  const container = new Container();
  await container.load(
    ...createRuntimeModules(loaded, {
      environment: options.environment,
      logger,
      application: { provisionInline: true },
      // A CLI call reads each document once. The resident helper opens storage afresh for each
      // call, but the documents it parsed stay valid while their text is the same, and a status
      // poll reads the same machines every few seconds.
      storage: options.reuse?.parsedDocuments === undefined ? { keepParsedDocuments: false } : { parsedDocuments: options.reuse.parsedDocuments },
      templateSnapshotPath: snapshotPathOf(loaded.paths, options.environment),
    }),
  );
  const application = container.get<Application>(RuntimeTokens.Application);
  return {
    loaded,
    logger,
    application,
    templateLoader: container.get<TemplateLoader>(RuntimeTokens.TemplateLoader),
    providerTypes: container.get<ProviderRegistry>(RuntimeTokens.ProviderRegistry).listTypes(),
    createProvider: (instance) =>
      container.get<ProviderRegistry>(RuntimeTokens.ProviderRegistry).create(instance.type, instance.config, { instanceName: instance.name, logger, env: options.environment }),
    budget,
    // Symphony's timeout runs from the moment it started the process: the first operation's
    // budget counts the start-up; later ones (--wait, watch) each get a whole budget.
    operationSignal: () => operationDeadline(budget, operations++ === 0 ? (options.elapsedMs?.() ?? process.uptime() * 1000) : 0),
    whenClosed: (action) => afterClose.push(action),
    close: async () => {
      // A process that opened storage may have changed machines: it leaves the counts of
      // machines in use for getAvailableTemplates' fast path (availableNumber). Counting them
      // reads every machine's index entry, so it is skipped where no file could record it (a
      // database server) and where storage is unchanged and the recorded counts still hold.
      let usage: Readonly<Record<string, number>> | undefined;
      // Read only when storage was opened: the file recorded for storage as it was before holds while nothing changed.
      const usageStillHolds = () => storageUnchangedSince(storageLocation, stampBefore) && readFreshUsage(cacheDirectory, storageLocation, stampBefore) !== undefined;
      if (container.get<LazyStorage>(RuntimeTokens.Storage).isOpen && stampBefore !== undefined && !usageStillHolds()) {
        try {
          usage = (await application.dispatch({ type: 'GetTemplateUsage' })).usage;
        } catch (error) {
          logger.debug({ err: error }, 'template usage not recorded');
        }
      }
      await container.get<() => Promise<void>>(RuntimeTokens.Shutdown)();
      if (usage !== undefined) writeUsage(cacheDirectory, storageLocation, usage);
      for (const action of afterClose) action();
    },
  };
}
