// `npm start`: build, then the main job on the embedded default storage and the example configuration.
// 1. builds every package quietly (the build output is printed only when the build fails),
// 2. lists the templates Symphony would see (ohfp getAvailableTemplates),
// 3. plans a request without touching any cloud (ohfp requestMachines --dry-run),
// 4. starts the REST API on HOST:PORT (default 127.0.0.1:8080) until Ctrl-C, its log going to
//    <work>/logs/api.log, and prints the web console's URL, the key and a curl line last, once the API answers
//    (skip the API with `npm start -- --no-serve`; `--verbose` shows the build and full answers).
import { spawn, spawnSync } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const verbose = process.argv.includes('--verbose');
const workDirectory = process.env.HF_PROVIDER_WORKDIR ?? join(root, 'work');
mkdirSync(workDirectory, { recursive: true });
const environment = {
  ...process.env,
  HF_PROVIDER_CONFDIR: process.env.HF_PROVIDER_CONFDIR ?? join(root, 'examples', 'config'),
  HF_PROVIDER_WORKDIR: workDirectory,
  HF_PROVIDER_LOGDIR: process.env.HF_PROVIDER_LOGDIR ?? join(workDirectory, 'logs'),
};
const shown = (path) => (path.startsWith(root) ? relative(process.cwd(), path) || '.' : path);
const ohfp = join(root, 'apps', 'cli', 'dist', 'ohfp.cjs');

function build() {
  const started = Date.now();
  process.stdout.write('Building… ');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const run = spawnSync(npm, ['run', 'build', '--silent'], {
    cwd: root,
    env: { ...process.env, NX_DAEMON: process.env.NX_DAEMON ?? 'false', NX_NO_CLOUD: 'true' },
    stdio: verbose ? 'inherit' : 'pipe',
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  if (run.status !== 0) {
    console.log('failed.');
    if (!verbose) process.stderr.write(`${run.stdout ?? ''}${run.stderr ?? ''}`);
    console.error(`The build failed (exit code ${run.status}); the output is above.`);
    process.exit(run.status ?? 1);
  }
  console.log(`done in ${Math.round((Date.now() - started) / 1000)} s.`);
}

function ohfpJson(title, args) {
  console.log(`\n$ npx ohfp ${args.map((arg) => (arg.startsWith(root) ? shown(arg) : /^[\w./-]+$/.test(arg) ? arg : `'${arg}'`)).join(' ')}    # ${title}`);
  const run = spawnSync(process.execPath, [ohfp, ...args], { env: environment, encoding: 'utf8' });
  if (run.status !== 0) {
    process.stdout.write(run.stdout);
    process.stderr.write(run.stderr);
    console.error(`ohfp exited with ${run.status}; see ${shown(environment.HF_PROVIDER_LOGDIR)}/app.log`);
    process.exit(run.status ?? 1);
  }
  if (verbose) process.stdout.write(run.stdout);
  return JSON.parse(run.stdout);
}

if (!process.argv.includes('--no-build')) build();
console.log(`Config: ${shown(environment.HF_PROVIDER_CONFDIR)}   State: ${shown(workDirectory)} (embedded SQLite)`);

const { templates } = ohfpJson('the templates Symphony sees', ['getAvailableTemplates', '--data', '{}']);
console.log(`${templates.length} templates: ${templates.map((template) => template.templateId).join(', ')}`);

const plan = ohfpJson('plan a request: the chosen provider, why, and the exact calls; nothing is sent', [
  'requestMachines',
  '--dry-run',
  '-f',
  join(root, 'examples', 'requests', 'requestMachines.json'),
]);
console.log(plan.message);
console.log(`Why: ${plan.selection?.explanation?.summary ?? 'see --verbose'}`);
const calls = plan.plannedCalls ?? [];
console.log(`Calls it would send (${calls.length}): ${calls.map((call) => `${call.service} ${call.operation}`).join(', ')}`);
if (!verbose) console.log('(the full answers: npm start -- --verbose, or run the commands above)');

if (process.argv.includes('--no-serve')) process.exit(0);

// The example configuration holds no API key, and a server whose every route answers 401 shows
// nothing; a key made for this run only (admin scope, never written anywhere) lets the printed
// curl line work at once. A configuration of one's own, or HF_API__AUTH__KEYS, is left alone.
let key;
if (process.env.HF_PROVIDER_CONFDIR === undefined && process.env.HF_API__AUTH__KEYS === undefined) {
  const { generateApiKey, hashApiKey } = await import('@ohf/api');
  key = generateApiKey();
  environment.HF_API__AUTH__KEYS = JSON.stringify([{ name: 'npm-start', hash: await hashApiKey(key), scopes: ['admin'] }]);
}
const host = process.env.HOST ?? '127.0.0.1';
const base = `http://${host.includes(':') ? `[${host}]` : host}:${process.env.PORT ?? '8080'}`;
const apiLog = join(environment.HF_PROVIDER_LOGDIR, 'api.log');
mkdirSync(environment.HF_PROVIDER_LOGDIR, { recursive: true });
const log = createWriteStream(apiLog, { flags: 'a' });
console.log(`\nStarting the REST API (its log: ${shown(apiLog)})…`);
const server = spawn(process.execPath, [join(root, 'apps', 'api', 'dist', 'main.js')], { env: environment, stdio: ['ignore', 'pipe', 'pipe'] });
server.stdout.pipe(log);
server.stderr.pipe(log);
let serving = false;
const stop = () => server.kill('SIGTERM');
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
server.on('exit', (code) => {
  if (!serving) console.error(`The API stopped before it answered (exit code ${code}); see ${shown(apiLog)}.`);
  process.exit(code ?? 0);
});

for (let attempt = 0; attempt < 300 && !serving; attempt += 1) {
  try {
    serving = (await fetch(`${base}/healthz`)).ok;
  } catch {
    await new Promise((done) => setTimeout(done, 100));
  }
}
if (!serving) {
  console.error(`The API did not answer on ${base} within 30 s; see ${shown(apiLog)}.`);
  stop();
} else {
  console.log(`\nThe API is up on ${base} (docs: ${base}/api/v1/docs). Ctrl-C stops it.`);
  console.log(`The web console: ${base}/ (sign in with an API key${key === undefined ? '' : ', such as the one below'})`);
  if (key !== undefined) {
    console.log(`API key for this run (admin scope, not stored anywhere): ${key}`);
    console.log(`Try: curl -H "Authorization: Bearer ${key}" ${base}/api/v1/templates`);
  }
}
