import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { InMemoryCloud } from '@ohf/provider-sdk/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { createWorkspace, memoryConfiguration, runOhfp, WEB_TEMPLATES, type Workspace } from './cli-harness.js';

interface StatusAnswer {
  requests: { requestId: string; status: string; message: string; machines: { machineId: string; name: string; result: string; status: string }[] }[];
}

function memoryWorkspace(): Workspace {
  const workspace = createWorkspace({ 'templates.json': WEB_TEMPLATES });
  workspace.write('config.yaml', memoryConfiguration(workspace.workDirectory));
  return workspace;
}

async function status(workspace: Workspace, input: unknown): Promise<StatusAnswer['requests']> {
  const run = await runOhfp(['getRequestStatus', '--data', JSON.stringify(input)], workspace.environment);
  expect(run.exitCode, run.stdout).toBe(0);
  return run.json<StatusAnswer>().requests;
}

async function runningMachines(workspace: Workspace, count: number): Promise<StatusAnswer['requests'][number]['machines']> {
  const requested = await runOhfp(['requestMachines', '--data', JSON.stringify({ template: [{ templateId: 'web', machineCount: count }] })], workspace.environment);
  expect(requested.exitCode, requested.stdout).toBe(0);
  const { requestId } = requested.json<{ requestId: string }>();
  // `requests` as one object instead of a list, as IBM's reference allows.
  const [request] = await status(workspace, { requests: { requestId } });
  expect(request).toMatchObject({ requestId, status: 'complete' });
  return request!.machines;
}

describe('Host Factory operations accept the shapes IBM’s reference allows', () => {
  it('requestMachines takes template as a one-item list and getRequestStatus a single requests object', async () => {
    const machines = await runningMachines(memoryWorkspace(), 2);
    expect(machines.map((machine) => machine.result)).toEqual(['succeed', 'succeed']);
  });

  it('requestReturnMachines resolves machines named by host name only, given as one object', async () => {
    const workspace = memoryWorkspace();
    const [first, second] = await runningMachines(workspace, 2);
    const returned = await runOhfp(['requestReturnMachines', '--data', JSON.stringify({ machines: { name: first!.name } })], workspace.environment);
    expect(returned.exitCode, returned.stdout).toBe(0);
    const answer = returned.json<{ requestId: string; message: string }>();
    expect(answer).toEqual({ requestId: expect.stringMatching(/^ret-/), message: 'Delete VM success.' });
    const [returnRequest] = await status(workspace, { requests: [{ requestId: answer.requestId }] });
    expect(returnRequest).toMatchObject({ status: 'complete', machines: [{ machineId: first!.machineId, result: 'succeed', status: 'terminated' }] });
    const cloud = new InMemoryCloud({ statePath: join(workspace.workDirectory, 'cloud-a.json') });
    expect(cloud.instances().filter((instance) => instance.nativeState !== 'deleted').map((instance) => instance.id)).toEqual([second!.machineId]);
  });

  it('getReturnRequests takes machines named by host name only, given as one object', async () => {
    const workspace = memoryWorkspace();
    const [gone] = await runningMachines(workspace, 1);
    new InMemoryCloud({ statePath: join(workspace.workDirectory, 'cloud-a.json') }).remove(gone!.machineId);
    const run = await runOhfp(['getReturnRequests', '--data', JSON.stringify({ machines: { name: gone!.name } })], workspace.environment);
    expect(run.exitCode, run.stdout).toBe(0);
    expect(run.json()).toEqual({ status: 'complete', message: '', requests: [{ machine: gone!.name, machineId: gone!.machineId, gracePeriod: 0 }] });
  });
});

describe('Host Factory input is validated, never coerced', () => {
  let workspace: Workspace;
  beforeAll(() => {
    workspace = memoryWorkspace();
  });

  it.each([
    ['machineCount true', '{"template":{"templateId":"web","machineCount":true}}', /template\.machineCount: machineCount must be a JSON number/],
    ['machineCount "0x2"', '{"template":{"templateId":"web","machineCount":"0x2"}}', /template\.machineCount: machineCount must be a JSON number/],
    ['machineCount [2]', '{"template":{"templateId":"web","machineCount":[2]}}', /template\.machineCount: machineCount must be a JSON number/],
    ['machineCount "2"', '{"template":{"templateId":"web","machineCount":"2"}}', /template\.machineCount: machineCount must be a JSON number/],
    ['machineCount 2.5', '{"template":{"templateId":"web","machineCount":2.5}}', /template\.machineCount: machineCount must be a whole number/],
    ['machineCount "1e3"', '{"template":{"templateId":"web","machineCount":"1e3"}}', /template\.machineCount: machineCount must be a JSON number/],
    ['a NUL byte in templateId', '{"template":{"templateId":"web\\u0000","machineCount":1}}', /template\.templateId: templateId may contain only/],
  ])('requestMachines refuses %s with exit 2 and a message naming the field', async (_case, data, message) => {
    const run = await runOhfp(['requestMachines', '--data', data], workspace.environment);
    expect(run.exitCode).toBe(2);
    const answer = run.json<{ message: string; requestId?: string }>();
    expect(answer.requestId).toBeUndefined();
    expect(answer.message).toMatch(message);
  });

  it.each([
    ['getRequestStatus', { requests: [{ requestId: 'req-\u0000' }] }, /requests\.0\.requestId: requestId must not contain control characters/],
    ['requestReturnMachines', { machines: [{ name: 'host', machineId: 'i-\u0000abc' }] }, /machines\.0\.machineId: machineId must not contain control characters/],
    ['getReturnRequests', { machines: [{ name: 'host\u0007' }] }, /machines\.0\.name: name must not contain control characters/],
    ['getReturnRequests', { machines: [{ name: 'host-\ud800' }] }, /machines\.0\.name: .*invalid Unicode/],
  ])('%s refuses invalid text from an input file with exit 2, never a storage error', async (operation, input, message) => {
    const file = join(workspace.root, `${operation}-input.json`);
    writeFileSync(file, JSON.stringify(input));
    const run = await runOhfp([operation, '-f', file], workspace.environment);
    expect(run.exitCode).toBe(2);
    expect(run.json<{ message: string }>().message).toMatch(message);
  });

  it('refuses an input file that is not UTF-8 text', async () => {
    const file = join(workspace.root, 'latin1-input.json');
    writeFileSync(file, Buffer.concat([Buffer.from('{"machines":[{"name":"h'), Buffer.from([0xe9, 0xff]), Buffer.from('"}]}')]));
    const run = await runOhfp(['getReturnRequests', '-f', file], workspace.environment);
    expect(run.exitCode).toBe(2);
    expect(run.json<{ message: string }>().message).toMatch(/not valid UTF-8/);
  });
});
