import { createHash } from 'node:crypto';
import { appendFileSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { readFreshUsage, storageIsEmpty, withAvailableNumbers, type StorageLocation } from './template-usage.js';
import { writeWholeFile } from '../write-whole-file.js';

// Symphony runs getAvailableTemplates every few seconds. When neither the configuration nor any
// template file changed since the last full run, the answer is read from two small cache files
// with Node built-ins only: no zod, no DI container, no database. Anything unexpected is a
// miss, and the full path answers (and refreshes the caches).

const CONFIGURATION_FILES = ['config.json', 'config.yaml', 'config.yml'] as const;
const IBM_AWS_CONFIG_FILE = 'awsprov_config.json';
const SCOPE_FILE = '.ohfp-template-scope.json';
export const TEMPLATE_SNAPSHOT_FILE = '.ohfp-template-snapshot.json';

type Environment = Readonly<Record<string, string | undefined>>;

interface FastPathScope {
  readonly version: 3;
  readonly configurationKey: string;
  readonly providerInstances: readonly { readonly name: string; readonly type: string }[];
  /** HF_PROVIDER_NAME as the full path gave it to the template loader. */
  readonly hostFactoryProviderName?: string;
  /** Where storage keeps its data: the usage file is trusted only while it is unchanged. */
  readonly storage: StorageLocation;
  readonly validationLevel: 'STRICT' | 'LENIENT' | 'BASIC';
}

export interface Directories {
  readonly configDirectory: string;
  readonly workDirectory: string;
  readonly logDirectory: string;
}

const firstSet = (...values: (string | undefined)[]) => values.find((value) => value !== undefined && value !== '');

const safeProviderName = /^[A-Za-z0-9_.-]+$/;

/** `$HF_CONFDIR/providers/$HF_PROVIDER_NAME` when that directory exists (hostProviders.json's layout). */
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
 * The same directories as the runtime's resolveRuntimePaths (HF_PROVIDER_* first, then
 * hostProviders.json's `$HF_CONFDIR/providers/$HF_PROVIDER_NAME` layout, then the older HF_*
 * names), written again on purpose: importing it from @ohf/runtime pulls zod and the whole
 * runtime into this fast path (measured: 4.6× node -e 0 instead of 2×). A test keeps the two in step.
 */
export function directoriesOf(environment: Environment, currentDirectory: string, configDirectory?: string): Directories {
  const explicitConfigDirectory = configDirectory ?? firstSet(environment.HF_PROVIDER_CONFDIR);
  const layoutDirectory = explicitConfigDirectory === undefined ? providerConfigDirectory(environment, currentDirectory) : undefined;
  const hostFactoryWorkDirectory = firstSet(environment.HF_WORKDIR);
  const workDirectory = resolve(
    currentDirectory,
    firstSet(environment.HF_PROVIDER_WORKDIR) ??
      (layoutDirectory !== undefined && hostFactoryWorkDirectory !== undefined
        ? join(hostFactoryWorkDirectory, 'providers', environment.HF_PROVIDER_NAME!)
        : hostFactoryWorkDirectory) ??
      '.',
  );
  return {
    configDirectory: resolve(currentDirectory, explicitConfigDirectory ?? layoutDirectory ?? firstSet(environment.HF_CONFDIR) ?? 'config'),
    workDirectory,
    logDirectory: resolve(currentDirectory, firstSet(environment.HF_PROVIDER_LOGDIR, environment.HF_LOGDIR) ?? join(workDirectory, 'logs')),
  };
}

/**
 * Every file the runtime may read its configuration from, in its order (loadConfiguration's
 * CONFIGURATION_FILE_NAMES, then ibmConfigFileNames): a test keeps the two in step.
 */
export function configurationFileNames(environment: Environment): string[] {
  const providerName = firstSet(environment.HF_PROVIDER_NAME);
  const ibm = providerName !== undefined && /^[A-Za-z0-9_.-]{1,64}$/.test(providerName) ? [`${providerName}prov_config.json`] : [];
  return [...new Set([...CONFIGURATION_FILES, ...ibm, IBM_AWS_CONFIG_FILE])];
}

/** Identifies the configuration as loaded: its files' identity and every HF_* override. */
export function configurationKey(configDirectory: string, environment: Environment): string {
  const files = configurationFileNames(environment).map((name) => {
    try {
      const stat = statSync(join(configDirectory, name));
      return `${name}:${stat.mtimeMs}:${stat.size}:${stat.ino}`;
    } catch {
      return `${name}:missing`;
    }
  });
  const overrides = Object.keys(environment)
    .filter((name) => name.startsWith('HF_'))
    .sort()
    .map((name) => [name, environment[name]]);
  return createHash('sha256').update(JSON.stringify([files, overrides])).digest('hex');
}

