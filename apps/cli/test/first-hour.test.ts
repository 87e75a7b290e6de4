import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { editFakeAwsState, readFakeAwsState } from '@ohf/provider-aws/testing';
import { InMemoryCloud } from '@ohf/provider-sdk/testing';
import { describe, expect, it } from 'vitest';
import { CLI_BINARY, CLI_ROOT, createWorkspace, fakeAwsProcess, runOhfp, WEB_TEMPLATES, type CliRun, type Workspace } from './cli-harness.js';

/**
 * What a new user meets in the first hour, through the built `ohfp`: exit codes as the README's
 * table gives them and messages in the words of the command line, not of the internals.
 */

function memoryInstance(workDirectory: string, name: string, config: Record<string, unknown> = {}) {
  return { name, type: 'memory', priority: 1, capabilities: ['RunInstances'], config: { statePath: join(workDirectory, `cloud-${name}.json`), ...config } };
}

function workspaceWith(instances: (workDirectory: string) => unknown[] = (workDirectory) => [memoryInstance(workDirectory, 'mem-a')]): Workspace {
  const workspace = createWorkspace({ 'templates.json': WEB_TEMPLATES });
  workspace.write('config.yaml', { providers: { selection_policy: 'PRIORITY', providers: instances(workspace.workDirectory) }, provisioning: { missing_machine_grace_seconds: 0 } });
  return workspace;
}

const ohfp = (workspace: Workspace, ...args: string[]): Promise<CliRun> => runOhfp(args, workspace.environment);
const errorOf = (run: CliRun) => run.json<{ error: { code: string; message: string } }>().error;

describe('exit codes follow the README table', () => {
  it('exits 3 for an invalid config.yaml, naming the file and the key', async () => {
    const workspace = createWorkspace({ 'templates.json': WEB_TEMPLATES, 'config.yaml': 'providers:\n  selection_policy: NOPE\n' });
    const [listed, templates] = await Promise.all([ohfp(workspace, 'providers', 'list'), ohfp(workspace, 'getAvailableTemplates')]);
    expect(listed.exitCode).toBe(3);
    expect(errorOf(listed).message).toMatch(/config\.yaml: providers\.selection_policy/);
    expect(templates.exitCode).toBe(3);
  });

  it('gives every validation error exit 2, in the words of the command line', async () => {
    const workspace = workspaceWith();
    const [statuses, register, registerNoInput, missingInput] = await Promise.all([
      ohfp(workspace, 'requests', 'list', '--status', 'bogus'),
      ohfp(workspace, 'registerProviderStrategy', '--data', '{"provider_type":"aws"}'),
      ohfp(workspace, 'registerProviderStrategy'),
      ohfp(workspace, 'requestMachines'),
    ]);
    expect(statuses.exitCode).toBe(2);
    expect(errorOf(statuses).message).toBe(
      'Invalid options for ohfp requests list: --status (item 1) must be one of pending, in_progress, complete, partial, failed, cancelled.',
    );
    expect(statuses.stdout).not.toMatch(/ListRequests|statuses/);
    expect(register.exitCode).toBe(2);
    expect(errorOf(register).message).toBe('The input is not valid for ohfp registerProviderStrategy: "strategy_name" is required.');
    expect(register.stdout).not.toContain('RegisterProviderStrategy');
    expect(registerNoInput.exitCode).toBe(2);
    expect(missingInput.exitCode).toBe(2);
    // No input was given at all: the message says so, and does not speak of --data.
    expect(missingInput.json<{ message: string }>().message).toMatch(/^No input was given.*template is required.*-f FILE or --data JSON/);
    expect(missingInput.json<{ message: string }>().message).not.toMatch(/in --data/);
  });

  it('exits 4 for an unknown request, for show and cancel alike', async () => {
    const workspace = workspaceWith();
    const [shown, cancelled, cancelledWellFormed] = await Promise.all([
      ohfp(workspace, 'requests', 'show', 'req-nope'),
      ohfp(workspace, 'requests', 'cancel', 'req-nope'),
      ohfp(workspace, 'requests', 'cancel', 'req-00000000-0000-4000-8000-000000000099'),
    ]);
    for (const run of [shown, cancelled, cancelledWellFormed]) {
      expect(run.exitCode).toBe(4);
      expect(errorOf(run).code).toBe('REQUEST_NOT_FOUND');
    }
  });

  it('says Usage once when an argument is missing', async () => {
    const run = await ohfp(workspaceWith(), 'requests', 'show');
    expect(run.exitCode).toBe(2);
    expect(errorOf(run).message).toBe('Missing <requestId>. Usage: ohfp requests show <requestId> [options]');
    expect(run.stderr).not.toContain('Usage: Usage:');
  });

  it('requestMachines --wait exits non-zero, without "success", when the request fails', async () => {
    const workspace = workspaceWith((workDirectory) => [memoryInstance(workDirectory, 'mem-a', { faults: { failCreateTimes: 100, failCreateWith: 'capacity' } })]);
    const run = await ohfp(workspace, 'requestMachines', '--wait', '--interval', '0.1', '--timeout', '1', '--data', '{"template":{"templateId":"web","machineCount":1}}');
    expect(run.exitCode).not.toBe(0);
    const answer = run.json<{ message: string }>();
    expect(answer.message).not.toMatch(/success/i);
    expect(answer.message).toMatch(/req-\S+ (ended failed|is still)/);
  });
});

