// The built API (apps/api/dist) as a child process for the audit-trail benchmark, with the audit
// trail on (as shipped) or off. Off is a measuring device only, not a product setting: the event
// rows of request and machine saves are dropped before storage and ApiCall recording is turned
// off, so the same build and storage show what writing the trail costs.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { composeApi, hashApiKey } from '@ohf/api';

const ENTRY = fileURLToPath(import.meta.url);

/** Starts a server in a child process; resolves to `{ base, stop }`. */
export async function startAuditApiServer({ audit, storage, key }) {
  const directory = mkdtempSync(join(tmpdir(), 'ohf-audit-bench-'));
  const configuration = {
    providers: { providers: [{ name: 'memory-a', type: 'memory', config: {} }] },
    storage: storage(directory),
    logging: { level: 'info' },
    reconcile: { interval_seconds: 0 },
    catalog: { sync_interval_minutes: 0 },
    api: {
      auth: { keys: [{ name: 'bench', hash: await hashApiKey(key), scopes: ['write'] }] },
      log: { destination: join(directory, 'api.log'), requests: false },
      // Provisioning runs as shipped, so the events of provisioning (attempts, machine states)
      // are part of what is measured. The workers fall behind the stream (on PostgreSQL about 30
      // requests a second finished against 150 accepted; on SQLite the maxNumber sum took about
      // 30 % of the server's CPU in a profile), unfinished requests pile up during a window, and
      // each POST's maxNumber check sums what they owe: the figures include that, in both modes.
      workers: { enabled: true },
      webhooks: { enabled: false },
      audit: { record_api_calls: audit === 'on' },
    },
  };
  writeFileSync(join(directory, 'config.json'), JSON.stringify(configuration));
  writeFileSync(
    join(directory, 'templates.json'),
    JSON.stringify({ templates: [{ templateId: 'web', maxNumber: 100_000_000, imageId: 'image-1', vmType: 'memory.small', providerType: 'memory' }] }),
  );
  const child = spawn(process.execPath, [ENTRY], {
    env: { ...process.env, HF_PROVIDER_CONFDIR: directory, HF_PROVIDER_WORKDIR: directory, HOST: '127.0.0.1', PORT: '0', OHF_BENCH_AUDIT: audit },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let errors = '';
  child.stderr.on('data', (chunk) => (errors += chunk));
  let exitCode;
  const exited = new Promise((resolve) => child.once('exit', (code) => resolve((exitCode = code ?? 'signal'))));
  const stop = async () => {
    if (exitCode === undefined) child.kill('SIGTERM');
    await exited;
    rmSync(directory, { recursive: true, force: true });
  };
  const logFile = join(directory, 'api.log');
  const started = Date.now();
  while (Date.now() - started < 30_000) {
    if (exitCode !== undefined) break;
    const match = existsSync(logFile) && /"port":(\d+)[^\n]*"msg":"listening on/.exec(readFileSync(logFile, 'utf8'));
    if (match) return { base: `http://127.0.0.1:${match[1]}`, stop };
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  await stop();
  throw new Error(`the audit bench server did not start: ${errors}`);
}

/** In the child: compose the API, drop the trail when asked, listen. */
async function serve() {
  const api = await composeApi();
  if (process.env.OHF_BENCH_AUDIT === 'off') {
    for (const [repository, method] of [
      [api.openedStorage.requests, 'save'],
      [api.openedStorage.machines, 'saveMany'],
    ]) {
      const original = repository[method].bind(repository);
      repository[method] = (subject, options) => {
        const { events: _dropped, ...rest } = options ?? {};
        return original(subject, rest);
      };
    }
  }
  process.on('SIGTERM', () => void api.shutdown().then(() => process.exit(0)));
  const address = await api.start();
  api.logger.info({ port: address.port }, `listening on http://127.0.0.1:${address.port}`);
}

if (process.argv[1] === ENTRY) await serve();
