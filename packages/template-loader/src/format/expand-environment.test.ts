import { describe, expect, it } from 'vitest';
import { expandEnvironment, mayReferenceEnvironment } from './expand-environment.js';

describe('expandEnvironment', () => {
  const environment = { AMI: 'ami-123', EMPTY: '', REGION: 'us-east-1' };

  it('replaces references inside strings of nested values', () => {
    const result = expandEnvironment({ imageId: '${AMI}', tags: ['region=${REGION}', 3] }, environment);
    expect(result).toEqual({ value: { imageId: 'ami-123', tags: ['region=us-east-1', 3] }, changed: true, missing: [] });
  });

  it('uses the default when the variable is unset or empty, and keeps an empty value without default', () => {
    expect(expandEnvironment('${NOPE:-fallback}/${EMPTY:-x}/${EMPTY}', environment).value).toBe('fallback/x/');
  });

  it('lists unknown variables and leaves them as written', () => {
    const result = expandEnvironment('${AMI}-${UNKNOWN}', environment);
    expect(result.value).toBe('ami-123-${UNKNOWN}');
    expect(result.missing).toEqual(['UNKNOWN']);
  });

  it('keeps $${NAME} as a literal ${NAME}', () => {
    expect(expandEnvironment('echo $${HOME}', environment)).toEqual({ value: 'echo ${HOME}', changed: true, missing: [] });
  });

  it('reports no change for values without references', () => {
    expect(expandEnvironment({ a: 'plain $ text' }, environment).changed).toBe(false);
    expect(mayReferenceEnvironment({ a: ['x', { b: '${Y}' }] })).toBe(true);
    expect(mayReferenceEnvironment({ a: ['x', 1] })).toBe(false);
  });
});