describe('without configuration', () => {
  it('says which config directory it looked in and why, exits 3, and leaves nothing in the current directory', async () => {
    const root = mkdtempSync(join(tmpdir(), 'ohfp-unconfigured-'));
    const current = join(root, 'checkout');
    mkdirSync(current);
    const environment = { PATH: process.env.PATH ?? '', HOME: root };
    const run = await runOhfp(['getAvailableTemplates'], environment, ['node', CLI_BINARY], current);
    expect(run.exitCode).toBe(3);
    expect(run.json<{ message: string }>().message).toBe(
      `No configuration found. The config directory ${join(current, 'config')} (the default: neither HF_PROVIDER_CONFDIR nor HF_CONFDIR is set, so ./config under the current directory) does not exist. ` +
        'Set HF_PROVIDER_CONFDIR to the directory holding config.yaml and the template files (in a checkout of Open Host Factory: HF_PROVIDER_CONFDIR=examples/config), then run "ohfp doctor".',
    );
    expect(readdirSync(current)).toEqual([]);
  });

  it('keeps the template caches out of the current directory when no work directory is given', async () => {
    const workspace = workspaceWith();
    const cacheHome = join(workspace.root, 'cache');
    const environment: Record<string, string> = { ...workspace.environment, XDG_CACHE_HOME: cacheHome };
    delete environment.HF_PROVIDER_WORKDIR;
    const current = join(workspace.root, 'elsewhere');
    mkdirSync(current);
    const first = await runOhfp(['getAvailableTemplates'], environment, ['node', CLI_BINARY], current);
    expect(first.exitCode, first.stdout).toBe(0);
    expect(readdirSync(current).filter((name) => name.startsWith('.ohfp'))).toEqual([]);
    const [cacheDirectory] = readdirSync(join(cacheHome, 'ohfp'));
    expect(readdirSync(join(cacheHome, 'ohfp', cacheDirectory!)).sort()).toEqual(expect.arrayContaining(['.ohfp-template-scope.json', '.ohfp-template-snapshot.json']));
    const second = await runOhfp(['getAvailableTemplates'], environment, ['node', CLI_BINARY], current);
    expect(second.json()).toEqual(first.json());
    expect(existsSync(join(current, '.ohfp-template-snapshot.json'))).toBe(false);
  });

  it('warns about an unknown configuration key with the key it most likely meant', async () => {
    const workspace = createWorkspace({ 'templates.json': WEB_TEMPLATES });
    workspace.write('config.yaml', `providers:\n  providers:\n    - name: mem-a\n      type: memory\n      wieght: 10\n      config: {statePath: ${join(workspace.workDirectory, 'cloud.json')}}\n`);
    const run = await ohfp(workspace, 'providers', 'list');
    expect(run.exitCode).toBe(0);
    expect(run.stderr).toContain(`ohfp: warning: ${join(workspace.configDirectory, 'config.yaml')}: providers.providers.0.wieght is not a configuration key and has no effect; did you mean weight?`);
  });
});

