// The built API server (apps/api/dist/main.js) as a child process, the way `npm start` runs it:
// authentication on, one in-memory provider instance and one template, request logs written to
// a file. Used by the API benchmark and the Node.js version check.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { hashApiKey } from '@ohf/api';

const SERVER = fileURLToPath(new URL('../../apps/api/dist/main.js', import.meta.url));

/**
 * Starts the server on a free loopback port with `storage` as its `storage:` section (a
 * function of the server's own directory, so SQLite can live there). `key` is accepted with
 * write scope; template `web` provisions from provider instance `memory-a`.
 */
export async function startBuiltApiServer({ node = process.execPath, storage, key }) {
  const directory = mkdtempSync(join(tmpdir(), 'ohf-api-server-'));
  const configuration = {
    providers: { providers: [{ name: 'memory-a', type: 'memory', config: {} }] },
    storage: storage(directory),
    logging: { level: 'info' },
    api: {
      auth: { keys: [{ name: 'tools', hash: await hashApiKey(key), scopes: ['write'] }] },
      log: { destination: join(directory, 'api.log') },
    },
  };
  writeFileSync(join(directory, 'config.json'), JSON.stringify(configuration));
  writeFileSync(
    join(directory, 'templates.json'),
    JSON.stringify({ templates: [{ templateId: 'web', maxNumber: 100, imageId: 'image-1', vmType: 'memory.small', providerType: 'memory' }] }),
  );
  const child = spawn(node, [SERVER], {
    env: { ...process.env, HF_PROVIDER_CONFDIR: directory, HF_PROVIDER_WORKDIR: directory, HOST: '127.0.0.1', PORT: '0' },
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
  try {
    return { base: await listeningAddress(join(directory, 'api.log'), () => exitCode), pid: child.pid, stop, errors: () => errors };
  } catch (error) {
    await stop();
    throw new Error(`${error.message}: ${errors}`);
  }
}

/** The server logs to a file here, so its port is read from the "listening on" line. */
async function listeningAddress(logFile, exitCode) {
  const started = Date.now();
  while (Date.now() - started < 30_000) {
    if (exitCode() !== undefined) throw new Error(`the API server exited (${exitCode()}) before listening`);
    const match = existsSync(logFile) && /"port":(\d+)[^\n]*"msg":"listening on/.exec(readFileSync(logFile, 'utf8'));
    if (match) return `http://127.0.0.1:${match[1]}`;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('the API server did not start within 30 s');
}
