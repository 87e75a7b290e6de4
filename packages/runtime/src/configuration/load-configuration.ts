import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigurationError } from '@ohf/domain-core';
import type { z } from 'zod';
import { ConfigurationSchema, type Configuration } from './configuration-schema.js';
import { configurationFromIbmAwsConfig, ibmConfigFileNames } from './ibm-aws-provider-config.js';
import { logLevelFromVariable } from './log-level.js';
import { applyEnvironmentOverrides, type AppliedOverride } from './environment-overrides.js';
import { expandEnvironment, type Environment } from './expand-environment.js';
import { resolveInWorkDirectory, resolveRuntimePaths, type RuntimePaths } from './runtime-paths.js';
import { describeUnknownKey, findUnknownKeys, type UnknownConfigurationKey } from './unknown-keys.js';
import { cachedYamlParse, keepYamlParse } from './yaml-parse-cache.js';

export const CONFIGURATION_FILE_NAMES = ['config.json', 'config.yaml', 'config.yml'] as const;

export interface LoadConfigurationOptions {
  readonly environment?: Environment;
  readonly currentDirectory?: string;
  /** Overrides HF_PROVIDER_CONFDIR. */
  readonly configDirectory?: string;
}

export interface LoadedConfiguration {
  readonly configuration: Configuration;
  readonly paths: RuntimePaths;
  /** The file read (config.json/yaml, or an IBM `<name>prov_config.json`), or undefined when none exists and defaults apply. */
  readonly file: string | undefined;
  readonly overrides: readonly AppliedOverride[];
  /** What the operator should know but that does not stop the start (unknown keys of an IBM file, keys without effect). */
  readonly warnings: readonly string[];
  /** Keys the configuration does not know (a typo leaves the default in force), with a suggestion when one is close. */
  readonly unknownKeys: readonly UnknownConfigurationKey[];
}

function describeIssues(file: string, issues: readonly z.core.$ZodIssue[]): string {
  return issues
    .slice(0, 5)
    .map((issue) => `${file}: ${issue.path.length ? issue.path.join('.') : '(root)'}: ${issue.message}`)
    .join('\n');
}

/** `workDirectory`: where the parse of a YAML file is kept for the next process (see yaml-parse-cache). */
async function parseDocument(file: string, workDirectory?: string): Promise<unknown> {
  const text = readFileSync(file, 'utf8');
  if (file.endsWith('.json')) {
    try {
      return JSON.parse(text);
    } catch (error) {
      throw new ConfigurationError(`${file}: not valid JSON: ${(error as Error).message}`, {
        details: { file },
        cause: error,
      });
    }
  }
  const cached = workDirectory === undefined ? undefined : cachedYamlParse(text, workDirectory);
  if (cached !== undefined) return cached.value;
  // YAML support is loaded only when a YAML file is present, to keep start-up lean.
  const { parse } = await import('yaml');
  try {
    const value: unknown = parse(text);
    if (workDirectory !== undefined) keepYamlParse(text, value, workDirectory);
    return value;
  } catch (error) {
    throw new ConfigurationError(`${file}: not valid YAML: ${(error as Error).message}`, {
      details: { file },
      cause: error,
    });
  }
}

/**
 * Reads config.json or config.yaml from the config directory, expands `${ENV}` references,
 * applies `HF_<SECTION>__<KEY>` overrides and defaults, and validates the result. An invalid
 * configuration fails with the file, the path and the problem.
 */
