// `npm start`: the main job on the embedded default storage and the example configuration.
// 1. lists the templates Symphony would see (ohfp getAvailableTemplates),
// 2. plans a request without touching any cloud (ohfp requestMachines --dry-run),
// 3. starts the REST API on HOST:PORT (default 127.0.0.1:8080) until Ctrl-C
//    (skip it with `npm start -- --no-serve`).
import { spawnSync, spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const workDirectory = process.env.HF_PROVIDER_WORKDIR ?? join(root, 'work');
mkdirSync(workDirectory, { recursive: true });
const environment = {
  ...process.env,
  HF_PROVIDER_CONFDIR: process.env.HF_PROVIDER_CONFDIR ?? join(root, 'examples', 'config'),
  HF_PROVIDER_WORKDIR: workDirectory,
  HF_PROVIDER_LOGDIR: process.env.HF_PROVIDER_LOGDIR ?? join(workDirectory, 'logs'),
};
const ohfp = join(root, 'apps', 'cli', 'dist', 'main.js');

function step(title, args) {
  console.log(`\n$ ohfp ${args.join(' ')}    # ${title}`);
  const run = spawnSync(process.execPath, [ohfp, ...args], { env: environment, stdio: 'inherit' });
  if (run.status !== 0) {
    console.error(`ohfp exited with ${run.status}; see ${environment.HF_PROVIDER_LOGDIR}/app.log`);
    process.exit(run.status ?? 1);
  }
}

console.log(`Config: ${environment.HF_PROVIDER_CONFDIR}\nState:  ${workDirectory} (embedded SQLite)`);
step('the templates Symphony sees', ['getAvailableTemplates', '--data', '{}']);
step('plan a request: chosen provider, explanation and the exact AWS calls; nothing is sent', [
  'requestMachines',
  '--dry-run',
  '-f',
  join(root, 'examples', 'requests', 'requestMachines.json'),
]);

if (process.argv.includes('--no-serve')) process.exit(0);
console.log('\nStarting the REST API (Ctrl-C to stop)…');
// The example configuration holds no API key, and a server whose every route answers 401 shows
// nothing; a key made for this run only (admin scope, never written anywhere) lets the printed
// curl line work at once. A configuration of one's own, or HF_API__AUTH__KEYS, is left alone.
if (process.env.HF_PROVIDER_CONFDIR === undefined && process.env.HF_API__AUTH__KEYS === undefined) {
  const { generateApiKey, hashApiKey } = await import('@ohf/api');
  const key = generateApiKey();
  environment.HF_API__AUTH__KEYS = JSON.stringify([{ name: 'npm-start', hash: await hashApiKey(key), scopes: ['admin'] }]);
  const base = `http://${process.env.HOST ?? '127.0.0.1'}:${process.env.PORT ?? '8080'}`;
  console.log(`API key for this run (admin scope): ${key}`);
  console.log(`Try: curl -H "Authorization: Bearer ${key}" ${base}/api/v1/templates   (docs: ${base}/api/v1/docs)`);
}
const server = spawn(process.execPath, [join(root, 'apps', 'api', 'dist', 'main.js')], { env: environment, stdio: 'inherit' });
const stop = () => server.kill('SIGTERM');
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
server.on('exit', (code) => process.exit(code ?? 0));
