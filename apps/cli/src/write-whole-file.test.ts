import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeWholeFile } from './write-whole-file.js';

let directory: string;

beforeEach(() => {
  directory = mkdtempSync(join(tmpdir(), 'ohf-write-whole-'));
});

afterEach(() => {
  rmSync(directory, { recursive: true, force: true });
});

describe('writeWholeFile', () => {
  it('replaces the file with the new content, with the mode asked for, and leaves nothing beside it', () => {
    const path = join(directory, 'snapshot.json');
    expect(writeWholeFile(path, 'old')).toBe(true);
    expect(writeWholeFile(path, Buffer.from('new'), { mode: 0o600 })).toBe(true);
    expect(readFileSync(path, 'utf8')).toBe('new');
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(readdirSync(directory)).toEqual(['snapshot.json']);
  });

  it('reports a file it cannot put in place, and removes its temporary file', () => {
    // A directory where the file should be: the rename fails after the temporary file was written.
    const path = join(directory, 'taken');
    mkdirSync(join(path, 'inside'), { recursive: true });
    expect(writeWholeFile(path, 'content')).toBe(false);
    expect(readdirSync(directory)).toEqual(['taken']);
  });

  it('reports a directory it cannot write in', () => {
    expect(writeWholeFile(join(directory, 'missing', 'file'), 'content')).toBe(false);
  });
});