export async function loadConfiguration(options: LoadConfigurationOptions = {}): Promise<LoadedConfiguration> {
  const environment = options.environment ?? process.env;
  const basePaths = resolveRuntimePaths(environment, options.currentDirectory ?? process.cwd());
  const paths: RuntimePaths = options.configDirectory
    ? { ...basePaths, configDirectory: options.configDirectory }
    : basePaths;

  let file = CONFIGURATION_FILE_NAMES.map((name) => join(paths.configDirectory, name)).find((candidate) =>
    existsSync(candidate),
  );
  // Kept only in a work directory the environment names, as Symphony's does: a command run from
  // any directory without one leaves no file behind there.
  const namedWorkDirectory = [environment.HF_PROVIDER_WORKDIR, environment.HF_WORKDIR].some((value) => value !== undefined && value !== '');
  let raw = file === undefined ? {} : ((await parseDocument(file, namedWorkDirectory ? paths.workDirectory : undefined)) ?? {});
  let warnings: readonly string[] = [];
  if (file === undefined) {
    // No configuration of ours: a directory copied from IBM's AWS plugin defines its instance.
    const providerName = environment.HF_PROVIDER_NAME || undefined;
    const ibmFile = ibmConfigFileNames(providerName)
      .map((name) => join(paths.configDirectory, name))
      .find((candidate) => existsSync(candidate));
    if (ibmFile !== undefined) {
      const ibm = configurationFromIbmAwsConfig(ibmFile, await parseDocument(ibmFile), providerName);
      file = ibmFile;
      raw = ibm.document;
      warnings = ibm.warnings;
    }
  }
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    throw new ConfigurationError(`${file}: the configuration must be an object of sections (providers, storage, …)`, {
      details: { file },
    });
  }
  const document = expandEnvironment(raw, environment) as Record<string, unknown>;
  const overrides = applyEnvironmentOverrides(document, environment);
  // Symphony sets HF_LOG_LEVEL for provider scripts; hostfactoryconf.json calls it HF_LOGLEVEL.
  const levelVariable = ['HF_LOG_LEVEL', 'HF_LOGLEVEL'].find((name) => environment[name] !== undefined && environment[name]?.trim() !== '');
  if (levelVariable !== undefined) {
    document.logging = { ...(document.logging as object | undefined), level: logLevelFromVariable(levelVariable, environment[levelVariable]!) };
  }

  const unknownKeys = findUnknownKeys(document, ConfigurationSchema);
  warnings = [...warnings, ...unknownKeys.map((key) => describeUnknownKey(file ?? 'configuration', key))];
  const parsed = ConfigurationSchema.safeParse(document);
  if (!parsed.success) {
    const source = file ?? 'configuration (defaults and HF_* environment)';
    throw new ConfigurationError(`Invalid configuration:\n${describeIssues(source, parsed.error.issues)}`, {
      details: {
        file: source,
        issues: parsed.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })),
      },
    });
  }
  const configuration = parsed.data;
  validateReferences(configuration, file ?? 'configuration');
  configuration.storage.sqlite.path = resolveInWorkDirectory(paths, configuration.storage.sqlite.path);
  configuration.storage.json.path = resolveInWorkDirectory(paths, configuration.storage.json.path);
  return { configuration, paths, file, overrides, warnings, unknownKeys };
}

/** Names that point at other entries must point at something that exists. */
function validateReferences(configuration: Configuration, file: string): void {
  const names = configuration.providers.providers.map((provider) => provider.name);
  const known = new Set(names);
  const duplicates = names.filter((name, index) => names.indexOf(name) !== index);
  const problems: string[] = [];
  if (duplicates.length > 0) problems.push(`providers.providers: duplicate instance names ${[...new Set(duplicates)].join(', ')}`);
  const defaultInstance = configuration.providers.default_provider_instance;
  if (defaultInstance !== undefined && !known.has(defaultInstance)) {
    problems.push(`providers.default_provider_instance: "${defaultInstance}" is not a configured provider instance`);
  }
  configuration.providers.fallback.forEach((name, index) => {
    if (!known.has(name)) problems.push(`providers.fallback.${index}: "${name}" is not a configured provider instance`);
  });
  if (problems.length > 0) {
    throw new ConfigurationError(`Invalid configuration:\n${problems.map((problem) => `${file}: ${problem}`).join('\n')}`, {
      details: { file, issues: problems, available_providers: names },
    });
  }
}
