import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { InMemoryCloud } from '@ohf/provider-sdk/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { CLI_BINARY, createWorkspace, runOhfp, WEB_TEMPLATES, type CliRun, type Workspace } from './cli-harness.js';

/**
 * The noun-verb and provider strategy commands of `ohfp`, each run as Symphony or a person
 * would: the built binary in a fresh process, real config/template/state files, and the
 * in-memory provider double (two "clouds" shared through files) behind it.
 */

interface InstanceOptions {
  readonly autoRunAfterMs?: number;
  readonly faults?: Record<string, unknown>;
  readonly extra?: Record<string, unknown>;
}

interface ConfigurationOptions {
  readonly storage?: 'sqlite' | 'json';
  readonly memA?: InstanceOptions;
  readonly memB?: InstanceOptions;
}

/** config.yaml (written as JSON, which YAML reads) with the instances mem-a (priority 1) and mem-b. */
function configuration(workDirectory: string, options: ConfigurationOptions = {}): Record<string, unknown> {
  const instance = (name: string, priority: number, settings: InstanceOptions = {}) => ({
    name,
    type: 'memory',
    priority,
    capabilities: ['RunInstances'],
    config: {
      statePath: join(workDirectory, `cloud-${name.slice(-1)}.json`),
      ...(settings.autoRunAfterMs === undefined ? {} : { autoRunAfterMs: settings.autoRunAfterMs }),
      ...(settings.faults === undefined ? {} : { faults: settings.faults }),
      ...settings.extra,
    },
  });
  return {
    providers: {
      selection_policy: 'PRIORITY',
      default_provider_instance: 'mem-a',
      fallback: ['mem-b'],
      providers: [instance('mem-a', 1, options.memA), instance('mem-b', 2, options.memB)],
    },
    storage: { strategy: options.storage ?? 'sqlite' },
    provisioning: { missing_machine_grace_seconds: 0 },
  };
}

function memoryWorkspace(options: ConfigurationOptions = {}, templates: unknown = WEB_TEMPLATES): Workspace {
  const workspace = createWorkspace({ 'templates.json': templates });
  workspace.write('config.yaml', configuration(workspace.workDirectory, options));
  return workspace;
}

const ohfp = (workspace: Workspace, ...args: string[]): Promise<CliRun> => runOhfp(args, workspace.environment);

/** Runs a command that must succeed and returns its JSON answer. */
async function succeed<T = Record<string, unknown>>(workspace: Workspace, ...args: string[]): Promise<T> {
  const run = await ohfp(workspace, ...args);
  if (run.exitCode !== 0) throw new Error(`ohfp ${args.join(' ')} exited ${run.exitCode}: ${run.stdout}${run.stderr}`);
  return run.json<T>();
}

async function requestMachines(workspace: Workspace, count: number): Promise<string> {
  const answer = await succeed<{ requestId: string }>(workspace, 'requestMachines', '--data', JSON.stringify({ template: { templateId: 'web', machineCount: count } }));
  return answer.requestId;
}

interface HostFactoryStatus {
  requestId: string;
  status: string;
  machines: { machineId: string; name: string; result: string; status: string }[];
}

async function pollUntilFinished(workspace: Workspace, requestId: string): Promise<HostFactoryStatus> {
  for (let poll = 0; poll < 10; poll += 1) {
    const { requests } = await succeed<{ requests: HostFactoryStatus[] }>(workspace, 'getRequestStatus', '--data', JSON.stringify({ requests: [{ requestId }] }));
    if (requests[0]!.status !== 'running') return requests[0]!;
  }
  throw new Error(`request ${requestId} still running after 10 polls`);
}

const liveInstances = (workspace: Workspace, cloud: 'a' | 'b') =>
  new InMemoryCloud({ statePath: join(workspace.workDirectory, `cloud-${cloud}.json`) }).instances().filter((instance) => instance.nativeState !== 'deleted');

