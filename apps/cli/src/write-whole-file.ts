import { renameSync, rmSync, writeFileSync } from 'node:fs';

/**
 * Writes `path` whole and then renames it into place, so that a process reading it meanwhile
 * (another ohfp call) finds the old content or the new, never a part. For files that only speed
 * a call up (snapshots, caches): a file that cannot be written is not an error, and false is
 * returned with no temporary file left behind. Node.js built-ins only: the front door uses it.
 */
export function writeWholeFile(path: string, contents: string | Uint8Array, options: { readonly mode?: number } = {}): boolean {
  const temporary = `${path}.${process.pid}.tmp`;
  try {
    writeFileSync(temporary, contents, options.mode === undefined ? {} : { mode: options.mode });
    renameSync(temporary, path);
    return true;
  } catch {
    rmSync(temporary, { force: true });
    return false;
  }
}
