import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createWorkspace, memoryConfiguration, runOhfp, WEB_TEMPLATES, type Workspace } from './cli-harness.js';

/** Templates written the ways the Host Factory providers write them. */
const PEER_TEMPLATES = {
  templates: [
    // IBM's awsprov_templates.json: plain values.
    { templateId: 'ibm-plain', maxNumber: 5, attributes: { type: 'X86_64', ncpus: 1, nram: 1024, rank: 0 }, imageId: 'img-debian', vmType: 'small' },
    // Morgan Stanley's provider: one-item lists.
    { templateId: 'ms-lists', maxNumber: 5, attributes: { type: ['String', 'X86_64'], ncpus: ['8'], nram: ['4096'], ncores: ['1'] }, imageId: 'img-debian', vmType: 'small' },
    // Lower-case kinds and numbers as numbers.
    { templateId: 'lower-kinds', maxNumber: 5, attributes: { type: ['string', 'x86_64'], ncpus: ['numeric', 2], nram: ['Numeric', 2048] }, imageId: 'img-debian', vmType: 'small' },
    // Cannot be used: ncpus is an object.
    { templateId: 'unusable', maxNumber: 5, attributes: { type: 'X86_64', ncpus: { count: 2 }, nram: 1024 }, imageId: 'img-debian', vmType: 'small' },
  ],
};

function workspaceWith(templates: unknown): Workspace {
  const workspace = createWorkspace({ 'templates.json': templates });
  workspace.write('config.yaml', memoryConfiguration(workspace.workDirectory));
  return workspace;
}

interface TemplateAnswer {
  templates: { templateId: string; attributes: Record<string, [string, string]> }[];
}

describe('template attributes in every form the peers write', () => {
  it('are normalized to [kind, value-string]; an unusable template is left out, logged with file and reason, and shown by templates validate', async () => {
    const workspace = workspaceWith(PEER_TEMPLATES);
    const run = await runOhfp(['getAvailableTemplates', '--data', '{}'], workspace.environment);
    expect(run.exitCode, run.stdout).toBe(0);
    const byId = new Map(run.json<TemplateAnswer>().templates.map((template) => [template.templateId, template.attributes]));
    expect([...byId.keys()]).toEqual(['ibm-plain', 'ms-lists', 'lower-kinds']);
    expect(byId.get('ibm-plain')).toEqual({ type: ['String', 'X86_64'], ncpus: ['Numeric', '1'], nram: ['Numeric', '1024'], rank: ['Numeric', '0'] });
    expect(byId.get('ms-lists')).toEqual({ type: ['String', 'X86_64'], ncpus: ['Numeric', '8'], nram: ['Numeric', '4096'], ncores: ['Numeric', '1'] });
    expect(byId.get('lower-kinds')).toEqual({ type: ['String', 'x86_64'], ncpus: ['Numeric', '2'], nram: ['Numeric', '2048'] });

    const warnings = readFileSync(join(workspace.logDirectory, 'app.log'), 'utf8')
      .split('\n')
      .filter((line) => line.includes('"level":40'))
      .map((line) => JSON.parse(line) as { templateId: string; file: string; problems: string[]; msg: string });
    expect(warnings).toContainEqual(
      expect.objectContaining({
        msg: 'template cannot be used; it is left out of getAvailableTemplates',
        templateId: 'unusable',
        file: 'templates.json',
        problems: [expect.stringMatching(/attributes\.ncpus.*expected \[kind, value\]/)],
      }),
    );

    const validated = await runOhfp(['templates', 'validate', '--all'], workspace.environment);
    expect(validated.exitCode).toBe(1);
    expect(validated.json()).toMatchObject({
      valid: false,
      results: expect.arrayContaining([
        expect.objectContaining({ templateId: 'unusable', valid: false, errors: [expect.objectContaining({ file: 'templates.json', field: 'attributes.ncpus' })] }),
      ]),
    });
  });
});

describe('a template file that does not parse', () => {
  it('is a configuration error naming the file and the parse error, never a shorter list — also on the next call', async () => {
    const workspace = workspaceWith(WEB_TEMPLATES);
    expect((await runOhfp(['getAvailableTemplates', '--data', '{}'], workspace.environment)).exitCode).toBe(0);
    workspace.write('mem-a_templates.json', '{"templates": [{"templateId": "web", "maxNumber": 3,}]}');
    for (let call = 0; call < 2; call += 1) {
      const run = await runOhfp(['getAvailableTemplates', '--data', '{}'], workspace.environment);
      expect(run.exitCode).toBe(3);
      expect(run.json<{ message: string }>().message).toMatch(
        new RegExp(`^Template file ${join(workspace.configDirectory, 'mem-a_templates.json').replaceAll('/', '\\/')} cannot be used: Not valid JSON: .*line 1 column`),
      );
    }
    const requested = await runOhfp(['requestMachines', '--data', '{"template":{"templateId":"web","machineCount":1}}'], workspace.environment);
    expect(requested.exitCode).toBe(3);
    expect(requested.json<{ message: string; requestId?: string }>()).toEqual({ message: expect.stringMatching(/mem-a_templates\.json cannot be used/) });
    const listed = await runOhfp(['templates', 'list'], workspace.environment);
    expect(listed.exitCode).toBe(3);
    expect(listed.json<{ error: { code: string; message: string; details: { file: string } } }>().error).toMatchObject({
      code: 'VALIDATION_ERROR',
      details: { file: join(workspace.configDirectory, 'mem-a_templates.json') },
    });

    workspace.write('mem-a_templates.json', '{"templates": [{"templateId": "web", "maxNumber": 3}]}');
    const fixed = await runOhfp(['getAvailableTemplates', '--data', '{}'], workspace.environment);
    expect(fixed.exitCode).toBe(0);
    expect(fixed.json<{ templates: { templateId: string; maxNumber: number }[] }>().templates).toEqual([expect.objectContaining({ templateId: 'web', maxNumber: 3 })]);
  });
});