describe('templates list by provider', () => {
  const EXAMPLES = join(CLI_ROOT, '..', '..', 'examples', 'config');
  const examples = (...args: string[]) => {
    const workspace = createWorkspace({});
    return runOhfp(['templates', 'list', ...args], { ...workspace.environment, HF_PROVIDER_CONFDIR: EXAMPLES });
  };
  const ids = (run: CliRun) => run.json<{ templates: { templateId: string }[] }>().templates.map((template) => template.templateId);

  it('finds the templates of awsprov_templates.json by type and by instance, as a request would resolve them', async () => {
    const [byType, byName, byApi, linode] = await Promise.all([
      examples('--provider-type', 'aws'),
      examples('--provider-name', 'aws-us-east-1'),
      examples('--provider-type', 'aws', '--provider-api', 'SpotFleet'),
      examples('--provider-name', 'linode-main'),
    ]);
    expect(byType.exitCode).toBe(0);
    expect(ids(byType)).toEqual(expect.arrayContaining(['fleet-ondemand', 'spot-batch', 'single-runinstances']));
    expect(ids(byType)).not.toContain('linode-small');
    expect(ids(byName)).toContain('fleet-ondemand');
    expect(ids(byApi)).toEqual(['spot-batch']);
    expect(ids(linode)).toEqual(['linode-small']);
  });

  it('rejects an unknown provider type (exit 2) and an unknown instance (exit 4)', async () => {
    const [type, name] = await Promise.all([examples('--provider-type', 'azure'), examples('--provider-name', 'nope')]);
    expect(type.exitCode).toBe(2);
    expect(errorOf(type).message).toBe('Unknown provider type "azure"; the known types are aws, digitalocean, linode, memory.');
    expect(name.exitCode).toBe(4);
    expect(errorOf(name).code).toBe('PROVIDER_NOT_FOUND');
  });
});

describe('installing and running', () => {
  it('runs through the committed bin file npm links before the build, and says what to do when dist is missing', async () => {
    const workspace = workspaceWith();
    const built = await runOhfp(['--version'], workspace.environment, ['node', join(CLI_ROOT, 'bin', 'ohfp.cjs')]);
    expect(built.exitCode).toBe(0);
    expect(built.stdout).toMatch(/^\d+\.\d+\.\d+/);

    const unbuilt = join(workspace.root, 'unbuilt-cli');
    mkdirSync(join(unbuilt, 'bin'), { recursive: true });
    copyFileSync(join(CLI_ROOT, 'bin', 'ohfp.cjs'), join(unbuilt, 'bin', 'ohfp.cjs'));
    const missing = await runOhfp(['getAvailableTemplates'], workspace.environment, ['node', join(unbuilt, 'bin', 'ohfp.cjs')]);
    expect(missing.exitCode).toBe(6);
    expect(missing.json<{ message: string }>().message).toMatch(/not built yet: run "npm run build"/);
  });

  it('keeps the AWS SDK’s Node.js version notice off stderr on every AWS call', async () => {
    const workspace = createWorkspace({ 'config.yaml': 'providers:\n  providers:\n    - {name: aws-main, type: aws, capabilities: [RunInstances], config: {region: us-east-1}}\n' });
    copyFileSync(join(CLI_ROOT, '..', '..', 'examples', 'config', 'awsprov_templates.json'), join(workspace.configDirectory, 'awsprov_templates.json'));
    const fake = await fakeAwsProcess(workspace);
    const run = await runOhfp(['providers', 'health'], { ...workspace.environment, ...fake.environment }, fake.command);
    expect(run.exitCode, run.stdout).toBe(0);
    expect(run.stderr).not.toMatch(/NodeVersionSupportWarning|a\.co\/c895JFp/);
  });
});

