import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createWorkspace, memoryConfiguration, runOhfp, WEB_TEMPLATES, type Workspace } from './cli-harness.js';

const TEMPLATES = { templates: [...WEB_TEMPLATES.templates, { ...WEB_TEMPLATES.templates[0], templateId: 'batch', maxNumber: -1 }] };

function memoryWorkspace(strategy: 'sqlite' | 'json' = 'sqlite'): Workspace {
  const workspace = createWorkspace({ 'templates.json': TEMPLATES });
  workspace.write('config.yaml', memoryConfiguration(workspace.workDirectory));
  if (strategy === 'json') workspace.environment.HF_STORAGE__STRATEGY = 'json';
  return workspace;
}

/** availableNumber per template, and whether the answer came from the start-up snapshot (the fast path). */
async function available(workspace: Workspace): Promise<{ numbers: Record<string, number>; fastPath: boolean }> {
  const run = await runOhfp(['getAvailableTemplates', '--data', '{}'], workspace.environment);
  expect(run.exitCode, run.stdout).toBe(0);
  const templates = run.json<{ templates: { templateId: string; maxNumber: number; availableNumber: number }[] }>().templates;
  const finished = readFileSync(join(workspace.logDirectory, 'app.log'), 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as { command?: string; source?: string; msg: string })
    .filter((line) => line.msg === 'command finished');
  const last = finished.at(-1)!;
  expect(last.command).toBe('getAvailableTemplates');
  return { numbers: Object.fromEntries(templates.map((template) => [template.templateId, template.availableNumber])), fastPath: last.source === 'template snapshot' };
}

async function succeed<T>(workspace: Workspace, operation: string, input: unknown): Promise<T> {
  const run = await runOhfp([operation, '--data', JSON.stringify(input)], workspace.environment);
  expect(run.exitCode, run.stdout).toBe(0);
  return run.json<T>();
}

describe('maxNumber and availableNumber through the built ohfp', () => {
  it.each(['sqlite', 'json'] as const)('reports availableNumber, kept current by requests and returns, from the fast path without opening the %s storage', async (strategy) => {
    const workspace = memoryWorkspace(strategy);
    expect(await available(workspace)).toEqual({ numbers: { web: 10, batch: -1 }, fastPath: false });
    expect(await available(workspace)).toEqual({ numbers: { web: 10, batch: -1 }, fastPath: true });
    // Nothing was ever stored: listing templates did not even create the database.
    expect(existsSync(join(workspace.workDirectory, strategy === 'sqlite' ? 'request_database.db' : 'request_database.json'))).toBe(false);

    const { requestId } = await succeed<{ requestId: string }>(workspace, 'requestMachines', { template: { templateId: 'web', machineCount: 3 } });
    expect(await available(workspace)).toEqual({ numbers: { web: 7, batch: -1 }, fastPath: true });

    const refused = await runOhfp(['requestMachines', '--data', '{"template":{"templateId":"web","machineCount":8}}'], workspace.environment);
    expect(refused.exitCode).toBe(1);
    expect(refused.json()).toEqual({
      message: 'Template "web" allows at most 10 machines at once; 3 are running or on order, so at most 7 more can be requested (8 were requested).',
    });

    const [status] = (await succeed<{ requests: { machines: { machineId: string; name: string }[] }[] }>(workspace, 'getRequestStatus', { requests: [{ requestId }] })).requests;
    expect(await available(workspace)).toEqual({ numbers: { web: 7, batch: -1 }, fastPath: true });
    await succeed(workspace, 'requestReturnMachines', { machines: status!.machines.slice(0, 2).map(({ name, machineId }) => ({ name, machineId })) });
    expect(await available(workspace)).toEqual({ numbers: { web: 9, batch: -1 }, fastPath: true });

    await succeed(workspace, 'requestMachines', { template: { templateId: 'batch', machineCount: 25 } });
    expect(await available(workspace)).toEqual({ numbers: { web: 9, batch: -1 }, fastPath: true });
  });

  it('falls back to storage when the usage file is missing or does not match the database', async () => {
    const workspace = memoryWorkspace();
    await succeed(workspace, 'requestMachines', { template: { templateId: 'web', machineCount: 4 } });
    // The first answer ever takes the full path (it records what the fast path needs).
    expect(await available(workspace)).toEqual({ numbers: { web: 6, batch: -1 }, fastPath: false });
    expect(await available(workspace)).toEqual({ numbers: { web: 6, batch: -1 }, fastPath: true });

    const usageFile = join(workspace.workDirectory, '.ohfp-template-usage.json');
    const usage = JSON.parse(readFileSync(usageFile, 'utf8')) as { usage: Record<string, number> };
    // As if another process had changed machines since: the stamp no longer matches the database.
    writeFileSync(usageFile, JSON.stringify({ ...usage, usage: { web: 0 }, stamp: 'another-database-state' }));
    expect(await available(workspace)).toEqual({ numbers: { web: 6, batch: -1 }, fastPath: false });
    expect(await available(workspace)).toEqual({ numbers: { web: 6, batch: -1 }, fastPath: true });

    writeFileSync(usageFile, '{"version": 1, "usa');
    expect(await available(workspace)).toEqual({ numbers: { web: 6, batch: -1 }, fastPath: false });
  });

  it('leaves storage and the usage file untouched after a call that only reads, and the fast path still answers', async () => {
    const workspace = memoryWorkspace();
    await succeed(workspace, 'requestMachines', { template: { templateId: 'web', machineCount: 2 } });
    // The first answer ever takes the full path and records the template snapshot.
    expect(await available(workspace)).toEqual({ numbers: { web: 8, batch: -1 }, fastPath: false });
    await succeed(workspace, 'getReturnRequests', { machines: [] });
    const identity = () =>
      ['request_database.db', '.ohfp-template-usage.json'].map((name) => {
        const stat = statSync(join(workspace.workDirectory, name));
        return `${name} ${stat.mtimeMs} ${stat.size}`;
      });
    const before = identity();
    // Reads only: selection learned nothing, so neither its state nor the machine counts are written again.
    for (let call = 0; call < 2; call += 1) await succeed(workspace, 'getReturnRequests', { machines: [] });
    expect(identity()).toEqual(before);
    expect(await available(workspace)).toEqual({ numbers: { web: 8, batch: -1 }, fastPath: true });
  });
});
