import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { InMemoryCloud } from '@ohf/provider-sdk/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { CLI_BINARY, CLI_ROOT, createWorkspace, memoryConfiguration, runOhfp, WEB_TEMPLATES, type Workspace } from './cli-harness.js';

interface StatusAnswer {
  requests: {
    requestId: string;
    status: string;
    message: string;
    machines: { machineId: string; name: string; result: string; status: string; launchtime: number; message: string; instanceTags?: string }[];
  }[];
}

async function pollUntilFinished(workspace: Workspace, requestId: string): Promise<StatusAnswer['requests'][number]> {
  for (let poll = 0; poll < 10; poll += 1) {
    const run = await runOhfp(['getRequestStatus', '--data', JSON.stringify({ requests: [{ requestId }] })], workspace.environment);
    expect(run.exitCode).toBe(0);
    const [request] = run.json<StatusAnswer>().requests;
    if (request!.status !== 'running') return request!;
  }
  throw new Error(`request ${requestId} still running after 10 polls`);
}

beforeAll(() => {
  if (!existsSync(CLI_BINARY)) throw new Error(`Build the CLI first (${CLI_BINARY} is missing): npx nx build @ohf/cli`);
});

describe('ohfp speaks the Host Factory contract', () => {
  it('getAvailableTemplates prints only the response JSON and logs to $HF_PROVIDER_LOGDIR/app.log', async () => {
    const workspace = createWorkspace({ 'templates.json': WEB_TEMPLATES });
    workspace.write('config.yaml', memoryConfiguration(workspace.workDirectory));
    const input = workspace.write('input.json', {});
    const run = await runOhfp(['getAvailableTemplates', '-f', input], workspace.environment);
    expect(run.exitCode).toBe(0);
    expect(run.json()).toEqual({
      message: 'Get available templates success.',
      templates: [
        expect.objectContaining({
          templateId: 'web',
          maxNumber: 10,
          attributes: { type: ['String', 'X86_64'], ncpus: ['Numeric', '2'], nram: ['Numeric', '4096'] },
          imageId: 'img-debian',
          vmType: 'small',
          priceType: 'ondemand',
          instanceTags: 'team=hpc;cost-center=4711',
        }),
      ],
    });
    expect(readFileSync(join(workspace.logDirectory, 'app.log'), 'utf8')).toContain('"command":"getAvailableTemplates"');
  });

  it('accepts options before the operation, as wrappers pass them', async () => {
    const workspace = createWorkspace({ 'templates.json': WEB_TEMPLATES });
    workspace.write('config.yaml', memoryConfiguration(workspace.workDirectory));
    const run = await runOhfp(['--data', '{}', 'getAvailableTemplates'], workspace.environment);
    expect(run.exitCode).toBe(0);
    expect(run.json<{ templates: unknown[] }>().templates).toHaveLength(1);
  });

  it('provisions, reports and returns machines across separate invocations', async () => {
    const workspace = createWorkspace({ 'templates.json': WEB_TEMPLATES });
    workspace.write('config.yaml', memoryConfiguration(workspace.workDirectory));
    const requested = await runOhfp(['requestMachines', '--data', '{"template":{"templateId":"web","machineCount":3}}'], workspace.environment);
    expect(requested.exitCode).toBe(0);
    const { requestId, message } = requested.json<{ requestId: string; message: string }>();
    expect(requestId).toMatch(/^req-[0-9a-f-]{36}$/);
    expect(message).toMatch(/^Request VM success from /);

    const done = await pollUntilFinished(workspace, requestId);
    expect(done.status).toBe('complete');
    expect(done.machines).toHaveLength(3);
    for (const machine of done.machines) {
      expect(machine).toMatchObject({ result: 'succeed', status: 'running', instanceTags: 'team=hpc;cost-center=4711' });
      expect(machine.launchtime).toBeGreaterThan(1_600_000_000);
    }
    const cloud = new InMemoryCloud({ statePath: join(workspace.workDirectory, 'cloud-a.json') });
    expect(cloud.instances().filter((instance) => instance.nativeState !== 'deleted')).toHaveLength(3);

    const returned = await runOhfp(
      ['requestReturnMachines', '--data', JSON.stringify({ machines: done.machines.map(({ name, machineId }) => ({ name, machineId })) })],
      workspace.environment,
    );
    expect(returned.exitCode).toBe(0);
    const returnAnswer = returned.json<{ requestId: string; message: string }>();
    expect(returnAnswer).toEqual({ requestId: expect.stringMatching(/^ret-/), message: 'Delete VM success.' });
    const finished = await pollUntilFinished(workspace, returnAnswer.requestId);
    expect(finished.status).toBe('complete');
    expect(finished.machines.map((machine) => [machine.result, machine.status])).toEqual([
      ['succeed', 'terminated'],
      ['succeed', 'terminated'],
      ['succeed', 'terminated'],
    ]);
  });

  it('tops a request up through the failover chain when the first instance runs out of capacity', async () => {
    const workspace = createWorkspace({ 'templates.json': WEB_TEMPLATES });
    workspace.write('config.yaml', memoryConfiguration(workspace.workDirectory, { capacityA: 2 }));
    const requested = await runOhfp(['requestMachines', '--data', '{"template":{"templateId":"web","machineCount":5}}'], workspace.environment);
    expect(requested.exitCode).toBe(0);
    const done = await pollUntilFinished(workspace, requested.json<{ requestId: string }>().requestId);
    expect(done.status).toBe('complete');
    expect(done.machines).toHaveLength(5);
    const live = (file: string) =>
      new InMemoryCloud({ statePath: join(workspace.workDirectory, file) }).instances().filter((instance) => instance.nativeState !== 'deleted').length;
    expect([live('cloud-a.json'), live('cloud-b.json')]).toEqual([2, 3]);
  });

  it('loses and duplicates nothing when the process is killed right after the cloud created machines', async () => {
    const workspace = createWorkspace({ 'templates.json': WEB_TEMPLATES });
    workspace.write('config.yaml', memoryConfiguration(workspace.workDirectory, { crashAfterCreate: true }));
    const crashed = await runOhfp(['requestMachines', '--data', '{"template":{"templateId":"web","machineCount":4}}'], workspace.environment);
    expect(crashed.signal ?? crashed.exitCode).not.toBe(0);
    const cloud = new InMemoryCloud({ statePath: join(workspace.workDirectory, 'cloud-a.json') });
    expect(cloud.instances()).toHaveLength(4);

    const listed = await runOhfp(['requests', 'list'], workspace.environment);
    const [request] = listed.json<{ requests: { requestId: string }[] }>().requests;
    expect(request).toBeDefined();
    const done = await pollUntilFinished(workspace, request!.requestId);
    expect(done.status).toBe('complete');
    expect(done.machines.map((machine) => machine.machineId).sort()).toEqual(cloud.instances().map((instance) => instance.id).sort());
    expect(new InMemoryCloud({ statePath: join(workspace.workDirectory, 'cloud-a.json') }).instances()).toHaveLength(4);
  });

  it('getReturnRequests lists machines deleted outside the scheduler', async () => {
    const workspace = createWorkspace({ 'templates.json': WEB_TEMPLATES });
    workspace.write('config.yaml', memoryConfiguration(workspace.workDirectory));
    const requested = await runOhfp(['requestMachines', '--data', '{"template":{"templateId":"web","machineCount":2}}'], workspace.environment);
    const done = await pollUntilFinished(workspace, requested.json<{ requestId: string }>().requestId);
    const [gone, kept] = done.machines;
    new InMemoryCloud({ statePath: join(workspace.workDirectory, 'cloud-a.json') }).remove(gone!.machineId);

    const run = await runOhfp(
      ['getReturnRequests', '--data', JSON.stringify({ machines: done.machines.map(({ name, machineId }) => ({ name, machineId })) })],
      workspace.environment,
    );
    expect(run.exitCode).toBe(0);
    expect(run.json()).toEqual({ status: 'complete', message: '', requests: [{ machine: gone!.name, machineId: gone!.machineId, gracePeriod: 0 }] });
    expect(kept).toBeDefined();
  });

  it('plans a request with --dry-run and records nothing', async () => {
    const workspace = createWorkspace({ 'templates.json': WEB_TEMPLATES });
    workspace.write('config.yaml', memoryConfiguration(workspace.workDirectory));
    const run = await runOhfp(['requestMachines', '--dry-run', '--data', '{"template":{"templateId":"web","machineCount":2}}'], workspace.environment);
    expect(run.exitCode).toBe(0);
    expect(run.json()).toMatchObject({ dryRun: true, providerInstance: 'mem-a', selection: expect.anything(), plannedCalls: expect.any(Array) });
    const listed = await runOhfp(['requests', 'list'], workspace.environment);
    expect(listed.json<{ requests: unknown[] }>().requests).toEqual([]);
  });
});

