import { describe, expect, it, vi } from 'vitest';
import { ReadBatcher } from './read-batcher.js';

function batcher(fetch: (keys: readonly string[]) => Promise<ReadonlyMap<string, string>>, maximumBatch = 10) {
  return new ReadBatcher<string, string, { key: string; rows: string | undefined }>({ fetch, read: (rows, key) => ({ key, rows }), maximumBatch });
}

describe('ReadBatcher', () => {
  it('sends the keys asked for in one turn of the event loop together, each once', async () => {
    const fetch = vi.fn(async (keys: readonly string[]) => new Map(keys.filter((key) => key !== 'gone').map((key) => [key, `rows of ${key}`])));
    const reads = batcher(fetch);
    const answers = await Promise.all(['a', 'b', 'a', 'gone'].map((key) => reads.load(key)));
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(fetch).toHaveBeenCalledWith(['a', 'b', 'gone']);
    expect(answers).toEqual([
      { key: 'a', rows: 'rows of a' },
      { key: 'b', rows: 'rows of b' },
      { key: 'a', rows: 'rows of a' },
      { key: 'gone', rows: undefined },
    ]);
    // Each caller its own answer, even for the same key.
    expect(answers[2]).not.toBe(answers[0]);
  });

  it('starts a new batch for reads asked after the previous one was sent', async () => {
    const fetch = vi.fn(async (keys: readonly string[]) => new Map(keys.map((key) => [key, key])));
    const reads = batcher(fetch);
    await reads.load('a');
    await reads.load('b');
    expect(fetch.mock.calls).toEqual([[['a']], [['b']]]);
  });

  it('splits more keys than a batch holds into several statements', async () => {
    const fetch = vi.fn(async (keys: readonly string[]) => new Map(keys.map((key) => [key, key])));
    const reads = batcher(fetch, 2);
    const answers = await Promise.all(['a', 'b', 'c', 'd', 'e'].map((key) => reads.load(key)));
    expect(fetch.mock.calls).toEqual([[['a', 'b']], [['c', 'd']], [['e']]]);
    expect(answers.map((answer) => answer.rows)).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  it('fails every caller of a batch whose read failed, and only that batch', async () => {
    const failure = new Error('the database went away');
    const fetch = vi.fn(async (keys: readonly string[]) => {
      if (keys.includes('c')) throw failure;
      return new Map(keys.map((key) => [key, key]));
    });
    const reads = batcher(fetch, 2);
    const settled = await Promise.allSettled(['a', 'b', 'c', 'c'].map((key) => reads.load(key)));
    expect(settled.map((result) => result.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'rejected']);
    expect((settled[2] as PromiseRejectedResult).reason).toBe(failure);
  });

  it('fails only the caller whose answer could not be read', async () => {
    const reads = new ReadBatcher<string, string, string>({
      fetch: async (keys) => new Map(keys.map((key) => [key, key])),
      read: (rows) => {
        if (rows === 'bad') throw new Error('invalid document');
        return rows ?? 'none';
      },
      maximumBatch: 10,
    });
    const settled = await Promise.allSettled(['good', 'bad'].map((key) => reads.load(key)));
    expect(settled[0]).toEqual({ status: 'fulfilled', value: 'good' });
    expect(settled[1]).toMatchObject({ status: 'rejected', reason: expect.objectContaining({ message: 'invalid document' }) });
  });
});
