import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** A real temporary config directory for one test. */
export interface ConfigDirectory {
  readonly path: string;
  write(name: string, content: unknown): Promise<void>;
  writeText(name: string, text: string): Promise<void>;
  read(name: string): Promise<unknown>;
  remove(): Promise<void>;
}

export async function createConfigDirectory(files: Record<string, unknown> = {}): Promise<ConfigDirectory> {
  const path = await mkdtemp(join(tmpdir(), 'ohf-templates-'));
  const directory: ConfigDirectory = {
    path,
    write: (name, content) => writeFile(join(path, name), `${JSON.stringify(content, null, 2)}\n`),
    writeText: (name, text) => writeFile(join(path, name), text),
    read: async (name) => JSON.parse(await readFile(join(path, name), 'utf8')) as unknown,
    remove: () => rm(path, { recursive: true, force: true }),
  };
  for (const [name, content] of Object.entries(files)) await directory.write(name, content);
  return directory;
}

const fixtures = dirname(fileURLToPath(import.meta.url));

/** The Host Factory example files of the contract. */
export async function readFixture(name: string): Promise<unknown> {
  return JSON.parse(await readFile(join(fixtures, name), 'utf8')) as unknown;
}
