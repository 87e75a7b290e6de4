import { describe, expect, it } from 'vitest';
import type { TemplateFileReference } from '../hierarchy/template-files.js';
import { parseTemplateFile } from './parse-template-file.js';

const file: TemplateFileReference = { name: 'templates.json', path: '/config/templates.json', level: 'main', priority: 2 };
const environment = { IMAGE: 'ami-from-env' };

describe('parseTemplateFile', () => {
  it('expands ${NAME} references and keeps the value as written', () => {
    const parsed = parseTemplateFile(JSON.stringify([{ templateId: 't', imageId: '${IMAGE}' }]), file, environment);
    expect(parsed.records[0]?.fields['imageId']).toBe('ami-from-env');
    expect(parsed.records[0]?.rawValues?.get('imageId')).toBe('${IMAGE}');
    expect(parsed.variables).toEqual(['IMAGE']);
  });

  it('expands a reference spelled with JSON escapes, which the text does not show as "${"', () => {
    const parsed = parseTemplateFile('[{"templateId": "t", "imageId": "\\u0024{IMAGE}", "keyName": "\\u0024\\u007bMISSING}"}]', file, environment);
    expect(parsed.records[0]?.fields['imageId']).toBe('ami-from-env');
    expect(parsed.records[0]?.problems.map((problem) => [problem.rule, problem.field])).toEqual([['unknown-env-variable', 'keyName']]);
  });

  it('leaves values alone when the file references no variable', () => {
    const parsed = parseTemplateFile(JSON.stringify([{ templateId: 't', imageId: '$IMAGE', keyName: '{IMAGE}' }]), file, environment);
    expect(parsed.records[0]?.fields).toEqual({ templateId: 't', imageId: '$IMAGE', keyName: '{IMAGE}' });
    expect(parsed.records[0]?.rawValues).toBeUndefined();
  });

  it('converts a list or tags string repeated across records once, and still reports a bad one on every record', () => {
    const text = JSON.stringify([
      { templateId: 'a', subnetId: 's-1, s-2', instanceTags: 'team=hpc', securityGroupIds: 's-1, s-2' },
      { templateId: 'b', subnetId: 's-1, s-2', instanceTags: 'team=hpc;bad' },
      { templateId: 'c', subnetId: 's-3', instanceTags: 'team=hpc;bad' },
    ]);
    const [a, b, c] = parseTemplateFile(text, file, undefined).records;
    expect(a?.fields['subnetIds']).toEqual(['s-1', 's-2']);
    expect(b?.fields['subnetIds']).toBe(a?.fields['subnetIds']);
    expect(a?.fields['securityGroupIds']).toEqual(['s-1', 's-2']);
    expect(c?.fields['subnetIds']).toEqual(['s-3']);
    expect(a?.fields['instanceTags']).toEqual({ team: 'hpc' });
    for (const record of [b, c]) {
      expect(record?.fields['instanceTags']).toBeUndefined();
      expect(record?.problems.map((problem) => [problem.rule, problem.templateId, problem.field])).toEqual([['invalid-value', record?.templateId, 'instanceTags']]);
    }
  });
});
