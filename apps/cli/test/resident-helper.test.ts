import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CLI_ROOT, createWorkspace, runOhfp, type CliRun, type Workspace } from './cli-harness.js';

/**
 * The resident helper as Symphony's scripts meet it: the built `ohfp helper start` (a real
 * detached process on a real Unix socket in the work directory) and the built `ohfp` for each
 * call, against a local EC2 endpoint speaking the EC2 Query protocol (real SDK clients, HTTP,
 * XML). Every answer through the helper is compared with the same call run in-process
 * (OHF_HELPER=off).
 */

interface Ec2WireServer {
  readonly url: string;
  readonly actions: string[];
  close(): Promise<void>;
}

let ec2: Ec2WireServer;

beforeAll(async () => {
  // The benchmark's EC2 endpoint (plain JavaScript), loaded by URL.
  const module = (await import(pathToFileURL(join(CLI_ROOT, '..', '..', 'tools', 'bench', 'support', 'ec2-wire-server.mjs')).href)) as {
    startEc2WireServer: () => Promise<Ec2WireServer>;
  };
  ec2 = await module.startEc2WireServer();
});

afterAll(async () => {
  await ec2?.close();
});

const TEMPLATES = {
  templates: [
    {
      templateId: 'workers',
      providerApi: 'RunInstances',
      maxNumber: 50,
      attributes: { type: ['String', 'X86_64'], ncpus: ['Numeric', '2'], nram: ['Numeric', '4096'] },
      imageId: 'ami-0123456789abcdef0',
      subnetId: 'subnet-0a1b2c3d4e5f60001',
      vmType: 't3.medium',
    },
  ],
};

interface HelperWorkspace {
  readonly workspace: Workspace;
  readonly environment: Record<string, string>;
  readonly socketPath: string;
  run(args: readonly string[], extra?: Record<string, string>, currentDirectory?: string): Promise<CliRun>;
  /** The same call, never through the helper. */
  runInProcess(args: readonly string[], currentDirectory?: string): Promise<CliRun>;
}

const started: { pid: number }[] = [];

afterEach(() => {
  // A helper a failed test left running.
  for (const helper of started.splice(0)) {
    try {
      process.kill(helper.pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
});

function helperWorkspace(): HelperWorkspace {
  const workspace = createWorkspace({
    'awsprov_templates.json': TEMPLATES,
    'config.yaml': `providers:\n  default_provider_instance: aws-us-east-1\n  providers:\n    - {name: aws-us-east-1, type: aws, capabilities: [RunInstances], config: {region: us-east-1, endpoint: "${ec2.url}"}}\nstorage:\n  strategy: sqlite\n`,
  });
  const environment = {
    ...workspace.environment,
    HOME: workspace.root,
    AWS_ACCESS_KEY_ID: 'AKIAOHFTESTEXAMPLE',
    AWS_SECRET_ACCESS_KEY: 'ohf-test-not-a-real-secret',
  };
  const run = (args: readonly string[], extra: Record<string, string> = {}, currentDirectory?: string) => runOhfp(args, { ...environment, ...extra }, undefined, currentDirectory);
  return {
    workspace,
    environment,
    socketPath: join(workspace.workDirectory, '.ohfp-helper.sock'),
    run,
    runInProcess: (args, currentDirectory) => run(args, { OHF_HELPER: 'off' }, currentDirectory),
  };
}

interface StatusOutput {
  readonly pid: number;
  readonly residentMb: number;
  readonly callsServed: number;
  readonly socketPath: string;
  readonly uptimeSeconds: number;
  readonly version: string;
}

async function startHelper(helper: HelperWorkspace, extraArguments: readonly string[] = []): Promise<StatusOutput> {
  const start = await helper.run(['helper', 'start', ...extraArguments]);
  expect(start.exitCode, start.stderr).toBe(0);
  const status = start.json<StatusOutput & { started: boolean }>();
  expect(status.started).toBe(true);
  started.push({ pid: status.pid });
  return status;
}

async function callsServed(helper: HelperWorkspace): Promise<number> {
  const status = await helper.run(['helper', 'status']);
  expect(status.exitCode, status.stderr).toBe(0);
  return status.json<StatusOutput>().callsServed;
}

const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

async function waitFor(condition: () => boolean, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolveWait) => setTimeout(resolveWait, 50));
  }
}