beforeAll(() => {
  if (!existsSync(CLI_BINARY)) throw new Error(`Build the CLI first (${CLI_BINARY} is missing): npx nx build @ohf/cli`);
});

describe('help and usage errors', () => {
  it('prints the overview with every command group for --help, and usage for each command', async () => {
    const workspace = memoryWorkspace();
    const [overview, ...commands] = await Promise.all([
      ohfp(workspace, '--help'),
      ohfp(workspace, 'templates', 'list', '--help'),
      ohfp(workspace, 'requests', 'watch', '--help'),
      ohfp(workspace, 'requestMachines', '--help'),
      ohfp(workspace, 'configureProviderStrategy', '-h'),
    ]);
    expect(overview.exitCode).toBe(0);
    expect(overview.stdout).toMatch(/^ohfp \d+\.\d+\.\d+/);
    expect(overview.stdout).toContain('Usage: ohfp <command> [options]');
    for (const group of ['Host Factory:', 'Provider strategy:', 'Providers:', 'Templates:', 'Requests:', 'Machines:', 'Exit codes:']) {
      expect(overview.stdout).toContain(group);
    }
    expect(commands.map((run) => [run.exitCode, run.stdout.split('\n')[0]])).toEqual([
      [0, 'Usage: ohfp templates list [options]'],
      [0, 'Usage: ohfp requests watch <requestId> [options]'],
      [0, 'Usage: ohfp requestMachines [options]'],
      [0, 'Usage: ohfp configureProviderStrategy [options]'],
    ]);
    // Options particular to each command, and --dry-run only on mutating ones.
    expect(commands[0]!.stdout).toContain('--provider-type TYPE');
    expect(commands[0]!.stdout).not.toContain('--dry-run');
    expect(commands[1]!.stdout).toContain('--interval SECONDS');
    expect(commands[2]!.stdout).toMatch(/--dry-run[\s\S]*--wait/);
    expect(commands[3]!.stdout).toContain('--dry-run');
  });

  it('rejects an unknown command with exit 2, a message on stderr and a JSON error on stdout', async () => {
    const workspace = memoryWorkspace();
    const run = await ohfp(workspace, 'templates', 'frobnicate');
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain('Unknown command "templates frobnicate"');
    expect(run.json()).toEqual({ error: { code: 'VALIDATION_ERROR', message: expect.stringContaining('templates frobnicate'), details: {} } });
  });

  it('names the missing argument of a command', async () => {
    const workspace = memoryWorkspace();
    const run = await ohfp(workspace, 'requests', 'show');
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain('Missing <requestId>');
    expect(run.json<{ error: { code: string } }>().error.code).toBe('VALIDATION_ERROR');
  });
});

