import { statSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import type { Environment } from './expand-environment.js';

export interface RuntimePaths {
  /** Templates and config.json/config.yaml. */
  readonly configDirectory: string;
  /** State: the embedded database, request_database.json. */
  readonly workDirectory: string;
  /** app.log lives here. */
  readonly logDirectory: string;
}

const firstSet = (...values: (string | undefined)[]): string | undefined =>
  values.find((value) => value !== undefined && value !== '');

// A provider instance name becomes a path segment: nothing that could leave HF_CONFDIR.
const safeProviderName = /^[A-Za-z0-9_.-]+$/;

/**
 * `$HF_CONFDIR/providers/$HF_PROVIDER_NAME` when that directory exists: where hostProviders.json
 * puts a provider instance's configuration (`confPath`), and where IBM's own plugins look when
 * HF_PROVIDER_CONFDIR is unset. Undefined when the layout does not apply.
 */
function providerConfigDirectory(environment: Environment, currentDirectory: string): string | undefined {
  const confDirectory = firstSet(environment.HF_CONFDIR);
  const providerName = firstSet(environment.HF_PROVIDER_NAME);
  if (confDirectory === undefined || providerName === undefined) return undefined;
  if (!safeProviderName.test(providerName) || providerName === '.' || providerName === '..') return undefined;
  const candidate = resolve(currentDirectory, confDirectory, 'providers', providerName);
  try {
    return statSync(candidate).isDirectory() ? candidate : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The directories Symphony hands us, with the older variable names as fallbacks:
 * - config: HF_PROVIDER_CONFDIR, else `$HF_CONFDIR/providers/$HF_PROVIDER_NAME` when that
 *   directory exists (hostProviders.json's layout), else HF_CONFDIR, else ./config;
 * - work: HF_PROVIDER_WORKDIR, else `$HF_WORKDIR/providers/$HF_PROVIDER_NAME` when the config
 *   directory came from that layout, else HF_WORKDIR, else the current directory;
 * - logs: HF_PROVIDER_LOGDIR, else HF_LOGDIR (the layout keeps logs there too), else <workdir>/logs.
 *
 * `apps/cli`'s fast path keeps a copy of these rules; a test keeps the two in step.
 */
export function resolveRuntimePaths(environment: Environment, currentDirectory: string): RuntimePaths {
  const explicitConfigDirectory = firstSet(environment.HF_PROVIDER_CONFDIR);
  const layoutDirectory = explicitConfigDirectory === undefined ? providerConfigDirectory(environment, currentDirectory) : undefined;
  const configDirectory = resolve(currentDirectory, explicitConfigDirectory ?? layoutDirectory ?? firstSet(environment.HF_CONFDIR) ?? 'config');
  const hostFactoryWorkDirectory = firstSet(environment.HF_WORKDIR);
  const workDirectory = resolve(
    currentDirectory,
    firstSet(environment.HF_PROVIDER_WORKDIR) ??
      (layoutDirectory !== undefined && hostFactoryWorkDirectory !== undefined
        ? join(hostFactoryWorkDirectory, 'providers', environment.HF_PROVIDER_NAME!)
        : hostFactoryWorkDirectory) ??
      '.',
  );
  const logDirectory = resolve(
    currentDirectory,
    firstSet(environment.HF_PROVIDER_LOGDIR, environment.HF_LOGDIR) ?? join(workDirectory, 'logs'),
  );
  return { configDirectory, workDirectory, logDirectory };
}

/** Storage paths in the configuration are relative to the work directory. */
export function resolveInWorkDirectory(paths: RuntimePaths, path: string): string {
  return isAbsolute(path) ? path : resolve(paths.workDirectory, path);
}
