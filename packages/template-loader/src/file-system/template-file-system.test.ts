import { mkdtemp, readdir, readFile, rm, stat, writeFile, chmod } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { nodeTemplateFileSystem } from './template-file-system.js';

describe('nodeTemplateFileSystem', () => {
  let directory: string;
  beforeEach(async () => {
    directory = await mkdtemp(join(tmpdir(), 'ohf-template-fs-'));
  });
  afterEach(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  it('reports a missing file as undefined and a present one with size and a new inode after an atomic write', async () => {
    const path = join(directory, 'templates.json');
    expect(await nodeTemplateFileSystem.stat(path)).toBeUndefined();
    await writeFile(path, '[]');
    const before = await nodeTemplateFileSystem.stat(path);
    expect(before?.size).toBe(2);
    await nodeTemplateFileSystem.writeFileAtomic(path, '[ ]');
    const after = await nodeTemplateFileSystem.stat(path);
    expect(after?.size).toBe(3);
    expect(after?.inode).not.toBe(before?.inode);
    expect(await readFile(path, 'utf8')).toBe('[ ]');
  });

  it('keeps the mode of the replaced file and leaves no temporary file behind', async () => {
    const path = join(directory, 'templates.json');
    await writeFile(path, '[]');
    await chmod(path, 0o600);
    await nodeTemplateFileSystem.writeFileAtomic(path, '{"templates":[]}');
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect(await readdir(directory)).toEqual(['templates.json']);
  });

  it('fails without touching the target when the directory does not exist', async () => {
    await expect(nodeTemplateFileSystem.writeFileAtomic(join(directory, 'missing', 'x.json'), '[]')).rejects.toThrow();
  });
});