describe('templates', () => {
  it('lists templates as a table and as YAML', async () => {
    const workspace = memoryWorkspace();
    const [table, yaml] = await Promise.all([ohfp(workspace, 'templates', 'list', '--format', 'table'), ohfp(workspace, 'templates', 'list', '--format', 'yaml')]);
    expect(table.exitCode).toBe(0);
    const [header, row, ...rest] = table.stdout.trimEnd().split('\n');
    expect(header!.split(/\s{2,}/)).toEqual(['TEMPLATE ID', 'MAX NUMBER', 'PROVIDER TYPE', 'PROVIDER NAME', 'PROVIDER API', 'VM TYPE', 'PRICE TYPE']);
    expect(row!.split(/\s+/)).toEqual(['web', '10', 'small', 'ondemand']);
    expect(rest).toEqual([]);
    expect(yaml.exitCode).toBe(0);
    expect(yaml.stdout).toMatch(/^templates:\n {2}- templateId: web\n/);
    expect(yaml.stdout).toContain('    maxNumber: 10\n');
    expect(yaml.stdout).toContain('      cost-center: "4711"\n');
  });

  it('shows where each field of a template comes from with --source-info', async () => {
    const workspace = memoryWorkspace();
    const answer = await succeed<{ template: { templateId: string; vmType: string }; sourceInfo: { files: string[]; fields: Record<string, { file: string; level: string }> } }>(
      workspace,
      'templates',
      'show',
      'web',
      '--source-info',
    );
    expect(answer.template).toMatchObject({ templateId: 'web', vmType: 'small', imageId: 'img-debian', maxNumber: 10 });
    expect(answer.sourceInfo.files).toEqual(['templates.json']);
    expect(answer.sourceInfo.fields['vmType']).toMatchObject({ file: 'templates.json', level: 'main' });
    const missing = await ohfp(workspace, 'templates', 'show', 'nope');
    expect(missing.exitCode).toBe(4);
    expect(missing.json<{ error: { code: string } }>().error.code).toBe('TEMPLATE_NOT_FOUND');
  });

  it('validates one template and all of them, failing with exit 1 on an invalid one', async () => {
    const workspace = memoryWorkspace();
    const [one, all] = await Promise.all([ohfp(workspace, 'templates', 'validate', 'web'), ohfp(workspace, 'templates', 'validate', '--all')]);
    expect(one.exitCode).toBe(0);
    expect(one.json()).toEqual({ templateId: 'web', valid: true, level: 'LENIENT', errors: [], warnings: [] });
    expect(all.exitCode).toBe(0);
    expect(all.json()).toMatchObject({ valid: true, results: [{ templateId: 'web', valid: true }] });

    workspace.write('templates.json', { templates: [...WEB_TEMPLATES.templates, { templateId: 'broken', maxNumber: -3, imageId: 'img-debian', vmType: 'small' }] });
    const [broken, allAgain] = await Promise.all([ohfp(workspace, 'templates', 'validate', 'broken'), ohfp(workspace, 'templates', 'validate', '--all')]);
    expect(broken.exitCode).toBe(1);
    expect(broken.json()).toMatchObject({ templateId: 'broken', valid: false, errors: [{ field: 'maxNumber', file: 'templates.json', code: 'VALIDATION_ERROR' }] });
    // --all includes the template that cannot be used, not only the listed ones.
    expect(allAgain.exitCode).toBe(1);
    expect(allAgain.json()).toMatchObject({ valid: false, results: [{ templateId: 'web', valid: true }, { templateId: 'broken', valid: false }] });
    const usage = await ohfp(workspace, 'templates', 'validate');
    expect(usage.exitCode).toBe(2);
  });

  it('refresh re-reads the files and reports broken ones', async () => {
    const workspace = memoryWorkspace();
    expect(await succeed(workspace, 'templates', 'refresh')).toMatchObject({ templateCount: 1, validCount: 1, problems: [] });
    workspace.write('templates.json', { templates: [...WEB_TEMPLATES.templates, { ...WEB_TEMPLATES.templates[0], templateId: 'web-large', vmType: 'large' }] });
    workspace.write('mem-b_templates.json', '{"templates": [');
    const refreshed = await succeed<{ templateCount: number; validCount: number; problems: { file: string; rule: string }[]; files: { name: string; present: boolean; broken: boolean }[] }>(
      workspace,
      'templates',
      'refresh',
    );
    expect(refreshed).toMatchObject({ templateCount: 2, validCount: 2 });
    expect(refreshed.problems).toEqual([expect.objectContaining({ file: 'mem-b_templates.json', rule: 'invalid-json' })]);
    expect(refreshed.files).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: 'mem-b_templates.json', present: true, broken: true }),
        expect.objectContaining({ name: 'templates.json', present: true, broken: false }),
      ]),
    );
    // Host Factory must not see a silently shorter list while a file is broken.
    const listed = await ohfp(workspace, 'getAvailableTemplates');
    expect(listed.exitCode).toBe(3);
    expect(listed.json<{ message: string }>().message).toMatch(/mem-b_templates\.json cannot be used: Not valid JSON/);
  });

  it('migrates templates into a provider instance’s file, planning first with --dry-run', async () => {
    const workspace = memoryWorkspace();
    const before = await succeed<{ template: unknown }>(workspace, 'templates', 'show', 'web');
    const target = join(workspace.configDirectory, 'mem-a_templates.json');
    const source = readFileSync(join(workspace.configDirectory, 'templates.json'), 'utf8');

    const plan = await succeed(workspace, 'templates', 'migrate', '--from', 'templates.json', '--to-provider', 'mem-a', '--dry-run');
    expect(plan).toMatchObject({ from: 'templates.json', to: 'mem-a_templates.json', dryRun: true, written: false, moved: [{ templateId: 'web' }], conflicts: [] });
    expect(existsSync(target)).toBe(false);
    expect(readFileSync(join(workspace.configDirectory, 'templates.json'), 'utf8')).toBe(source);

    const done = await succeed(workspace, 'templates', 'migrate', '--from', 'templates.json', '--to-provider', 'mem-a');
    expect(done).toMatchObject({ dryRun: false, written: true, moved: [{ templateId: 'web' }] });
    expect(JSON.parse(readFileSync(target, 'utf8'))).toMatchObject({ templates: [{ templateId: 'web', vmType: 'small', maxNumber: 10 }] });
    const after = await succeed<{ template: unknown; sourceInfo: { files: string[] } }>(workspace, 'templates', 'show', 'web', '--source-info');
    expect(after.template).toEqual(before.template);
    expect(after.sourceInfo.files).toEqual(['mem-a_templates.json']);

    const usage = await ohfp(workspace, 'templates', 'migrate', '--from', 'templates.json');
    expect(usage.exitCode).toBe(2);
  });
});