describe('ohfp answers bad input with contract-shaped JSON and a non-zero exit', () => {
  let workspace: Workspace;
  beforeAll(() => {
    workspace = createWorkspace({ 'templates.json': WEB_TEMPLATES });
    workspace.write('config.yaml', memoryConfiguration(workspace.workDirectory));
  });

  it.each([
    ['malformed JSON', ['requestMachines', '--data', '{"template":'], 2, /not valid JSON/],
    ['a missing input file', ['requestMachines', '-f', '/nonexistent/hf_in'], 2, /does not exist/],
    ['an unknown template', ['requestMachines', '--data', '{"template":{"templateId":"nope","machineCount":1}}'], 4, /nope/],
    ['a count over maxNumber', ['requestMachines', '--data', '{"template":{"templateId":"web","machineCount":11}}'], 1, /10/],
    ['a zero count', ['requestMachines', '--data', '{"template":{"templateId":"web","machineCount":0}}'], 2, /machineCount/],
  ])('%s', async (_case, args, exitCode, message) => {
    const run = await runOhfp(args as string[], workspace.environment);
    expect(run.exitCode).toBe(exitCode);
    const answer = run.json<{ message: string; requestId?: string }>();
    expect(answer.requestId).toBeUndefined();
    expect(answer.message).toMatch(message as RegExp);
    expect(run.stdout).not.toMatch(/\n\s+at /);
  });

  it('reports an unknown request id inside the answer, not as a crash', async () => {
    const id = 'req-00000000-0000-4000-8000-000000000099';
    const run = await runOhfp(['getRequestStatus', '--data', JSON.stringify({ requests: [{ requestId: id }] })], workspace.environment);
    expect(run.exitCode).toBe(0);
    expect(run.json()).toEqual({ requests: [{ requestId: id, status: 'complete_with_error', message: expect.stringContaining(id), machines: [] }] });
  });

  it('rejects an unknown option instead of ignoring it', async () => {
    const run = await runOhfp(['getAvailableTemplates', '--frobnicate'], workspace.environment);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toMatch(/frobnicate/);
  });
});

describe('the Symphony wrappers', () => {
  it('scripts/getAvailableTemplates.sh runs the operation with the -f file', async () => {
    const workspace = createWorkspace({ 'templates.json': WEB_TEMPLATES });
    workspace.write('config.yaml', memoryConfiguration(workspace.workDirectory));
    const input = workspace.write('hf_in', {});
    // In its own process: the scripts otherwise start a resident helper (test/resident-helper.test.ts), which would outlive the test.
    const run = await runOhfp(['-f', input], { ...workspace.environment, OHF_HELPER: 'off' }, [join(CLI_ROOT, 'scripts', 'getAvailableTemplates.sh')]);
    expect(run.exitCode).toBe(0);
    expect(run.json<{ message: string }>().message).toBe('Get available templates success.');
  });
});
