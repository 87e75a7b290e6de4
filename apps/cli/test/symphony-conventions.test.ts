import { existsSync, readFileSync } from 'node:fs';
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
