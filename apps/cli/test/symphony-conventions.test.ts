import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createWorkspace, memoryConfiguration, runOhfp, WEB_TEMPLATES, type Workspace } from './cli-harness.js';

function memoryWorkspace(): Workspace {
  const workspace = createWorkspace({ 'templates.json': WEB_TEMPLATES });
  workspace.write('config.yaml', memoryConfiguration(workspace.workDirectory));
  return workspace;
}

function logLines(workspace: Workspace): { level: number; msg: string }[] {
  const file = join(workspace.logDirectory, 'app.log');
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as { level: number; msg: string });
}

describe('Symphony’s log levels', () => {
  it('HF_LOG_LEVEL=LOG_DEBUG logs debug lines; HF_LOGLEVEL=LOG_ERR keeps info lines out', async () => {
    const debug = memoryWorkspace();
    const { HF_LOG_LEVEL: _ours, ...environment } = debug.environment;
    expect((await runOhfp(['requests', 'list'], { ...environment, HF_LOG_LEVEL: 'LOG_DEBUG' })).exitCode).toBe(0);
    expect(logLines(debug).some((line) => line.level === 20 && line.msg === 'configuration loaded')).toBe(true);

    const quiet = memoryWorkspace();
    const { HF_LOG_LEVEL: _theirs, ...quietEnvironment } = quiet.environment;
    expect((await runOhfp(['requests', 'list'], { ...quietEnvironment, HF_LOGLEVEL: 'LOG_ERR' })).exitCode).toBe(0);
    expect(logLines(quiet).filter((line) => line.level < 50)).toEqual([]);
  });

  it('an unknown level is a configuration error: exit 3 and a message naming the variable', async () => {
    const workspace = memoryWorkspace();
    const { HF_LOG_LEVEL: _level, ...environment } = workspace.environment;
    const run = await runOhfp(['getAvailableTemplates', '--data', '{}'], { ...environment, HF_LOGLEVEL: 'LOUD' });
    expect(run.exitCode).toBe(3);
    expect(run.json<{ message: string }>().message).toMatch(/^HF_LOGLEVEL="LOUD" is not a log level: use one of .*LOG_INFO/);
  });
});

describe('the directory layout hostProviders.json points at', () => {
  it('with only HF_CONFDIR, HF_WORKDIR, HF_LOGDIR and HF_PROVIDER_NAME set, uses providers/<name>/ under each, on the full and the fast path', async () => {
    const top = mkdtempSync(join(tmpdir(), 'ohf-hf-top-'));
    const confPath = join(top, 'conf', 'providers', 'awsinst');
    const workPath = join(top, 'work', 'providers', 'awsinst');
    mkdirSync(confPath, { recursive: true });
    writeFileSync(join(confPath, 'templates.json'), JSON.stringify(WEB_TEMPLATES));
    writeFileSync(join(confPath, 'config.yaml'), memoryConfiguration(workPath));
    const environment = {
      PATH: process.env.PATH ?? '',
      HF_CONFDIR: join(top, 'conf'),
      HF_WORKDIR: join(top, 'work'),
      HF_LOGDIR: join(top, 'log'),
      HF_PROVIDER_NAME: 'awsinst',
    };
    for (let call = 0; call < 2; call += 1) {
      const run = await runOhfp(['getAvailableTemplates', '--data', '{}'], environment);
      expect(run.exitCode, run.stdout).toBe(0);
      expect(run.json<{ templates: { templateId: string }[] }>().templates.map((template) => template.templateId)).toEqual(['web']);
    }
    const log = readFileSync(join(top, 'log', 'app.log'), 'utf8');
    expect(log).toContain('"source":"template snapshot"');

    const requested = await runOhfp(['requestMachines', '--data', '{"template":{"templateId":"web","machineCount":1}}'], environment);
    expect(requested.exitCode, requested.stdout).toBe(0);
    expect(existsSync(join(workPath, 'request_database.db'))).toBe(true);
    expect(existsSync(join(top, 'work', 'request_database.db'))).toBe(false);
  });
});

describe('<HF_PROVIDER_NAME>prov_templates.json', () => {
  it('is read with the other template files, above templates.json, on the full and the fast path', async () => {
    const workspace = memoryWorkspace();
    const environment = { ...workspace.environment, HF_PROVIDER_NAME: 'awsinst' };
    const [web] = WEB_TEMPLATES.templates;
    workspace.write('awsinstprov_templates.json', { templates: [{ templateId: 'web', maxNumber: 4 }, { ...web, templateId: 'web-large', vmType: 'large' }] });
    const answer = async () => {
      const run = await runOhfp(['getAvailableTemplates', '--data', '{}'], environment);
      expect(run.exitCode, run.stdout).toBe(0);
      return run.json<{ templates: { templateId: string; maxNumber: number }[] }>().templates.map(({ templateId, maxNumber }) => [templateId, maxNumber]);
    };
    expect(await answer()).toEqual([['web', 4], ['web-large', 10]]);
    expect(await answer()).toEqual([['web', 4], ['web-large', 10]]);
    expect(readFileSync(join(workspace.logDirectory, 'app.log'), 'utf8')).toContain('"source":"template snapshot"');

    workspace.write('awsinstprov_templates.json', { templates: [{ templateId: 'web', maxNumber: 6 }] });
    expect(await answer()).toEqual([['web', 6]]);
    const shown = await runOhfp(['templates', 'show', 'web', '--source-info'], environment);
    expect(shown.json<{ sourceInfo: { fields: Record<string, { file: string; level: string }> } }>().sourceInfo.fields['maxNumber']).toMatchObject({
      file: 'awsinstprov_templates.json',
      level: 'provider',
    });
  });
});