/** The last automatic start for this socket, made a minute ago or more: the next call may start a helper again. */
function autoStartClaimedLongAgo(socketPath: string): void {
  const claimPath = `${socketPath}.autostart`;
  if (!existsSync(claimPath)) writeFileSync(claimPath, '');
  const then = new Date(Date.now() - 61_000);
  utimesSync(claimPath, then, then);
}

const statusInput = (...requestIds: string[]) => ['getRequestStatus', '--data', JSON.stringify({ requests: requestIds.map((requestId) => ({ requestId })) })];
const requestInput = (machineCount: number) => ['requestMachines', '--data', JSON.stringify({ template: { templateId: 'workers', machineCount } })];

describe('ohfp through the resident helper', () => {
  it('answers getAvailableTemplates, requestMachines and getRequestStatus byte for byte as in-process, on a 0600 socket', async () => {
    const helper = helperWorkspace();
    const status = await startHelper(helper);
    expect(status.socketPath).toBe(helper.socketPath);
    expect(status).toMatchObject({ callsServed: 0, callsDeclined: 0, callsRunning: 0, idleTimeoutSeconds: 1800, residentMb: expect.any(Number) });
    expect(status.pid).not.toBe(process.pid);
    expect(statSync(helper.socketPath).isSocket()).toBe(true);
    expect(statSync(helper.socketPath).mode & 0o777).toBe(0o600);

    // The first getAvailableTemplates has no snapshot yet: the helper composes and answers it.
    const templatesThroughHelper = await helper.run(['getAvailableTemplates']);
    expect(templatesThroughHelper.exitCode, templatesThroughHelper.stderr).toBe(0);
    expect(await callsServed(helper)).toBe(1);
    const templatesInProcess = await helper.runInProcess(['getAvailableTemplates']);
    expect(templatesThroughHelper.stdout).toBe(templatesInProcess.stdout);
    expect(templatesThroughHelper.json<{ templates: { templateId: string }[] }>().templates.map((template) => template.templateId)).toEqual(['workers']);

    const launchesBefore = ec2.actions.filter((action) => action === 'RunInstances').length;
    const requestedThroughHelper = await helper.run(requestInput(2));
    expect(requestedThroughHelper.exitCode, requestedThroughHelper.stderr).toBe(0);
    expect(await callsServed(helper)).toBe(2);
    const requestedInProcess = await helper.runInProcess(requestInput(2));
    expect(requestedInProcess.exitCode, requestedInProcess.stderr).toBe(0);
    // Each ran exactly once: one launch each.
    expect(ec2.actions.filter((action) => action === 'RunInstances').length - launchesBefore).toBe(2);
    const helperRequestId = requestedThroughHelper.json<{ requestId: string }>().requestId;
    const inProcessRequestId = requestedInProcess.json<{ requestId: string }>().requestId;
    expect(requestedThroughHelper.stdout.replace(helperRequestId, 'REQUEST')).toBe(requestedInProcess.stdout.replace(inProcessRequestId, 'REQUEST'));

    const statusThroughHelper = await helper.run(statusInput(helperRequestId, inProcessRequestId));
    const statusInProcess = await helper.runInProcess(statusInput(helperRequestId, inProcessRequestId));
    expect(statusThroughHelper.exitCode, statusThroughHelper.stderr).toBe(0);
    expect(statusThroughHelper.stdout).toBe(statusInProcess.stdout);
    expect(statusThroughHelper.stderr).toBe(statusInProcess.stderr);
    const requests = statusThroughHelper.json<{ requests: { requestId: string; status: string; machines: unknown[] }[] }>().requests;
    expect(requests.map((request) => [request.requestId, request.status, request.machines.length])).toEqual([
      [helperRequestId, 'complete', 2],
      [inProcessRequestId, 'complete', 2],
    ]);
    expect(await callsServed(helper)).toBe(3);

    // Errors and exit codes cross too: an unknown template is exit code 4 either way.
    const unknown = ['requestMachines', '--data', JSON.stringify({ template: { templateId: 'nope', machineCount: 1 } })];
    const unknownThroughHelper = await helper.run(unknown);
    const unknownInProcess = await helper.runInProcess(unknown);
    expect(unknownThroughHelper.exitCode).toBe(unknownInProcess.exitCode);
    expect(unknownThroughHelper.exitCode).not.toBe(0);
    expect(unknownThroughHelper.stdout).toBe(unknownInProcess.stdout);
    expect(await callsServed(helper)).toBe(4);

    // A relative -f is the caller's file, in the caller's directory.
    const callerDirectory = join(helper.workspace.root, 'caller');
    mkdirSync(callerDirectory);
    writeFileSync(join(callerDirectory, 'input.json'), JSON.stringify({ requests: [{ requestId: helperRequestId }] }));
    const fromFile = await helper.run(['getRequestStatus', '-f', 'input.json'], {}, callerDirectory);
    expect(fromFile.exitCode, fromFile.stderr).toBe(0);
    expect(await callsServed(helper)).toBe(5);
    expect(fromFile.stdout).toBe((await helper.runInProcess(['getRequestStatus', '-f', 'input.json'], callerDirectory)).stdout);

    const stop = await helper.run(['helper', 'stop']);
    expect(stop.json<{ stopped: boolean; pid: number }>()).toMatchObject({ stopped: true, pid: status.pid });
    await waitFor(() => !isAlive(status.pid));
    expect(existsSync(helper.socketPath)).toBe(false);
    expect((await helper.run(['helper', 'status'])).exitCode).toBe(4);
  });

  it('serves a call through either entry, dist/ohfp.cjs or dist/main.js, whichever started it', async () => {
    const helper = helperWorkspace();
    await startHelper(helper);
    const throughModuleEntry = await runOhfp(['getAvailableTemplates'], helper.environment, ['node', join(CLI_ROOT, 'dist', 'main.js')]);
    expect(throughModuleEntry.exitCode, throughModuleEntry.stderr).toBe(0);
    expect(await callsServed(helper)).toBe(1);
    expect(throughModuleEntry.stdout).toBe((await helper.runInProcess(['getAvailableTemplates'])).stdout);
    await helper.run(['helper', 'stop']);

    const other = helperWorkspace();
    const start = await runOhfp(['helper', 'start'], other.environment, ['node', join(CLI_ROOT, 'dist', 'main.js')]);
    expect(start.exitCode, start.stderr).toBe(0);
    started.push({ pid: start.json<StatusOutput>().pid });
    const launched = await other.run(requestInput(1));
    expect(launched.exitCode, launched.stderr).toBe(0);
    expect(await callsServed(other)).toBe(1);
    await other.run(['helper', 'stop']);
  });

  it('with OHF_HELPER=auto, the first call that finds no helper starts one, with its environment, for the calls after it', async () => {
    const helper = helperWorkspace();
    const auto = { OHF_HELPER: 'auto' };
    const requested = await helper.run(requestInput(1), auto);
    expect(requested.exitCode, requested.stderr).toBe(0);
    const { requestId } = requested.json<{ requestId: string }>();
    // That call ran in its own process; the helper it started comes up beside it.
    await waitFor(() => existsSync(helper.socketPath));
    const status = (await helper.run(['helper', 'status'])).json<StatusOutput>();
    started.push({ pid: status.pid });
    expect(status.callsServed).toBe(0);

    const polled = await helper.run(statusInput(requestId), auto);
    expect(polled.exitCode, polled.stderr).toBe(0);
    expect(await callsServed(helper)).toBe(1);
    expect(polled.stdout).toBe((await helper.runInProcess(statusInput(requestId))).stdout);
    const helperLog = () => readFileSync(join(helper.workspace.logDirectory, 'helper.log'), 'utf8');
    expect(helperLog().match(/listening on/g)).toHaveLength(1);

    // Stopped (or gone on its idle timeout) within a minute of its start: calls run in-process
    // and do not start another yet, so a helper that cannot start is not tried on every call.
    await helper.run(['helper', 'stop']);
    await waitFor(() => !isAlive(status.pid));
    const again = await helper.run(statusInput(requestId), auto);
    expect(again.exitCode, again.stderr).toBe(0);
    expect(again.stdout).toBe(polled.stdout);
    await new Promise((resolvePause) => setTimeout(resolvePause, 1_500));
    expect(existsSync(helper.socketPath)).toBe(false);
    expect(helperLog().match(/listening on/g)).toHaveLength(1);

    // A minute on, a call starts one again; killed with -9, it leaves its socket behind, and the
    // next call past the minute starts a helper that replaces it.
    autoStartClaimedLongAgo(helper.socketPath);
    expect((await helper.run(statusInput(requestId), auto)).exitCode).toBe(0);
    await waitFor(() => existsSync(helper.socketPath));
    const second = (await helper.run(['helper', 'status'])).json<StatusOutput>();
    started.push({ pid: second.pid });
    process.kill(second.pid, 'SIGKILL');
    await waitFor(() => !isAlive(second.pid));
    expect(statSync(helper.socketPath).isSocket()).toBe(true);
    autoStartClaimedLongAgo(helper.socketPath);
    const afterKill = await helper.run(statusInput(requestId), auto);
    expect(afterKill.exitCode, afterKill.stderr).toBe(0);
    expect(afterKill.stdout).toBe(polled.stdout);
    await waitFor(() => helperLog().match(/listening on/g)?.length === 3);
    const third = (await helper.run(['helper', 'status'])).json<StatusOutput>();
    started.push({ pid: third.pid });
    expect(third.pid).not.toBe(second.pid);
    expect((await helper.run(statusInput(requestId), auto)).stdout).toBe(polled.stdout);
    expect(await callsServed(helper)).toBe(1);
    await helper.run(['helper', 'stop']);
  });

  it("Symphony's scripts start a helper by default and hand the calls after the first to it; OHF_HELPER=off keeps them in-process", async () => {
    const helper = helperWorkspace();
    const script = (operation: string) => [join(CLI_ROOT, 'scripts', `${operation}.sh`)];
    // Input files as Symphony writes them (hf_in_*).
    const input = (name: string, data: unknown) => ['-f', helper.workspace.write(`hf_in_${name}`, data)];
    // The environment Symphony gives the scripts: no OHF_HELPER.
    expect(helper.environment).not.toHaveProperty('OHF_HELPER');
    const requested = await runOhfp(input('request', { template: { templateId: 'workers', machineCount: 1 } }), helper.environment, script('requestMachines'));
    expect(requested.exitCode, requested.stderr).toBe(0);
    const { requestId } = requested.json<{ requestId: string }>();
    await waitFor(() => existsSync(helper.socketPath));
    const status = (await helper.run(['helper', 'status'])).json<StatusOutput>();
    started.push({ pid: status.pid });

    const poll = input('status', { requests: [{ requestId }] });
    const polled = await runOhfp(poll, helper.environment, script('getRequestStatus'));
    expect(polled.exitCode, polled.stderr).toBe(0);
    expect(await callsServed(helper)).toBe(1);
    expect(polled.stdout).toBe((await helper.runInProcess(statusInput(requestId))).stdout);

    const inProcess = await runOhfp(poll, { ...helper.environment, OHF_HELPER: 'off' }, script('getRequestStatus'));
    expect(inProcess.exitCode, inProcess.stderr).toBe(0);
    expect(inProcess.stdout).toBe(polled.stdout);
    expect(await callsServed(helper)).toBe(1);
    await helper.run(['helper', 'stop']);
    await waitFor(() => !isAlive(status.pid));
  });

  it('stops once ohfp is reinstalled under it, and the next call with OHF_HELPER=auto starts a current one', async () => {
    // An installation of its own (the built files, the repository's node_modules beside them), to reinstall.
    const installation = mkdtempSync(join(tmpdir(), 'ohf-install-'));
    cpSync(join(CLI_ROOT, 'dist'), join(installation, 'dist'), { recursive: true });
    symlinkSync(join(CLI_ROOT, '..', '..', 'node_modules'), join(installation, 'node_modules'));
    const ohfp = ['node', join(installation, 'dist', 'ohfp.cjs')];
    const helper = helperWorkspace();
    const auto = { ...helper.environment, OHF_HELPER: 'auto' };
    const start = await runOhfp(['helper', 'start'], helper.environment, ohfp);
    expect(start.exitCode, start.stderr).toBe(0);
    const first = start.json<StatusOutput>();
    started.push({ pid: first.pid });
    const requested = await runOhfp(requestInput(1), auto, ohfp);
    expect(requested.exitCode, requested.stderr).toBe(0);
    expect(await callsServed(helper)).toBe(1);

    // The reinstall: the same version, new files.
    const later = new Date(Date.now() + 60_000);
    utimesSync(join(installation, 'dist', 'main.js'), later, later);
    const { requestId } = requested.json<{ requestId: string }>();
    const declined = await runOhfp(statusInput(requestId), auto, ohfp);
    expect(declined.exitCode, declined.stderr).toBe(0);
    await waitFor(() => !isAlive(first.pid));
    expect(readFileSync(join(helper.workspace.logDirectory, 'helper.log'), 'utf8')).toContain('stopping (ohfp was reinstalled since the helper started)');

    // A minute after the first start (the automatic start's interval), a call starts a current helper, which serves the calls after it.
    autoStartClaimedLongAgo(helper.socketPath);
    expect((await runOhfp(statusInput(requestId), auto, ohfp)).exitCode).toBe(0);
    await waitFor(() => existsSync(helper.socketPath));
    const second = (await runOhfp(['helper', 'status'], helper.environment, ohfp)).json<StatusOutput>();
    started.push({ pid: second.pid });
    const served = await runOhfp(statusInput(requestId), auto, ohfp);
    expect(served.stdout).toBe(declined.stdout);
    expect((await runOhfp(['helper', 'status'], helper.environment, ohfp)).json<StatusOutput>().callsServed).toBe(1);
    await runOhfp(['helper', 'stop'], helper.environment, ohfp);
  });

  it('falls back to in-process when the helper was killed (kill -9 leaves its socket behind)', async () => {
    const helper = helperWorkspace();
    const status = await startHelper(helper);
    const requested = await helper.run(requestInput(1));
    expect(requested.exitCode, requested.stderr).toBe(0);
    const { requestId } = requested.json<{ requestId: string }>();

    process.kill(status.pid, 'SIGKILL');
    await waitFor(() => !isAlive(status.pid));
    expect(statSync(helper.socketPath).isSocket()).toBe(true);

    const afterKill = await helper.run(statusInput(requestId));
    expect(afterKill.exitCode, afterKill.stderr).toBe(0);
    expect(afterKill.stderr).toBe('');
    expect(afterKill.stdout).toBe((await helper.runInProcess(statusInput(requestId))).stdout);
    const launchesBefore = ec2.actions.filter((action) => action === 'RunInstances').length;
    const launched = await helper.run(requestInput(1));
    expect(launched.exitCode, launched.stderr).toBe(0);
    expect(ec2.actions.filter((action) => action === 'RunInstances').length - launchesBefore).toBe(1);

    // A new helper replaces the stale socket.
    const replacement = await startHelper(helper);
    expect(replacement.pid).not.toBe(status.pid);
    expect((await helper.run(statusInput(requestId))).stdout).toBe(afterKill.stdout);
    expect(await callsServed(helper)).toBe(1);
    process.kill(replacement.pid, 'SIGTERM');
    await waitFor(() => !isAlive(replacement.pid));
    expect(existsSync(helper.socketPath)).toBe(false);
  });

  it('serves concurrent calls, each with its own output and its own log lines', async () => {
    const helper = helperWorkspace();
    await startHelper(helper);
    const requested = await helper.run(requestInput(3));
    const { requestId } = requested.json<{ requestId: string }>();
    const unknownId = 'req-00000000-0000-4000-8000-000000000002';
    const [known, unknown, knownAgain, unknownAgain] = await Promise.all([
      helper.run(statusInput(requestId)),
      helper.run(statusInput(unknownId)),
      helper.run(statusInput(requestId)),
      helper.run(statusInput(unknownId)),
    ]);
    expect(await callsServed(helper)).toBe(5);
    const knownInProcess = (await helper.runInProcess(statusInput(requestId))).stdout;
    const unknownInProcess = (await helper.runInProcess(statusInput(unknownId))).stdout;
    expect([known, knownAgain].map((answer) => answer.stdout)).toEqual([knownInProcess, knownInProcess]);
    expect([unknown, unknownAgain].map((answer) => answer.stdout)).toEqual([unknownInProcess, unknownInProcess]);
    expect(knownInProcess).not.toBe(unknownInProcess);
    // Each call's log lines carry the caller's pid and the helper's call number.
    const { readFileSync } = await import('node:fs');
    const lines = readFileSync(join(helper.workspace.logDirectory, 'app.log'), 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { msg?: string; call?: number; callerPid?: number });
    const finished = lines.filter((line) => line.msg === 'command finished' && line.call !== undefined);
    expect(new Set(finished.map((line) => line.call))).toEqual(new Set([1, 2, 3, 4, 5]));
    expect(finished.every((line) => typeof line.callerPid === 'number' && line.callerPid !== process.pid)).toBe(true);
  });

  it('counts HF_PROVIDER_ACTION_TIMEOUT from the calling process’s start, not the helper’s', async () => {
    const helper = helperWorkspace();
    await startHelper(helper);
    // The helper has been up longer than the call's whole budget: counted from its own start, the
    // call would be out of time before it began and launch nothing.
    await new Promise((resolveWait) => setTimeout(resolveWait, 4_500));
    const launchesBefore = ec2.actions.filter((action) => action === 'RunInstances').length;
    const requested = await helper.run(requestInput(1), { HF_PROVIDER_ACTION_TIMEOUT: '4' });
    expect(requested.exitCode, requested.stderr).toBe(0);
    expect(await callsServed(helper)).toBe(1);
    expect(requested.json<{ message: string }>().message).not.toMatch(/time budget/);
    expect(ec2.actions.filter((action) => action === 'RunInstances').length - launchesBefore).toBe(1);
  });

  it('falls back when the socket path holds a stale file that nothing listens on', async () => {
    const helper = helperWorkspace();
    writeFileSync(helper.socketPath, '');
    const templates = await helper.run(['getAvailableTemplates']);
    expect(templates.exitCode, templates.stderr).toBe(0);
    expect(templates.json<{ templates: unknown[] }>().templates).toHaveLength(1);
    // The helper refuses to replace what is not a socket.
    const start = await helper.run(['helper', 'start', '--foreground']);
    expect(start.exitCode).toBe(3);
    expect(start.stdout).toContain('is not a socket');
    expect(existsSync(helper.socketPath)).toBe(true);
  });

  it('declines a caller of another version or another process environment, which then runs in-process', async () => {
    const helper = helperWorkspace();
    await startHelper(helper);
    // Callers of another version or build, speaking the protocol on the socket directly.
    const { connect } = await import('node:net');
    const callFrom = (version: string, build: string) =>
      new Promise<unknown>((resolveReply, rejectReply) => {
        const socket = connect(helper.socketPath);
        let received = '';
        socket.on('data', (chunk: Buffer) => (received += chunk.toString()));
        socket.on('end', () => resolveReply(JSON.parse(received)));
        socket.on('error', rejectReply);
        socket.write(
          `${JSON.stringify({
            kind: 'call',
            protocol: 1,
            version,
            build,
            nodeVersion: process.version,
            execArgv: [],
            argv: requestInput(1),
            environment: helper.environment,
            currentDirectory: helper.workspace.root,
            elapsedMs: 10,
            callerPid: process.pid,
            stderrIsTerminal: false,
          })}\n`,
        );
      });
    expect(await callFrom('0.0.0-another', 'another-build')).toEqual({ kind: 'declined', reason: expect.stringContaining('ohfp 0.0.0-another') });
    // The version built into dist: the same version, reinstalled (another file) since the helper started.
    const builtVersion = (await helper.runInProcess(['--version'])).stdout.trim();
    expect(builtVersion).not.toBe('');
    expect(await callFrom(builtVersion, '/elsewhere/chunk.js:1')).toEqual({ kind: 'declined', reason: expect.stringContaining('another build of the same version') });
    expect(await callsServed(helper)).toBe(0);

    // AWS_PROFILE is read by the AWS SDK from the process environment: the helper's differs.
    const poll = statusInput('req-00000000-0000-4000-8000-000000000001');
    const otherProfile = await helper.run(poll, { AWS_PROFILE: 'another' });
    expect(otherProfile.exitCode, otherProfile.stderr).toBe(0);
    expect(otherProfile.stdout).toBe((await helper.runInProcess(poll)).stdout);
    expect(await callsServed(helper)).toBe(0);
    // The operator sees why calls are not served.
    expect((await helper.run(['helper', 'status'])).json()).toMatchObject({ callsDeclined: 3, lastDeclineReason: 'AWS_PROFILE differs from the helper’s environment' });
    // OHF_HELPER=off is never served either; an identical environment is, with the same answer.
    await helper.run(poll, { OHF_HELPER: 'off' });
    expect(await callsServed(helper)).toBe(0);
    expect((await helper.run(poll)).stdout).toBe(otherProfile.stdout);
    expect(await callsServed(helper)).toBe(1);
  });

  it('stops by itself after the idle timeout, removing its socket', async () => {
    const helper = helperWorkspace();
    const status = await startHelper(helper, ['--idle-timeout', '1']);
    expect(isAlive(status.pid)).toBe(true);
    // Started detached, with fixed allocator thresholds (see HELPER_ALLOCATOR_SETTINGS). glibc
    // parses the variable in place, so the process's own copy ends at the first tunable's end.
    const tunables = readFileSync(`/proc/${status.pid}/environ`, 'utf8').split('\0').find((entry) => entry.startsWith('GLIBC_TUNABLES='));
    expect(tunables).toMatch(/^GLIBC_TUNABLES=glibc\.malloc\.mmap_threshold=4194304/);
    await waitFor(() => !isAlive(status.pid) && !existsSync(helper.socketPath), 10_000);
    const templates = await helper.run(['getAvailableTemplates']);
    expect(templates.exitCode, templates.stderr).toBe(0);
  });

  it('explains itself in --help', async () => {
    const helper = helperWorkspace();
    const help = await helper.run(['helper', 'start', '--help']);
    expect(help.exitCode).toBe(0);
    expect(help.stdout).toContain('--foreground');
    expect(help.stdout).toContain('--idle-timeout');
    expect(help.stdout).toContain('OHF_HELPER_SOCKET');
    expect(help.stdout).toContain('0600');
    expect((await helper.run(['helper', '--help'])).stdout).toMatch(/helper start[\s\S]*helper status[\s\S]*helper stop/);
  });
});

