// `ohfp requestMachines` against an AWS endpoint that accepts connections and never answers:
// it must return (with the request id) within Symphony's HF_PROVIDER_ACTION_TIMEOUT. Each run is
// a fresh process and a fresh work directory, measured whole, as Symphony runs it.
import { spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const ohfp = join(root, 'apps', 'cli', 'dist', 'ohfp.cjs');
const BUDGET_SECONDS = 5;
const RUNS = 5;

function median(values) {
  const sorted = [...values].sort((left, right) => left - right);
  return sorted[Math.floor(sorted.length / 2)];
}

/** Accepts every connection, reads the request and never answers. */
async function hangingEndpoint() {
  const sockets = new Set();
  const server = createServer((request) => request.resume());
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise((done) => server.listen(0, '127.0.0.1', done));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise((done) => server.close(done));
    },
  };
}

function run(args, environment) {
  return new Promise((done, fail) => {
    const started = process.hrtime.bigint();
    const child = spawn(process.execPath, args, { env: environment, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.on('error', fail);
    child.on('close', (status) => done({ status, stdout, elapsed: Number(process.hrtime.bigint() - started) / 1e6 }));
  });
}

export default async function runSuite({ report }) {
  const endpoint = await hangingEndpoint();
  const elapsed = [];
  try {
    for (let index = 0; index < RUNS; index += 1) {
      const workspace = mkdtempSync(join(tmpdir(), 'ohf-bench-budget-'));
      const configDirectory = join(workspace, 'conf');
      mkdirSync(configDirectory);
      copyFileSync(join(root, 'examples', 'config', 'awsprov_templates.json'), join(configDirectory, 'awsprov_templates.json'));
      writeFileSync(
        join(configDirectory, 'config.yaml'),
        `providers:\n  default_provider_instance: aws-us-east-1\n  providers:\n    - {name: aws-us-east-1, type: aws, capabilities: [EC2Fleet, RunInstances], config: {region: us-east-1, endpoint: "${endpoint.url}"}}\n`,
      );
      const environment = {
        PATH: process.env.PATH,
        HOME: workspace,
        HF_PROVIDER_CONFDIR: configDirectory,
        HF_PROVIDER_WORKDIR: join(workspace, 'work'),
        HF_PROVIDER_ACTION_TIMEOUT: String(BUDGET_SECONDS),
        AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE',
        AWS_SECRET_ACCESS_KEY: 'ohf-bench-not-a-real-secret-key',
      };
      const answer = await run([ohfp, 'requestMachines', '--data', '{"template":{"templateId":"fleet-ondemand","machineCount":2}}'], environment);
      rmSync(workspace, { recursive: true, force: true });
      if (answer.status !== 0 || !JSON.parse(answer.stdout).requestId?.startsWith('req-')) {
        throw new Error(`requestMachines exited ${answer.status} without a request id: ${answer.stdout}`);
      }
      elapsed.push(answer.elapsed);
    }
  } finally {
    await endpoint.close();
  }
  const budgetMs = BUDGET_SECONDS * 1000;
  const measured = median(elapsed);
  report({ name: 'operation budget (HF_PROVIDER_ACTION_TIMEOUT)', value: budgetMs, unit: 'ms' });
  report({
    name: `requestMachines against a provider that hangs returns within the budget (median of ${RUNS}, measured/budget ≤ 1)`,
    value: measured,
    unit: 'ms',
    target: `≤ ${budgetMs}`,
    ratio: measured / budgetMs,
    pass: measured <= budgetMs,
  });
}