/**
 * Where the getAvailableTemplates caches live: the work directory when one was given (Symphony
 * always gives one), else the user's cache directory (`$XDG_CACHE_HOME/ohfp`, else
 * `~/.cache/ohfp`), one subdirectory per config and work directory, so a trial run in a
 * checkout leaves no dot-files in the current directory.
 */
export function cacheDirectoryOf(directories: Directories, environment: Environment): string {
  if (firstSet(environment.HF_PROVIDER_WORKDIR, environment.HF_WORKDIR) !== undefined) return directories.workDirectory;
  const base = firstSet(environment.XDG_CACHE_HOME) ?? join(firstSet(environment.HOME) ?? tmpdir(), '.cache');
  const key = createHash('sha256').update(`${directories.configDirectory}\0${directories.workDirectory}`).digest('hex').slice(0, 16);
  return join(base, 'ohfp', key);
}

/** The cache directory, created when missing. */
export function ensureCacheDirectory(directories: Directories, environment: Environment): string {
  const directory = cacheDirectoryOf(directories, environment);
  mkdirSync(directory, { recursive: true });
  return directory;
}

export function snapshotPathOf(directories: Directories, environment: Environment): string {
  return join(cacheDirectoryOf(directories, environment), TEMPLATE_SNAPSHOT_FILE);
}

/** Recorded by the full path after it answered getAvailableTemplates. */
export function rememberTemplateScope(
  directories: Directories,
  environment: Environment,
  scope: Omit<FastPathScope, 'version' | 'configurationKey'>,
): void {
  const content: FastPathScope = { version: 3, configurationKey: configurationKey(directories.configDirectory, environment), ...scope };
  // A cache that cannot be written only costs the next call the full path.
  writeWholeFile(join(cacheDirectoryOf(directories, environment), SCOPE_FILE), JSON.stringify(content));
}

function inputIsEmptyObject(argv: readonly string[]): boolean {
  const fileIndex = argv.findIndex((word) => word === '-f' || word === '--file');
  const dataIndex = argv.findIndex((word) => word === '--data' || word === '-d');
  try {
    const text = fileIndex >= 0 ? readFileSync(argv[fileIndex + 1] ?? '', 'utf8') : dataIndex >= 0 ? (argv[dataIndex + 1] ?? '') : '{}';
    const input: unknown = text.trim() === '' ? {} : JSON.parse(text);
    return typeof input === 'object' && input !== null && !Array.isArray(input);
  } catch {
    return false;
  }
}

/** Only the plain Symphony call qualifies: the operation, and -f FILE or --data JSON. */
function isPlainGetAvailableTemplates(argv: readonly string[]): boolean {
  const words = argv.filter((word, index) => !['-f', '--file', '--data', '-d'].includes(argv[index - 1] ?? '') && !['-f', '--file', '--data', '-d'].includes(word));
  return words.length === 1 && words[0] === 'getAvailableTemplates';
}

/**
 * Answers `getAvailableTemplates` from the caches when they are current; returns the JSON to
 * print, or undefined to take the full path.
 */
export async function answerFromTemplateSnapshot(argv: readonly string[], environment: Environment, currentDirectory: string): Promise<string | undefined> {
  if (!isPlainGetAvailableTemplates(argv) || !inputIsEmptyObject(argv)) return undefined;
  const directories = directoriesOf(environment, currentDirectory);
  let scope: FastPathScope;
  try {
    scope = JSON.parse(readFileSync(join(cacheDirectoryOf(directories, environment), SCOPE_FILE), 'utf8')) as FastPathScope;
  } catch {
    return undefined;
  }
  if (scope.version !== 3 || typeof scope.storage !== 'object' || scope.storage === null || scope.configurationKey !== configurationKey(directories.configDirectory, environment)) return undefined;
  const { readTemplateSnapshot } = await import('@ohf/template-loader/snapshot');
  const templates = await readTemplateSnapshot({
    snapshotPath: snapshotPathOf(directories, environment),
    configDirectory: directories.configDirectory,
    providerInstances: scope.providerInstances,
    hostFactoryProviderName: scope.hostFactoryProviderName,
    validationLevel: scope.validationLevel,
    env: environment,
  });
  if (templates === undefined) return undefined;
  // availableNumber needs the machines in use: counts left by the last process that opened
  // storage, as long as the database is unchanged since (empty storage has none in use).
  const usage = storageIsEmpty(scope.storage) ? {} : readFreshUsage(cacheDirectoryOf(directories, environment), scope.storage);
  if (usage === undefined) return undefined;
  try {
    appendFileSync(
      join(directories.logDirectory, 'app.log'),
      `${JSON.stringify({ level: 30, time: new Date().toISOString(), pid: process.pid, app: 'ohfp', command: 'getAvailableTemplates', source: 'template snapshot', templates: templates.length, msg: 'command finished' })}\n`,
    );
  } catch {
    // The log directory is created by the full path; a missing one must not fail the answer.
  }
  return `${JSON.stringify({ message: 'Get available templates success.', templates: withAvailableNumbers(templates, usage) }, null, 2)}\n`;
}