describe('a helper that stops part-way through a call', () => {
  let fake: Server | undefined;

  afterEach(async () => {
    await new Promise<void>((resolveClose) => (fake ? fake.close(() => resolveClose()) : resolveClose()));
    fake = undefined;
  });

  /** A "helper" that answers `ready`, and drops the connection when the caller says `go`. */
  async function dyingHelper(socketPath: string): Promise<{ goes: number }> {
    const seen = { goes: 0 };
    fake = createServer((socket) => {
      socket.on('data', (chunk: Buffer) => {
        for (const line of chunk.toString().split('\n').filter(Boolean)) {
          const message = JSON.parse(line) as { kind: string };
          if (message.kind === 'call') socket.write(`${JSON.stringify({ kind: 'ready' })}\n`);
          if (message.kind === 'go') {
            seen.goes += 1;
            socket.destroy();
          }
        }
      });
    });
    await new Promise<void>((resolveListen) => fake!.listen(socketPath, resolveListen));
    return seen;
  }

  it('runs a read-only operation again in-process, and never a mutating one', async () => {
    const helper = helperWorkspace();
    const requested = await helper.runInProcess(requestInput(1));
    const { requestId } = requested.json<{ requestId: string }>();
    const seen = await dyingHelper(helper.socketPath);

    const poll = await helper.run(statusInput(requestId));
    expect(seen.goes).toBe(1);
    expect(poll.exitCode, poll.stderr).toBe(0);
    expect(poll.stdout).toBe((await helper.runInProcess(statusInput(requestId))).stdout);

    const launchesBefore = ec2.actions.filter((action) => action === 'RunInstances').length;
    const launch = await helper.run(requestInput(1));
    expect(seen.goes).toBe(2);
    expect(launch.exitCode).toBe(6);
    expect(launch.json<{ message: string }>().message).toContain('may have started: it is not run again');
    expect(ec2.actions.filter((action) => action === 'RunInstances').length).toBe(launchesBefore);
  });
});
