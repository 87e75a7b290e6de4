import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const CLI_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const CLI_BINARY = join(CLI_ROOT, 'dist', 'ohfp.cjs');

export interface Workspace {
  readonly root: string;
  readonly configDirectory: string;
  readonly workDirectory: string;
  readonly logDirectory: string;
  readonly environment: Record<string, string>;
  write(name: string, content: unknown): string;
}

/** A Symphony-like layout in a temp dir: conf/, work/, logs/ and the HF_* variables naming them. */
export function createWorkspace(files: Record<string, unknown>): Workspace {
  const root = mkdtempSync(join(tmpdir(), 'ohfp-cli-'));
  const configDirectory = join(root, 'conf');
  const workDirectory = join(root, 'work');
  const logDirectory = join(root, 'logs');
  for (const directory of [configDirectory, workDirectory]) mkdirSync(directory, { recursive: true });
  const write = (name: string, content: unknown): string => {
    const path = join(configDirectory, name);
    writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
    return path;
  };
  for (const [name, content] of Object.entries(files)) write(name, content);
  return {
    root,
    configDirectory,
    workDirectory,
    logDirectory,
    write,
    environment: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? root,
      HF_PROVIDER_CONFDIR: configDirectory,
      HF_PROVIDER_WORKDIR: workDirectory,
      HF_PROVIDER_LOGDIR: logDirectory,
      HF_LOG_LEVEL: 'debug',
    },
  };
}

export interface CliRun {
  readonly exitCode: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
  /** stdout parsed as JSON (throws when stdout is not exactly one JSON document). */
  json<T = Record<string, unknown>>(): T;
}

/** Runs the built `ohfp` as Symphony does: a fresh process, real files, stdout captured. */
export function runOhfp(
  args: readonly string[],
  environment: Record<string, string>,
  command: readonly string[] = ['node', CLI_BINARY],
  currentDirectory?: string,
): Promise<CliRun> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command[0]!, [...command.slice(1), ...args], { env: environment, stdio: ['ignore', 'pipe', 'pipe'], ...(currentDirectory ? { cwd: currentDirectory } : {}) });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (exitCode, signal) =>
      resolvePromise({
        exitCode,
        signal,
        stdout,
        stderr,
        json: <T>() => JSON.parse(stdout) as T,
      }),
    );
  });
}

/** Two in-memory "clouds" (the provider-sdk test double) sharing state through files in work/. */
export function memoryConfiguration(workDirectory: string, options: { capacityA?: number; crashAfterCreate?: boolean } = {}): string {
  const faultsA = {
    ...(options.capacityA === undefined ? {} : { capacity: options.capacityA }),
    ...(options.crashAfterCreate ? { crashAfterCreate: true } : {}),
  };
  return `
providers:
  selection_policy: PRIORITY
  default_provider_instance: mem-a
  fallback: [mem-b]
  providers:
    - name: mem-a
      type: memory
      priority: 1
      capabilities: [RunInstances]
      config:
        statePath: ${join(workDirectory, 'cloud-a.json')}
        faults: ${JSON.stringify(faultsA)}
    - name: mem-b
      type: memory
      priority: 2
      capabilities: [RunInstances]
      config:
        statePath: ${join(workDirectory, 'cloud-b.json')}
storage:
  strategy: sqlite
provisioning:
  # The in-memory cloud lists machines at once, so a missing one is gone at once.
  missing_machine_grace_seconds: 0
`;
}

export const WEB_TEMPLATES = {
  templates: [
    {
      templateId: 'web',
      maxNumber: 10,
      attributes: { type: ['String', 'X86_64'], ncpus: ['Numeric', '2'], nram: ['Numeric', '4096'] },
      imageId: 'img-debian',
      vmType: 'small',
      priceType: 'ondemand',
      instanceTags: 'team=hpc;cost-center=4711',
    },
  ],
};

/**
 * The built `ohfp` against a fake AWS cloud shared through a state file: every run is a fresh
 * process whose real AWS SDK clients are answered by provider-aws's `FakeAwsCloud`
 * (aws-sdk-client-mock, loaded with `node --require`). Edit or read the cloud between runs with
 * `editFakeAwsState` / `readFakeAwsState` on `statePath`.
 */
export interface FakeAwsProcess {
  /** The command for `runOhfp`'s third argument. */
  readonly command: readonly string[];
  readonly statePath: string;
  /** Variables the child needs: the state file and placeholder credentials. */
  readonly environment: Record<string, string>;
}

let fakeAwsPreload: Promise<string> | undefined;

export async function fakeAwsProcess(workspace: Workspace): Promise<FakeAwsProcess> {
  const [{ buildFakeAwsPreload }, { FAKE_AWS_STATE_VARIABLE }] = await Promise.all([
    import('../../../packages/provider-aws/src/test-support/build-fake-aws-preload.js'),
    import('../../../packages/provider-aws/src/test-support/fake-aws-process.js'),
  ]);
  fakeAwsPreload ??= buildFakeAwsPreload();
  const preload = await fakeAwsPreload;
  const statePath = join(workspace.workDirectory, 'fake-aws-cloud.json');
  return {
    command: ['node', '--require', preload, CLI_BINARY],
    statePath,
    environment: {
      [FAKE_AWS_STATE_VARIABLE]: statePath,
      AWS_ACCESS_KEY_ID: 'AKIAOHFTESTEXAMPLE',
      AWS_SECRET_ACCESS_KEY: 'ohf-test-secret',
    },
  };
}