describe('finding one’s way', () => {
  it('prints noun-level help, and suggests the command or flag that was meant', async () => {
    const workspace = workspaceWith();
    const [noun, bare, verb, top, flag] = await Promise.all([
      ohfp(workspace, 'templates', '--help'),
      ohfp(workspace, 'templates'),
      ohfp(workspace, 'templates', 'lst'),
      ohfp(workspace, 'getAvailableTemplate'),
      ohfp(workspace, 'templates', 'list', '--provider-typ', 'aws'),
    ]);
    expect(noun.exitCode).toBe(0);
    expect(noun.stdout).toMatch(/^Usage: ohfp templates <command> \[options\]/);
    expect(noun.stdout).toMatch(/templates list\s+Templates, optionally filtered/);
    expect(noun.stdout).toContain('templates migrate');
    expect(bare.exitCode).toBe(2);
    expect(bare.stdout).toContain('templates validate');
    expect(verb.exitCode).toBe(2);
    expect(errorOf(verb).message).toContain('Did you mean "templates list"?');
    expect(top.exitCode).toBe(2);
    expect(top.json<{ message: string }>().message ?? errorOf(top).message).toContain('Did you mean "getAvailableTemplates"?');
    expect(flag.exitCode).toBe(2);
    expect(errorOf(flag).message).toMatch(/Unknown option '--provider-typ'.*Did you mean --provider-type\?/);
  });

  it('lists the input fields of the strategy commands in their help', async () => {
    const run = await ohfp(workspaceWith(), 'registerProviderStrategy', '--help');
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toMatch(/Input fields \(JSON through -f FILE or --data JSON; snake_case or camelCase\):\n\s+strategy_name\s+Required/);
    expect(run.stdout).toMatch(/provider_type\s+Required: aws, linode or digitalocean\./);
  });

  it('prints tables with readable headers and nested values summarized', async () => {
    const run = await ohfp(workspaceWith(), 'providers', 'list', '--format', 'table');
    expect(run.exitCode).toBe(0);
    const [header, row] = run.stdout.split('\n');
    expect(header!.split(/\s{2,}/)).toEqual(['NAME', 'PROVIDER TYPE', 'ENABLED', 'PRIORITY', 'WEIGHT', 'CAPABILITIES', 'STATUS', 'AVAILABLE']);
    expect(row).toMatch(/^mem-a\s+memory\s+true\s+1\s+1\s+RunInstances\s+/);
    expect(run.stdout).not.toContain('[');
    const long = await ohfp(workspaceWith(), 'getProviderHealth', '--data', '{"include_details":true}', '--format', 'table');
    expect(long.exitCode).toBe(0);
    for (const line of long.stdout.split('\n')) expect(line.length).toBeLessThan(400);
  });

  it('prints bash and zsh completion that completes commands and the flags of the command typed', async () => {
    const workspace = workspaceWith();
    const [bash, zsh, other] = await Promise.all([ohfp(workspace, 'completion', 'bash'), ohfp(workspace, 'completion', 'zsh'), ohfp(workspace, 'completion', 'fish')]);
    expect(bash.exitCode).toBe(0);
    expect(zsh.stdout).toMatch(/^#compdef ohfp\n/);
    expect(zsh.stdout).toContain('bashcompinit');
    expect(other.exitCode).toBe(2);
    const script = join(workspace.root, 'ohfp-completion.bash');
    writeFileSync(script, bash.stdout);
    const complete = (words: string) =>
      execFileSync('bash', ['-c', `source ${script}; COMP_WORDS=(${words}); COMP_CWORD=$(( \${#COMP_WORDS[@]} - 1 )); _ohfp; echo "\${COMPREPLY[*]}"`], { encoding: 'utf8' }).trim();
    expect(complete('ohfp templ')).toBe('templates');
    expect(complete('ohfp templates l')).toBe('list');
    expect(complete('ohfp templates list --provider-t').split(' ')).toEqual(['--provider-type']);
    expect(complete('ohfp requestMachines --w')).toBe('--wait');
  });
});

describe('ohfp doctor', () => {
  it('says which directory and why, reports keys, credentials, reachability and storage, and exits 0 when only warnings remain', async () => {
    const workspace = createWorkspace({ 'templates.json': WEB_TEMPLATES });
    workspace.write('config.yaml', `providers:\n  providers:\n    - {name: mem-a, type: memory, wieght: 3, capabilities: [RunInstances], config: {statePath: ${join(workspace.workDirectory, 'cloud.json')}}}\n`);
    const run = await ohfp(workspace, 'doctor');
    expect(run.exitCode, run.stdout).toBe(0);
    const report = run.json<{ ok: boolean; configDirectory: string; configDirectoryReason: string; findings: { area: string; status: string; subject: string; message: string }[]; nextSteps: string[] }>();
    expect(report).toMatchObject({ ok: true, configDirectory: workspace.configDirectory, configDirectoryReason: 'from HF_PROVIDER_CONFDIR' });
    expect(report.findings).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ area: 'configuration', status: 'warning', subject: 'providers.providers.0.wieght', message: expect.stringContaining('did you mean weight?') }),
        expect.objectContaining({ area: 'templates', status: 'ok', message: '1 usable template(s) from templates.json' }),
        expect.objectContaining({ area: 'credentials', status: 'ok', subject: 'mem-a (memory)' }),
        expect.objectContaining({ area: 'reachability', status: 'ok', subject: 'mem-a (memory)' }),
        expect.objectContaining({ area: 'storage', status: 'ok', subject: 'sqlite' }),
      ]),
    );
    expect(report.nextSteps).toEqual([expect.stringContaining('rename it to weight')]);
  });

  it('names a broken template file and a missing token, exit code by the worst (3)', async () => {
    const workspace = createWorkspace({ 'templates.json': '{"templates": [' });
    workspace.write('config.yaml', 'providers:\n  providers:\n    - {name: linode-main, type: linode, config: {token: "${LINODE_TOKEN}"}}\n');
    const run = await ohfp(workspace, 'doctor');
    expect(run.exitCode).toBe(3);
    const { findings } = run.json<{ findings: { area: string; status: string; subject: string; message: string }[] }>();
    expect(findings).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ area: 'templates', status: 'error', subject: join(workspace.configDirectory, 'templates.json'), message: expect.stringMatching(/JSON/) }),
        expect.objectContaining({ area: 'credentials', status: 'error', subject: 'linode-main (linode)', message: 'no credentials: no token (config.token, else LINODE_TOKEN) not found' }),
      ]),
    );
  });

  it('checks AWS through the SDK (against the fake cloud) and never prints a secret', async () => {
    const workspace = createWorkspace({ 'config.yaml': 'providers:\n  providers:\n    - {name: aws-main, type: aws, capabilities: [RunInstances, EC2Fleet], config: {region: us-east-1}}\n' });
    copyFileSync(join(CLI_ROOT, '..', '..', 'examples', 'config', 'awsprov_templates.json'), join(workspace.configDirectory, 'awsprov_templates.json'));
    const fake = await fakeAwsProcess(workspace);
    const run = await runOhfp(['doctor'], { ...workspace.environment, ...fake.environment }, fake.command);
    expect(run.exitCode, run.stdout).toBe(0);
    const { findings } = run.json<{ findings: { area: string; status: string; subject: string; message: string }[] }>();
    expect(findings).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ area: 'credentials', status: 'ok', subject: 'aws-main (aws)', message: 'would use environment (AWS_ACCESS_KEY_ID)' }),
        expect.objectContaining({ area: 'reachability', status: 'ok', subject: 'aws-main (aws)' }),
        expect.objectContaining({ area: 'reachability', status: 'info', message: expect.stringContaining('ec2:CreateFleet') }),
      ]),
    );
    // The three example templates an instance with RunInstances and EC2Fleet serves, each launched dry.
    const launchChecks = findings.filter((finding) => finding.message.startsWith('dry-run RunInstances'));
    expect(launchChecks.map((finding) => finding.subject).sort()).toEqual(['fleet-mixed', 'fleet-ondemand', 'single-runinstances'].map((id) => `aws-main (aws) template ${id}`));
    for (const check of launchChecks) {
      expect(check).toMatchObject({ area: 'reachability', status: 'ok', message: 'dry-run RunInstances: AWS would launch it (DryRunOperation)' });
    }
    expect(readFakeAwsState(fake.statePath)?.instances ?? []).toEqual([]);
    for (const secret of Object.values(fake.environment).filter((value) => value.startsWith('AKIA') || value.includes('secret'))) {
      expect(run.stdout).not.toContain(secret);
      expect(run.stderr).not.toContain(secret);
    }
  });

  it('names the missing permission when AWS refuses the dry-run RunInstances, exit 5', async () => {
    const workspace = createWorkspace({ 'config.yaml': 'providers:\n  providers:\n    - {name: aws-main, type: aws, capabilities: [RunInstances, EC2Fleet], config: {region: us-east-1}}\n' });
    copyFileSync(join(CLI_ROOT, '..', '..', 'examples', 'config', 'awsprov_templates.json'), join(workspace.configDirectory, 'awsprov_templates.json'));
    const fake = await fakeAwsProcess(workspace);
    editFakeAwsState(fake.statePath, (cloud) => cloud.failNextCall('forbidden', { operation: 'create', times: 100 }));
    const run = await runOhfp(['doctor'], { ...workspace.environment, ...fake.environment }, fake.command);
    expect(run.exitCode, run.stdout).toBe(5);
    const { findings, nextSteps } = run.json<{ findings: { area: string; status: string; subject: string; message: string }[]; nextSteps: string[] }>();
    const refused = findings.filter((finding) => finding.message.startsWith('dry-run RunInstances'));
    expect(refused.length).toBeGreaterThan(0);
    for (const finding of refused) {
      expect(finding).toMatchObject({ area: 'credentials', status: 'error', message: expect.stringMatching(/^dry-run RunInstances: permission ec2:RunInstances missing: .*You are not authorized to perform this operation/) });
    }
    expect(findings).toEqual(expect.arrayContaining([expect.objectContaining({ area: 'reachability', status: 'ok', subject: 'aws-main (aws)' })]));
    expect(nextSteps).toEqual(expect.arrayContaining([expect.stringContaining('grant ec2:RunInstances')]));
  });

  it('sends no dry-run launch when AWS rejects the credentials already in the health check', async () => {
    const workspace = createWorkspace({ 'config.yaml': 'providers:\n  providers:\n    - {name: aws-main, type: aws, capabilities: [RunInstances, EC2Fleet], config: {region: us-east-1}}\n' });
    copyFileSync(join(CLI_ROOT, '..', '..', 'examples', 'config', 'awsprov_templates.json'), join(workspace.configDirectory, 'awsprov_templates.json'));
    const fake = await fakeAwsProcess(workspace);
    editFakeAwsState(fake.statePath, (cloud) => cloud.failNextCall('unauthorized', { times: 100 }));
    const run = await runOhfp(['doctor'], { ...workspace.environment, ...fake.environment }, fake.command);
    expect(run.exitCode, run.stdout).toBe(5);
    const { findings } = run.json<{ findings: { area: string; status: string; subject: string; message: string }[] }>();
    expect(findings).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ area: 'reachability', status: 'error', subject: 'aws-main (aws)', message: expect.stringMatching(/^health check failed/) }),
        expect.objectContaining({ area: 'reachability', status: 'info', subject: 'aws-main (aws)', message: 'no dry-run launch sent: the health check failed first' }),
      ]),
    );
    expect(findings.filter((finding) => finding.message.startsWith('dry-run RunInstances'))).toEqual([]);
  });

  it('reports what AWS refuses in a template, and checks only the first five templates', async () => {
    const workspace = createWorkspace({ 'config.yaml': 'providers:\n  providers:\n    - {name: aws-main, type: aws, capabilities: [RunInstances], config: {region: us-east-1}}\n' });
    const runInstances = (templateId: string, imageId = 'ami-0123456789abcdef0') => ({ templateId, providerApi: 'RunInstances', maxNumber: 5, attributes: { type: ['String', 'X86_64'], ncpus: ['Numeric', '1'], nram: ['Numeric', '1024'] }, imageId, subnetId: 'subnet-0a1b2c3d4e5f60001', vmType: 't3.micro' });
    workspace.write('awsprov_templates.json', { templates: [runInstances('gone-image', 'ami-0fffffffffffffff0'), ...['a', 'b', 'c', 'd', 'e', 'f'].map((id) => runInstances(`workers-${id}`))] });
    const fake = await fakeAwsProcess(workspace);
    const run = await runOhfp(['doctor'], { ...workspace.environment, ...fake.environment }, fake.command);
    expect(run.exitCode, run.stdout).toBe(5);
    const { findings } = run.json<{ findings: { area: string; status: string; subject: string; message: string }[] }>();
    expect(findings).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ area: 'reachability', status: 'error', subject: 'aws-main (aws) template gone-image', message: expect.stringMatching(/^dry-run RunInstances refused: .*InvalidAMIID\.NotFound.*ami-0fffffffffffffff0/) }),
        expect.objectContaining({ area: 'reachability', status: 'info', subject: 'aws-main (aws)', message: '2 more template(s) not launch-checked (doctor checks the first 5)' }),
      ]),
    );
    expect(findings.filter((finding) => finding.message.startsWith('dry-run RunInstances'))).toHaveLength(5);
  });
});

