import { open, readFile, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** What the cache compares to decide whether a file changed. */
export interface TemplateFileStat {
  readonly size: number;
  /** Modification time in milliseconds, with sub-millisecond precision where the OS has it. */
  readonly mtimeMs: number;
  /** Changes when a file is replaced by rename, even within the same clock tick. */
  readonly inode?: number;
}

/** The file operations the loader needs; injectable so another store can hold the files. */
export interface TemplateFileSystem {
  /** `undefined` when the file does not exist; other failures throw. */
  stat(path: string): Promise<TemplateFileStat | undefined>;
  readFile(path: string): Promise<string>;
  /** Replaces the file so that readers see either the old or the new content, never a mix. */
  writeFileAtomic(path: string, content: string): Promise<void>;
}

/** The cache key of a file version: path + mtime + size, and the inode to see atomic replaces. */
export function statKey(stat: TemplateFileStat): string {
  return `${stat.mtimeMs}:${stat.size}:${stat.inode ?? ''}`;
}

function isMissingFileError(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'ENOENT';
}

let temporaryCounter = 0;

/** The local disk: temp file in the same directory, fsync, then rename over the target. */
export const nodeTemplateFileSystem: TemplateFileSystem = {
  async stat(path) {
    try {
      const info = await stat(path, { bigint: true });
      // Microseconds fit a double exactly, nanoseconds would not.
      return { size: Number(info.size), mtimeMs: Number(info.mtimeNs / 1000n) / 1000, inode: Number(info.ino) };
    } catch (error) {
      if (isMissingFileError(error)) return undefined;
      throw error;
    }
  },

  readFile(path) {
    return readFile(path, 'utf8');
  },

  async writeFileAtomic(path, content) {
    temporaryCounter += 1;
    const temporaryPath = join(dirname(path), `.${basename(path)}.${process.pid}.${temporaryCounter}.tmp`);
    let existingMode: number | undefined;
    try {
      existingMode = (await stat(path)).mode & 0o7777;
    } catch (error) {
      if (!isMissingFileError(error)) throw error;
    }
    const handle = await open(temporaryPath, 'w', existingMode ?? 0o644);
    try {
      await handle.writeFile(content, 'utf8');
      await handle.sync();
    } catch (error) {
      await handle.close();
      await rm(temporaryPath, { force: true });
      throw error;
    }
    await handle.close();
    try {
      await rename(temporaryPath, path);
    } catch (error) {
      await rm(temporaryPath, { force: true });
      throw error;
    }
  },
};
