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

/**
 * The directories Symphony hands us, with the older variable names as fallbacks:
 * HF_PROVIDER_CONFDIR/HF_CONFDIR (else ./config), HF_PROVIDER_WORKDIR/HF_WORKDIR (else the
 * current directory), HF_PROVIDER_LOGDIR/HF_LOGDIR (else <workdir>/logs).
 */
export function resolveRuntimePaths(environment: Environment, currentDirectory: string): RuntimePaths {
  const configDirectory = resolve(currentDirectory, firstSet(environment.HF_PROVIDER_CONFDIR, environment.HF_CONFDIR) ?? 'config');
  const workDirectory = resolve(currentDirectory, firstSet(environment.HF_PROVIDER_WORKDIR, environment.HF_WORKDIR) ?? '.');
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