describe('providers', () => {
  it('lists, shows and health-checks the configured instances', async () => {
    const workspace = memoryWorkspace({ memB: { faults: { unhealthy: true } } });
    const [list, show, health] = await Promise.all([
      succeed<{ providers: { name: string; providerType: string; priority: number }[]; policy: string; fallback: string[] }>(workspace, 'providers', 'list'),
      succeed<{ providers: { name: string; apis: string[]; limitations: unknown }[] }>(workspace, 'providers', 'show', 'mem-a'),
      succeed<{ providers: { name: string; healthy: boolean; status: string; message: string | null }[] }>(workspace, 'providers', 'health'),
    ]);
    expect(list.providers.map(({ name, providerType, priority }) => ({ name, providerType, priority }))).toEqual([
      { name: 'mem-a', providerType: 'memory', priority: 1 },
      { name: 'mem-b', providerType: 'memory', priority: 2 },
    ]);
    expect(list).toMatchObject({ policy: 'PRIORITY', fallback: ['mem-b'] });
    expect(show.providers).toEqual([
      expect.objectContaining({ name: 'mem-a', providerType: 'memory', declared: ['RunInstances'], apis: ['Memory'], limitations: { maxInstancesPerCall: 100, describeBatchSize: 100 } }),
    ]);
    expect(health.providers.map(({ name, healthy, status }) => ({ name, healthy, status }))).toEqual([
      { name: 'mem-a', healthy: true, status: 'healthy' },
      { name: 'mem-b', healthy: false, status: 'unhealthy' },
    ]);

    const unknown = await ohfp(workspace, 'providers', 'show', 'mem-z');
    expect(unknown.exitCode).toBe(4);
    expect(unknown.json<{ error: { code: string } }>().error.code).toBe('PROVIDER_NOT_FOUND');
  });

  it('validates the provider configuration, failing with exit 1 when an instance’s settings are wrong', async () => {
    const workspace = memoryWorkspace();
    const valid = await ohfp(workspace, 'providers', 'validate');
    expect(valid.exitCode).toBe(0);
    expect(valid.json()).toEqual({
      valid: true,
      configFile: join(workspace.configDirectory, 'config.yaml'),
      providers: [
        { provider: 'mem-a', type: 'memory', enabled: true, valid: true },
        { provider: 'mem-b', type: 'memory', enabled: true, valid: true },
      ],
    });

    workspace.write('config.yaml', configuration(workspace.workDirectory, { memB: { extra: { maxCapacity: 'lots' } } }));
    const invalid = await ohfp(workspace, 'providers', 'validate');
    expect(invalid.exitCode).toBe(1);
    expect(invalid.json()).toMatchObject({
      valid: false,
      providers: [
        { provider: 'mem-a', valid: true },
        { provider: 'mem-b', valid: false, error: expect.stringMatching(/mem-b.*maxCapacity/) },
      ],
    });
  });
});

