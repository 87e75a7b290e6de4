import { describe, expect, it } from 'vitest';
import { ParsedDocumentCache } from './parsed-document-cache.js';

interface Document {
  readonly name: string;
  readonly tags: string[];
}

function counting(): { parse: (text: string) => Document; calls: () => number } {
  let calls = 0;
  return {
    parse: (text) => {
      calls += 1;
      return JSON.parse(text) as Document;
    },
    calls: () => calls,
  };
}

describe('ParsedDocumentCache', () => {
  it('parses the same text at the same version once', () => {
    const cache = new ParsedDocumentCache<Document>();
    const parser = counting();
    const first = cache.read('a', '{"name":"a","tags":["x"]}', 1, parser.parse);
    const second = cache.read('a', '{"name":"a","tags":["x"]}', 1, parser.parse);
    expect(second).toEqual({ name: 'a', tags: ['x'] });
    expect(second).toEqual(first);
    expect(parser.calls()).toBe(1);
  });

  it('parses again when the text or the version changed', () => {
    const cache = new ParsedDocumentCache<Document>();
    const parser = counting();
    cache.read('a', '{"name":"a","tags":[]}', 1, parser.parse);
    expect(cache.read('a', '{"name":"b","tags":[]}', 1, parser.parse).name).toBe('b');
    expect(cache.read('a', '{"name":"b","tags":[]}', 2, parser.parse).name).toBe('b');
    expect(parser.calls()).toBe(3);
  });

  it('keeps no failed parse: invalid text fails on every read', () => {
    const cache = new ParsedDocumentCache<Document>();
    const reject = (): Document => {
      throw new Error('not valid');
    };
    expect(() => cache.read('a', '{}', 1, reject)).toThrow('not valid');
    expect(() => cache.read('a', '{}', 1, reject)).toThrow('not valid');
    expect(cache.size).toBe(0);
  });

  it('gives every reader its own copy, and fails a change to a nested value instead of sharing it', () => {
    const cache = new ParsedDocumentCache<Document>();
    const parser = counting();
    const first = cache.read('a', '{"name":"a","tags":["x"]}', 1, parser.parse) as { name: string; tags: string[] };
    first.name = 'changed';
    expect(() => first.tags.push('y')).toThrow(TypeError);
    expect(cache.read('a', '{"name":"a","tags":["x"]}', 1, parser.parse)).toEqual({ name: 'a', tags: ['x'] });
    expect(parser.calls()).toBe(1);
  });

  it('forgets the least recently read document beyond its capacity', () => {
    const cache = new ParsedDocumentCache<Document>(2);
    const parser = counting();
    const text = (name: string) => `{"name":"${name}","tags":[]}`;
    cache.read('a', text('a'), 1, parser.parse);
    cache.read('b', text('b'), 1, parser.parse);
    cache.read('a', text('a'), 1, parser.parse); // a is now the most recent
    cache.read('c', text('c'), 1, parser.parse); // b goes
    expect(cache.size).toBe(2);
    expect(parser.calls()).toBe(3);
    cache.read('a', text('a'), 1, parser.parse);
    expect(parser.calls()).toBe(3);
    cache.read('b', text('b'), 1, parser.parse);
    expect(parser.calls()).toBe(4);
  });

  it('keeps nothing at capacity 0: every read is parsed and handed out as parsed, neither frozen nor shared', () => {
    const cache = new ParsedDocumentCache<Document>(0);
    const parser = counting();
    const text = '{"name":"a","tags":["x"]}';
    const first = cache.read('a', text, 1, parser.parse);
    first.tags.push('y');
    expect(cache.read('a', text, 1, parser.parse)).toEqual({ name: 'a', tags: ['x'] });
    expect(parser.calls()).toBe(2);
    expect(cache.size).toBe(0);
  });
});
