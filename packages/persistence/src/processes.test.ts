import { execFile } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStorage } from './create-storage.js';
import type { StorageConfigInput } from './storage-config.js';
import { createPostgresTestSchema, type PostgresTestSchema } from './testing/postgres-test-schema.js';

const run = promisify(execFile);
const require = createRequire(import.meta.url);
const drivers = ['better-sqlite3', 'pg'];

let directory: string;

/**
 * Child processes run our sources bundled the way the published build is (drivers external,
 * loaded from where this workspace installed them).
 */
const bundles = new Map<string, Promise<string>>();

function bundle(entry: string): Promise<string> {
  let built = bundles.get(entry);
  if (built === undefined) {
    built = bundleOnce(entry);
    bundles.set(entry, built);
  }
  return built;
}

async function bundleOnce(entry: string): Promise<string> {
  const outfile = join(directory, entry.replace(/\.ts$/, '.mjs'));
  await build({
    entryPoints: [join(import.meta.dirname, '__fixtures__', entry)],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    conditions: ['@ohf/source'],
    logLevel: 'error',
    plugins: [
      {
        name: 'installed-drivers',
        setup(builder) {
          builder.onResolve({ filter: new RegExp(`^(${drivers.join('|')})$`) }, (args) => ({
            path: require.resolve(args.path),
            external: true,
          }));
        },
      },
    ],
  });
  return outfile;
}

async function runNode(script: string, argument: unknown): Promise<unknown> {
  const { stdout } = await run(process.execPath, [script, JSON.stringify(argument)], { timeout: 100_000 });
  return JSON.parse(stdout) as unknown;
}

beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), 'ohf-processes-'));
});

afterAll(async () => {
  await rm(directory, { recursive: true, force: true });
});

interface WorkerReport {
  readonly created: string[];
  readonly keyOwners: Record<string, string>;
  readonly claimed: string[];
  readonly conflicts: number;
}

describe.each(['json', 'sqlite'] as const)('%s storage shared by several processes', (strategy) => {
  it('loses nothing and gives nothing out twice', async () => {
    const worker = await bundle('concurrent-worker.ts');
    const path = join(directory, strategy, strategy === 'json' ? 'request_database.json' : 'request_database.db');
    const config: StorageConfigInput = { strategy, [strategy]: { path } };
    const processes = 4;
    const perProcess = { requests: 20, sharedKeys: 5, increments: 8 };
    const reports = (await Promise.all(
      Array.from({ length: processes }, (_, index) => runNode(worker, { config, index, ...perProcess })),
    )) as WorkerReport[];

    const storage = await createStorage(config);
    try {
      const all = await storage.requests.list();
      const created = reports.flatMap((report) => report.created);
      expect(created).toHaveLength(processes * perProcess.requests);
      // Every request each process created, plus one per shared key, and nothing else.
      expect(all.total).toBe(processes * perProcess.requests + perProcess.sharedKeys);
      const stored = new Set(all.items.map((request) => request.requestId));
      for (const requestId of created) expect(stored.has(requestId)).toBe(true);

      for (let key = 0; key < perProcess.sharedKeys; key += 1) {
        const owners = new Set(reports.map((report) => report.keyOwners[`shared-${key}`]));
        expect(owners.size).toBe(1);
        expect((await storage.requests.findByIdempotencyKey(`shared-${key}`))?.requestId).toBe([...owners][0]);
      }

      const claimed = reports.flatMap((report) => report.claimed);
      expect(new Set(claimed).size).toBe(claimed.length);
      expect(claimed.sort()).toEqual([...stored].sort());

      const counter = await storage.state.get('counter');
      expect(counter).toMatchObject({ value: processes * perProcess.increments, version: processes * perProcess.increments });
    } finally {
      await storage.close();
    }
    if (strategy === 'json') {
      // No lock file, temporary file or stale lock left behind.
      expect(await readdir(join(directory, 'json'))).toEqual(['request_database.json']);
      const document = JSON.parse(await readFile(path, 'utf8')) as Record<string, unknown>;
      expect(Object.keys(document).slice(0, 3)).toEqual(['templates', 'requests', 'machines']);
    }
  }, 120_000);
});

describe('driver loading', () => {
  let schema: PostgresTestSchema;

  beforeAll(async () => {
    schema = await createPostgresTestSchema();
  });

  afterAll(async () => {
    await schema.drop();
  });

  it.each([
    ['sqlite', { betterSqlite3: true, pg: false }],
    ['json', { betterSqlite3: false, pg: false }],
    ['postgres', { betterSqlite3: false, pg: true }],
  ] as const)('opening %s loads only its own driver', async (strategy, expected) => {
    const script = await bundle('driver-loading.ts');
    const config = {
      strategy,
      sqlite: { path: join(directory, 'loading', 'request_database.db') },
      json: { path: join(directory, 'loading', 'request_database.json') },
      postgres: { url: schema.url, schema: schema.schema },
    };
    const report = (await runNode(script, config)) as { atImport: unknown; afterOpen: unknown };
    expect(report.atImport).toEqual({ betterSqlite3: false, pg: false });
    expect(report.afterOpen).toEqual(expected);
  }, 60_000);
});
