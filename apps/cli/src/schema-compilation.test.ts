import { afterEach, describe, expect, it } from 'vitest';
import { config, z } from 'zod';
import { compileSchemasOnlyWhenServingManyCalls, servesManyCalls } from './schema-compilation.js';

afterEach(() => {
  config({ jitless: false });
});

describe('compileSchemasOnlyWhenServingManyCalls', () => {
  it('turns zod’s compiled parsers off for a call that runs in its own process', () => {
    compileSchemasOnlyWhenServingManyCalls(['getRequestStatus', '--data', '{"requests":[]}']);
    expect(config().jitless).toBe(true);
  });

  it('keeps them for the resident helper, detached or in the foreground', () => {
    expect(servesManyCalls(['helper', 'start'])).toBe(true);
    expect(servesManyCalls(['helper', 'start', '--foreground', '--idle-timeout', '3600'])).toBe(true);
    compileSchemasOnlyWhenServingManyCalls(['helper', 'start', '--foreground']);
    expect(config().jitless).toBe(false);
  });

  it('does not count other helper commands as serving', () => {
    expect(servesManyCalls(['helper', 'status'])).toBe(false);
    expect(servesManyCalls(['helper', 'stop'])).toBe(false);
  });

  it('parses the same without compiled parsers: values, defaults and issues', () => {
    const Schema = z.object({ id: z.string().min(1), count: z.number().int().default(1), tags: z.record(z.string(), z.string()).optional() });
    compileSchemasOnlyWhenServingManyCalls(['getRequestStatus']);
    const interpreted = z.object(Schema.shape);
    expect(interpreted.parse({ id: 'a', tags: { k: 'v' }, extra: true })).toEqual({ id: 'a', count: 1, tags: { k: 'v' } });
    expect(interpreted.safeParse({ id: '', count: 1.5 }).error?.issues.map((issue) => issue.path.join('.'))).toEqual(['id', 'count']);
  });
});