describe('requests and machines', () => {
  it('lists and shows requests, and lists and shows their machines', async () => {
    const workspace = memoryWorkspace();
    const requestId = await requestMachines(workspace, 2);
    const done = await pollUntilFinished(workspace, requestId);
    expect(done.status).toBe('complete');

    const [list, table, show, machines, none] = await Promise.all([
      succeed<{ requests: { requestId: string; kind: string; status: string }[]; total: number }>(workspace, 'requests', 'list'),
      ohfp(workspace, 'requests', 'list', '--format', 'table'),
      succeed<{ request: { requestId: string; status: string; providerInstance: string; selectionExplanation: unknown }; machines: unknown[] }>(workspace, 'requests', 'show', requestId),
      succeed<{ machines: { machineId: string; providerInstanceId: string; state: string; requestId: string }[]; total: number }>(workspace, 'machines', 'list', '--request', requestId),
      succeed<{ requests: unknown[]; total: number }>(workspace, 'requests', 'list', '--status', 'failed'),
    ]);
    expect(list).toEqual({ requests: [expect.objectContaining({ requestId, kind: 'acquire', status: 'complete' })], total: 1 });
    expect(table.stdout.split('\n')[0]!.split(/\s{2,}/)).toEqual(['REQUEST ID', 'KIND', 'STATUS', 'TEMPLATE ID', 'COUNT', 'PROVIDER', 'CREATED AT', 'MESSAGE']);
    expect(table.stdout.split('\n')[1]).toMatch(new RegExp(`^${requestId}\\s+acquire\\s+complete\\s+web\\s+2\\s+mem-a\\s`));
    expect(show.request).toMatchObject({ requestId, status: 'complete', providerInstance: 'mem-a', selectionExplanation: expect.objectContaining({ decision: expect.anything() }) });
    expect(show.machines).toHaveLength(2);
    expect(none).toEqual({ requests: [], total: 0 });

    expect(machines.total).toBe(2);
    expect(machines.machines.every((machine) => machine.state === 'running' && machine.requestId === requestId)).toBe(true);
    expect(machines.machines.map((machine) => machine.providerInstanceId).sort()).toEqual(done.machines.map((machine) => machine.machineId).sort());
    const [first] = machines.machines;
    const [byOurId, byCloudId] = await Promise.all([
      succeed<{ machineId: string; state: string }>(workspace, 'machines', 'show', first!.machineId),
      succeed<{ machineId: string; state: string }>(workspace, 'machines', 'show', first!.providerInstanceId),
    ]);
    expect(byOurId).toMatchObject({ machineId: first!.machineId, providerInstanceId: first!.providerInstanceId, state: 'running', privateIpAddress: expect.stringMatching(/^10\./) });
    expect(byCloudId.machineId).toBe(first!.machineId);

    const [unknownRequest, unknownMachine] = await Promise.all([
      ohfp(workspace, 'requests', 'show', 'req-00000000-0000-4000-8000-000000000099'),
      ohfp(workspace, 'machines', 'show', 'mem-999999'),
    ]);
    expect([unknownRequest.exitCode, unknownRequest.json<{ error: { code: string } }>().error.code]).toEqual([4, 'REQUEST_NOT_FOUND']);
    expect([unknownMachine.exitCode, unknownMachine.json<{ error: { code: string } }>().error.code]).toEqual([4, 'MACHINE_NOT_FOUND']);
  });

  it('watches a request to completion: progress lines on stderr, the final JSON on stdout', async () => {
    // The machines stay pending until this test starts them, once watch has reported them pending.
    const workspace = memoryWorkspace({ memA: { autoRunAfterMs: 3_600_000 } });
    const requestId = await requestMachines(workspace, 2);
    const watch = spawn('node', [CLI_BINARY, 'requests', 'watch', requestId, '--interval', '0.1'], { env: workspace.environment, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let started = false;
    watch.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    watch.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      if (!started && stderr.includes('pending of 2')) {
        started = true;
        const cloud = new InMemoryCloud({ statePath: join(workspace.workDirectory, 'cloud-a.json') });
        for (const instance of cloud.instances()) cloud.setNativeState(instance.id, 'active');
      }
    });
    const exitCode = await new Promise<number | null>((resolve) => watch.on('close', resolve));
    expect(exitCode).toBe(0);
    const progress = stderr.trimEnd().split('\n');
    expect(progress.length).toBeGreaterThanOrEqual(2);
    expect(progress[0]).toMatch(new RegExp(`^${requestId} in_progress — 2 pending of 2 \\(\\d+s\\)`));
    expect(progress.at(-1)).toMatch(new RegExp(`^${requestId} complete — 2 running of 2 `));
    const answer = JSON.parse(stdout) as { request: { requestId: string; status: string }; machines: { state: string }[] };
    expect(answer.request).toMatchObject({ requestId, status: 'complete' });
    expect(answer.machines.map((machine) => machine.state)).toEqual(['running', 'running']);

    const unknown = await ohfp(workspace, 'requests', 'watch', 'req-00000000-0000-4000-8000-000000000099', '--interval', '0.1');
    expect(unknown.exitCode).toBe(4);
    expect(unknown.json<{ error: { code: string } }>().error.code).toBe('REQUEST_NOT_FOUND');
  });

  it('cancels an unfinished request, planning first with --dry-run, and returns its machines on request', async () => {
    // The machines stay pending for an hour, so the request stays in progress.
    const workspace = memoryWorkspace({ memA: { autoRunAfterMs: 3_600_000 } });
    const requestId = await requestMachines(workspace, 2);
    const timedOut = await ohfp(workspace, 'requests', 'watch', requestId, '--interval', '0.1', '--timeout', '0.15');
    expect(timedOut.exitCode).toBe(1);
    expect(timedOut.stderr).toContain('stopped waiting after');
    expect(timedOut.json<{ request: { status: string } }>().request.status).toBe('in_progress');

    const planned = await succeed<{ dryRun: boolean; request: { status: string }; machines: unknown[] }>(workspace, 'requests', 'cancel', requestId, '--terminate-machines', '--dry-run');
    expect(planned).toMatchObject({ dryRun: true, request: { status: 'in_progress' } });
    expect(planned.machines).toHaveLength(2);
    expect((await succeed<{ request: { status: string } }>(workspace, 'requests', 'show', requestId)).request.status).toBe('in_progress');
    expect(liveInstances(workspace, 'a')).toHaveLength(2);

    const cancelled = await succeed<{ dryRun: boolean; request: { status: string; message: string }; returnRequestId: string }>(
      workspace,
      'requests',
      'cancel',
      requestId,
      '--terminate-machines',
    );
    expect(cancelled).toMatchObject({ dryRun: false, request: { status: 'cancelled' }, returnRequestId: expect.stringMatching(/^ret-/) });
    expect(liveInstances(workspace, 'a')).toHaveLength(0);
    const [shown, status] = await Promise.all([
      succeed<{ request: { status: string } }>(workspace, 'requests', 'show', requestId),
      succeed<{ requests: HostFactoryStatus[] }>(workspace, 'getRequestStatus', '--data', JSON.stringify({ requestId })),
    ]);
    expect(shown.request.status).toBe('cancelled');
    expect(status.requests[0]!.status).toBe('complete_with_error');

    const again = await ohfp(workspace, 'requests', 'cancel', requestId);
    expect(again.exitCode).toBe(1);
    expect(again.json<{ error: { code: string } }>().error.code).toBe('CONFLICT');
  });
});

