import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CLI_BINARY, createWorkspace, runOhfp, WEB_TEMPLATES, type Workspace } from './cli-harness.js';

/**
 * `ohfp catalog plans` from the catalog snapshot (the built binary, real SQLite storage): the
 * same bytes as the full path, and the full path again as soon as storage or the markup changes.
 */

const SNAPSHOT = '.ohfp-catalog-snapshot.json';
let workspace: Workspace;

const configuration = (markupPercent: number) => ({
  providers: {
    providers: ['mem-a', 'mem-b'].map((name) => ({ name, type: 'memory', config: { statePath: join(workspace.workDirectory, `cloud-${name}.json`) } })),
  },
  pricing: { currency: 'USD', markups: [{ id: 'memory', provider_type: 'memory', percent: markupPercent }, { id: 'b', provider: 'mem-b', fixed_hourly: 0.01 }] },
});

/** Runs ohfp and says whether the answer came from the catalog snapshot (its log line). */
async function listPlans(...args: string[]): Promise<{ stdout: string; stderr: string; exitCode: number | null; fromSnapshot: boolean }> {
  const log = join(workspace.logDirectory, 'app.log');
  const before = existsSync(log) ? readFileSync(log, 'utf8').length : 0;
  const run = await runOhfp(['catalog', 'plans', ...args], workspace.environment);
  const written = existsSync(log) ? readFileSync(log, 'utf8').slice(before) : '';
  return { stdout: run.stdout, stderr: run.stderr, exitCode: run.exitCode, fromSnapshot: written.includes('"source":"catalog snapshot"') };
}

beforeAll(async () => {
  if (!existsSync(CLI_BINARY)) throw new Error(`Build the CLI first (${CLI_BINARY} is missing): npx nx build @ohf/cli`);
  workspace = createWorkspace({ 'templates.json': WEB_TEMPLATES });
  workspace.write('config.yaml', configuration(20));
  expect((await runOhfp(['catalog', 'sync'], workspace.environment)).exitCode).toBe(0);
});

describe('ohfp catalog plans from the catalog snapshot', () => {
  it.each([
    [[]],
    [['--sort', 'vcpus']],
    [['--sort=memory', '--limit', '2']],
    [['--provider', 'mem-b']],
    [['--provider-type', 'memory', '--region', 'mem-eu-1', '--min-vcpus', '2']],
    [['--min-memory-gb', '3.5', '--gpus', '0', '--format', 'json']],
    [['--min-vcpus', '64']],
  ])('prints exactly what the full path prints for %j', async (args) => {
    rmSync(join(workspace.workDirectory, SNAPSHOT), { force: true });
    const full = await listPlans(...args);
    const fast = await listPlans(...args);
    expect(full.fromSnapshot).toBe(false);
    expect(fast.fromSnapshot).toBe(true);
    expect([fast.exitCode, fast.stderr]).toEqual([full.exitCode, full.stderr]);
    expect(fast.stdout).toBe(full.stdout);
  });

  it('leaves to the full path what it does not answer itself', async () => {
    await listPlans();
    for (const args of [['--format', 'table'], ['--limit', '0'], ['--provider', 'mem-z'], ['--help']]) {
      expect((await listPlans(...args)).fromSnapshot, args.join(' ')).toBe(false);
    }
  });

  it('takes the full path again once a sync or the configured markup changed the prices', async () => {
    const before = await listPlans('--provider', 'mem-a');
    expect((await listPlans('--provider', 'mem-a')).fromSnapshot).toBe(true);

    workspace.write('config.yaml', configuration(50));
    const repriced = await listPlans('--provider', 'mem-a');
    expect(repriced.fromSnapshot).toBe(false);
    const prices = (run: { stdout: string }) => (JSON.parse(run.stdout) as { plans: { priceHourly: number | null }[] }).plans.map((plan) => plan.priceHourly);
    expect(prices(repriced)).not.toEqual(prices(before));
    const again = await listPlans('--provider', 'mem-a');
    expect([again.fromSnapshot, again.stdout]).toEqual([true, repriced.stdout]);

    expect((await runOhfp(['catalog', 'sync', '--provider', 'mem-b'], workspace.environment)).exitCode).toBe(0);
    const afterSync = await listPlans('--provider', 'mem-a');
    // The sync left a fresh snapshot behind: the next listing needs no storage.
    expect([afterSync.fromSnapshot, afterSync.stdout]).toEqual([true, repriced.stdout]);
  });
});
