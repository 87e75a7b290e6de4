import { execFileSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { InMemoryCloud } from '@ohf/provider-sdk/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { CLI_BINARY, createWorkspace, runOhfp, WEB_TEMPLATES, type CliRun, type Workspace } from './cli-harness.js';

/**
 * `ohfp machines action` as people run it: the built binary, real files and the in-memory
 * provider double behind one instance, its cloud shared through a file. Few runs: each is a
 * fresh process.
 */

let workspace: Workspace;
const ohfp = (...args: string[]): Promise<CliRun> => runOhfp(args, workspace.environment);
const cloudFile = () => join(workspace.workDirectory, 'cloud-a.json');

beforeAll(() => {
  if (!existsSync(CLI_BINARY)) throw new Error(`Build the CLI first (${CLI_BINARY} is missing): npx nx build @ohf/cli`);
  workspace = createWorkspace({ 'templates.json': WEB_TEMPLATES });
  workspace.write('config.yaml', {
    providers: { providers: [{ name: 'mem-a', type: 'memory', capabilities: ['RunInstances'], config: { statePath: cloudFile() } }] },
    storage: { strategy: 'sqlite' },
  });
});

describe('ohfp machines action', () => {
  it('shuts a machine down by its cloud id, records the state read back, and refuses a word it does not know', async () => {
    const requested = await ohfp('requestMachines', '--data', JSON.stringify({ template: { templateId: 'web', machineCount: 1 } }));
    expect(requested.exitCode, requested.stderr).toBe(0);
    const requestId = requested.json<{ requestId: string }>().requestId;
    const status = await ohfp('getRequestStatus', '--data', JSON.stringify({ requests: [{ requestId }] }));
    const [cloudId = ''] = status.json<{ requests: { machines: { machineId: string }[] }[] }>().requests[0]!.machines.map((machine) => machine.machineId);
    expect(cloudId).not.toBe('');

    const [shutdown, unknown] = await Promise.all([ohfp('machines', 'action', cloudId, 'shutdown', '--provider', 'mem-a'), ohfp('machines', 'action', cloudId, 'hibernate')]);
    expect(shutdown.exitCode, shutdown.stderr).toBe(0);
    expect(shutdown.json()).toMatchObject({ action: 'shutdown', dryRun: false, machine: { providerInstanceId: cloudId, providerInstance: 'mem-a', state: 'stopped' } });
    expect(new InMemoryCloud({ statePath: cloudFile() }).instances().find((instance) => instance.id === cloudId)?.nativeState).toBe('off');
    expect(unknown.exitCode).toBe(2);
    expect(unknown.json<{ error: unknown }>().error).toEqual({
      code: 'VALIDATION_ERROR',
      message: 'Invalid options for ohfp machines action: <action> must be one of boot, shutdown, reboot.',
      details: { problems: ['<action> must be one of boot, shutdown, reboot'] },
    });
  });

  it('documents itself in --help and completes its action words', async () => {
    const [help, completion] = await Promise.all([ohfp('machines', 'action', '--help'), ohfp('completion', 'bash')]);
    expect(help.exitCode).toBe(0);
    expect(help.stdout.split('\n')[0]).toBe('Usage: ohfp machines action <machineId> <action> [options]');
    expect(help.stdout).toMatch(/--provider NAME[\s\S]*--dry-run/);
    const script = join(workspace.root, 'ohfp-completion.bash');
    writeFileSync(script, completion.stdout);
    const complete = (words: string) =>
      execFileSync('bash', ['-c', `source ${script}; COMP_WORDS=(${words}); COMP_CWORD=$(( \${#COMP_WORDS[@]} - 1 )); _ohfp; echo "\${COMPREPLY[*]}"`], { encoding: 'utf8' }).trim();
    expect(complete('ohfp machines ac')).toBe('action');
    expect(complete('ohfp machines action m-1 ""')).toBe('boot shutdown reboot');
    expect(complete('ohfp machines action m-1 sh')).toBe('shutdown');
  });
});