describe('provider strategy operations', () => {
  it('reports health, lists providers, explains a selection and reports capabilities', async () => {
    const workspace = memoryWorkspace();
    const [health, listed, selected, capabilities, executed] = await Promise.all([
      succeed<{ providers: { name: string; healthy: boolean }[] }>(workspace, 'getProviderHealth', '--data', '{"provider_name":"mem-a","include_details":true}'),
      succeed<{ providers: { name: string; available: boolean }[]; policy: string }>(workspace, 'listAvailableProviders', '--data', '{"filter_healthy_only":true}'),
      succeed<{ providerInstance: string; operationType: string; decision: { policy: string; mode: string } }>(
        workspace,
        'selectProviderStrategy',
        '--data',
        '{"operation_type":"CREATE_INSTANCES","selection_criteria":{"require_healthy":true}}',
      ),
      succeed<{ providers: { name: string; apis: string[] }[] }>(workspace, 'getProviderCapabilities', '--data', '{"provider_name":"mem-b"}'),
      succeed<{ operationType: string; providerInstance: string; dryRun: boolean; result: { status: string } }>(
        workspace,
        'executeProviderOperation',
        '--data',
        '{"operation_type":"HEALTH_CHECK","parameters":{},"strategy_override":"mem-b"}',
      ),
    ]);
    expect(health.providers).toEqual([expect.objectContaining({ name: 'mem-a', healthy: true, status: 'healthy' })]);
    expect(listed.providers.map((provider) => provider.name)).toEqual(['mem-a', 'mem-b']);
    expect(listed.policy).toBe('PRIORITY');
    expect(selected).toMatchObject({ providerInstance: 'mem-a', operationType: 'CREATE_INSTANCES', decision: { policy: 'PRIORITY', mode: 'criteria' } });
    expect(capabilities.providers).toEqual([expect.objectContaining({ name: 'mem-b', apis: ['Memory'], supportsDryRun: true })]);
    expect(executed).toMatchObject({ operationType: 'HEALTH_CHECK', providerInstance: 'mem-b', dryRun: false, result: { status: 'healthy' } });
  });

  it('configureProviderStrategy changes nothing with --dry-run, and persists the new policy for later processes', async () => {
    const workspace = memoryWorkspace();
    const change = '{"default_selection_policy":"ROUND_ROBIN","fallback_strategies":["mem-a"]}';
    const planned = await succeed(workspace, 'configureProviderStrategy', '--dry-run', '--data', change);
    expect(planned).toEqual({
      dryRun: true,
      wouldDispatch: { type: 'ConfigureProviderStrategy', default_selection_policy: 'ROUND_ROBIN', fallback_strategies: ['mem-a'] },
    });
    expect(await succeed(workspace, 'listAvailableProviders')).toMatchObject({ policy: 'PRIORITY', fallback: ['mem-b'] });

    const configured = await succeed<{ settings: { policy: string; fallback: string[] } }>(workspace, 'configureProviderStrategy', '--data', change);
    expect(configured.settings).toMatchObject({ policy: 'ROUND_ROBIN', fallback: ['mem-a'] });
    const [selected, listed] = await Promise.all([
      succeed<{ decision: { policy: string } }>(workspace, 'selectProviderStrategy', '--data', '{"operation_type":"CREATE_INSTANCES"}'),
      succeed(workspace, 'listAvailableProviders'),
    ]);
    expect(selected.decision.policy).toBe('ROUND_ROBIN');
    expect(listed).toMatchObject({ policy: 'ROUND_ROBIN', fallback: ['mem-a'] });
  });

  it('updateProviderHealth takes mem-a out of selection: the next request goes to mem-b, whose metrics count it', async () => {
    const workspace = memoryWorkspace();
    const updated = await succeed<{ health: { instance: string; healthy: boolean; available: boolean; message: string } }>(
      workspace,
      'updateProviderHealth',
      '--data',
      '{"provider_name":"mem-a","health_status":{"is_healthy":false,"status_message":"Rate limit exceeded"}}',
    );
    expect(updated.health).toMatchObject({ instance: 'mem-a', healthy: false, available: false, message: 'Rate limit exceeded' });
    // Read back without a live check (a live check would ask the provider and replace the mark).
    expect(await succeed(workspace, 'getProviderHealth', '--data', '{"provider_name":"mem-a","check":false}')).toMatchObject({
      providers: [{ name: 'mem-a', healthy: false, available: false, message: 'Rate limit exceeded' }],
    });

    const requestId = await requestMachines(workspace, 1);
    const shown = await succeed<{ request: { providerInstance: string } }>(workspace, 'requests', 'show', requestId);
    expect(shown.request.providerInstance).toBe('mem-b');
    expect([liveInstances(workspace, 'a').length, liveInstances(workspace, 'b').length]).toEqual([0, 1]);

    const metrics = await succeed<{ providers: { instance: string; operations: Record<string, { successes: number; failures: number }> }[] }>(
      workspace,
      'getProviderMetrics',
      '--data',
      '{"provider_name":"mem-b","time_range_hours":24,"include_operation_breakdown":true}',
    );
    expect(metrics.providers).toHaveLength(1);
    expect(metrics.providers[0]).toMatchObject({ instance: 'mem-b', operations: { CREATE_INSTANCES: { successes: 1, failures: 0 } } });
  });
});