describe('honest health', () => {
  it('lists a never-checked instance as unknown, and healthy once a check says so', async () => {
    const workspace = workspaceWith();
    const listed = async () => (await ohfp(workspace, 'providers', 'list')).json<{ providers: { name: string; status: string }[] }>().providers[0]!.status;
    expect(await listed()).toBe('unknown');
    expect((await ohfp(workspace, 'providers', 'health')).exitCode).toBe(0);
    expect(await listed()).toBe('healthy');
  });

  it('lists an enabled instance without credentials as unhealthy with the reason, without a call, and unknown once credentials appear', async () => {
    const workspace = createWorkspace({ 'templates.json': WEB_TEMPLATES });
    workspace.write('config.yaml', 'providers:\n  providers:\n    - {name: linode-main, type: linode, config: {token: "${LINODE_TOKEN}"}}\n');
    const listed = async (environment: Record<string, string>, ...format: string[]) => runOhfp(['providers', 'list', ...format], { ...workspace.environment, ...environment });
    const without = await listed({});
    expect(without.exitCode, without.stdout).toBe(0);
    expect(without.json<{ providers: unknown[] }>().providers).toEqual([
      expect.objectContaining({ name: 'linode-main', status: 'unhealthy', reason: expect.stringMatching(/^no credentials: .*LINODE_TOKEN.*config\.token/) }),
    ]);
    const table = await listed({}, '--format', 'table');
    expect(table.stdout.split('\n')[0]!.split(/\s{2,}/)).toContain('REASON');
    expect(table.stdout).toMatch(/linode-main\s+linode\s+.*unhealthy\s+.*no credentials: .*LINODE_TOKEN/);
    // Not sticky: the same state, with a token now, is back to never checked.
    const withToken = await listed({ LINODE_TOKEN: 'a-token-never-printed' });
    const provider = withToken.json<{ providers: Record<string, unknown>[] }>().providers[0]!;
    expect(provider).toMatchObject({ name: 'linode-main', status: 'unknown' });
    expect(provider).not.toHaveProperty('reason');
    expect(withToken.stdout + withToken.stderr).not.toContain('a-token-never-printed');
  });

  it('does not hold one failed health check against an instance for good: dry-run plans work again after the recovery timeout', async () => {
    const workspace = createWorkspace({ 'templates.json': WEB_TEMPLATES });
    workspace.write(
      'config.yaml',
      `providers:\n  circuit_breaker: {failure_threshold: 5, recovery_timeout: 4}\n  capacity_block_ttl_seconds: {provider_unavailable: 4}\n  providers:\n    - {name: mem-a, type: memory, capabilities: [RunInstances], config: {statePath: ${join(workspace.workDirectory, 'cloud.json')}}}\n`,
    );
    const cloud = new InMemoryCloud({ statePath: join(workspace.workDirectory, 'cloud.json') });
    cloud.setHealthy(false);
    const health = await ohfp(workspace, 'providers', 'health');
    expect(health.json<{ providers: { name: string; status: string }[] }>().providers[0]).toMatchObject({ name: 'mem-a', status: 'unhealthy' });
    cloud.setHealthy(true);
    const plan = () => ohfp(workspace, 'requestMachines', '--dry-run', '--data', '{"template":{"templateId":"web","machineCount":1}}');
    expect((await plan()).exitCode).toBe(5);
    await new Promise((resolve) => setTimeout(resolve, 4200));
    const later = await plan();
    expect(later.exitCode, later.stdout).toBe(0);
    expect(later.json<{ providerInstance: string }>().providerInstance).toBe('mem-a');
  });

  it('does not call an instance without any credentials valid, and says when only instance metadata is left', async () => {
    const workspace = createWorkspace({ 'templates.json': WEB_TEMPLATES });
    workspace.write(
      'config.yaml',
      'providers:\n  providers:\n    - {name: aws-profile, type: aws, config: {region: us-east-1, profile: default}}\n    - {name: aws-chain, type: aws, config: {region: us-east-1}}\n    - {name: linode-main, type: linode, config: {token: "${LINODE_TOKEN}"}}\n',
    );
    const environment = { ...workspace.environment, HOME: workspace.root };
    const run = await runOhfp(['providers', 'validate'], environment);
    expect(run.exitCode).toBe(1);
    expect(run.json()).toMatchObject({
      valid: false,
      providers: [
        { provider: 'aws-profile', valid: false, error: expect.stringMatching(/^no credentials: profile default not found; add a \[default\] section to .*\.aws\/credentials/) },
        { provider: 'aws-chain', valid: true, warning: expect.stringMatching(/EC2 instance metadata/) },
        { provider: 'linode-main', valid: false, error: expect.stringMatching(/LINODE_TOKEN/) },
      ],
    });
    writeFileSync(join(workspace.root, 'aws-credentials'), '[default]\naws_access_key_id=AKIAVALIDATEEXAMPLE\naws_secret_access_key=validate-secret\n');
    const withCredentials = await runOhfp(['providers', 'validate'], { ...environment, AWS_SHARED_CREDENTIALS_FILE: join(workspace.root, 'aws-credentials'), LINODE_TOKEN: 'a-token-for-validation' });
    expect(withCredentials.exitCode, withCredentials.stdout).toBe(0);
    expect(withCredentials.stdout).not.toMatch(/a-token-for-validation|validate-secret|AKIAVALIDATEEXAMPLE/);
  });
});