describe('the JSON-file storage strategy', () => {
  it('carries the whole request and return flow in request_database.json', async () => {
    const workspace = memoryWorkspace({ storage: 'json' });
    const requestId = await requestMachines(workspace, 2);
    const done = await pollUntilFinished(workspace, requestId);
    expect(done.status).toBe('complete');
    expect(done.machines).toHaveLength(2);

    const returned = await succeed<{ requestId: string }>(
      workspace,
      'requestReturnMachines',
      '--data',
      JSON.stringify({ machines: done.machines.map(({ name, machineId }) => ({ name, machineId })) }),
    );
    const finished = await pollUntilFinished(workspace, returned.requestId);
    expect(finished.status).toBe('complete');
    expect(finished.machines.map((machine) => [machine.result, machine.status])).toEqual([
      ['succeed', 'terminated'],
      ['succeed', 'terminated'],
    ]);

    const database = JSON.parse(readFileSync(join(workspace.workDirectory, 'request_database.json'), 'utf8')) as {
      requests: Record<string, { kind: string; status: string }>;
      machines: Record<string, { providerInstanceId: string; state: string }>;
    };
    expect(Object.keys(database.requests).sort()).toEqual([requestId, returned.requestId].sort());
    expect(database.requests[requestId]).toMatchObject({ kind: 'acquire', status: 'complete' });
    expect(database.requests[returned.requestId]).toMatchObject({ kind: 'return', status: 'complete' });
    expect(Object.values(database.machines).map((machine) => [machine.providerInstanceId, machine.state]).sort()).toEqual(
      done.machines.map((machine) => [machine.machineId, 'terminated']).sort(),
    );
    expect(existsSync(join(workspace.workDirectory, 'request_database.db'))).toBe(false);
    expect(liveInstances(workspace, 'a')).toHaveLength(0);
  });
});
