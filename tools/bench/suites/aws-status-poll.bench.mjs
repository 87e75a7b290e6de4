// The fixed cost of an AWS call: `ohfp getRequestStatus` for 1 request × 10 machines against a
// local EC2 endpoint (real SDK clients, HTTP and XML, full-size instance records), in CPU time,
// beside `node -e 0` measured in this run. Symphony pays it every few seconds per request.
// OHF_BENCH_NODE=/path/to/node runs both under another Node.js (22+ has the compile cache).
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startEc2WireServer } from '../support/ec2-wire-server.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..', '..', '..');
const ohfp = join(root, 'apps', 'cli', 'dist', 'main.js');
const MACHINES = 10;
const RUNS = 11;

function median(values) {
  const sorted = [...values].sort((left, right) => left - right);
  return sorted[Math.floor(sorted.length / 2)];
}

/**
 * Runs `node …args` under bash, whose `times` reports, on the last line of stderr, the CPU its
 * finished child used (user and system, every thread, exit included: what the machine pays).
 * Asynchronous, as the EC2 endpoint answering the child lives in this process.
 */
async function cpuOf(args, environment) {
  const child = spawn('bash', ['-c', '"$@"; status=$?; times >&2; exit $status', 'bash', (process.env.OHF_BENCH_NODE ?? process.execPath), ...args], {
    env: environment,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const status = await new Promise((done, fail) => {
    child.on('error', fail);
    child.on('close', done);
  });
  if (status !== 0) throw new Error(`node ${args.join(' ')} exited ${status}: ${stderr}`);
  // The second line of `times`: the children's user and system time, as "0m0.040s 0m0.010s".
  const [user, system] = [...stderr.trim().split('\n').at(-1).matchAll(/(\d+)m([\d.]+)s/g)].map(([, minutes, seconds]) => Number(minutes) * 60_000 + Number(seconds) * 1000);
  if (user === undefined || system === undefined) throw new Error(`no CPU time in: ${stderr}`);
  return { cpuMs: user + system, stdout };
}

export default async function run({ report }) {
  const server = await startEc2WireServer();
  const workspace = mkdtempSync(join(tmpdir(), 'ohf-bench-poll-'));
  try {
    const configDirectory = join(workspace, 'conf');
    mkdirSync(configDirectory);
    writeFileSync(
      join(configDirectory, 'awsprov_templates.json'),
      JSON.stringify({
        templates: [
          {
            templateId: 'workers',
            providerApi: 'RunInstances',
            maxNumber: 50,
            attributes: { type: ['String', 'X86_64'], ncpus: ['Numeric', '2'], nram: ['Numeric', '4096'] },
            imageId: 'ami-0123456789abcdef0',
            subnetId: 'subnet-0a1b2c3d4e5f60001',
            vmType: 't3.medium',
          },
        ],
      }),
    );
    writeFileSync(
      join(configDirectory, 'config.yaml'),
      `providers:\n  default_provider_instance: aws-us-east-1\n  providers:\n    - {name: aws-us-east-1, type: aws, capabilities: [RunInstances], config: {region: us-east-1, endpoint: "${server.url}"}}\n`,
    );
    const environment = {
      PATH: process.env.PATH,
      HOME: workspace,
      HF_PROVIDER_CONFDIR: configDirectory,
      HF_PROVIDER_WORKDIR: join(workspace, 'work'),
      AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE',
      AWS_SECRET_ACCESS_KEY: 'ohf-bench-not-a-real-secret-key',
    };
    const launched = await cpuOf([ohfp, 'requestMachines', '--data', JSON.stringify({ template: { templateId: 'workers', machineCount: MACHINES } })], environment);
    const { requestId } = JSON.parse(launched.stdout);
    const poll = [ohfp, 'getRequestStatus', '--data', JSON.stringify({ requests: [{ requestId }] })];

    // Interleaved, so machine load weighs on both alike.
    const baseline = [];
    const status = [];
    for (let index = 0; index < RUNS; index += 1) {
      baseline.push((await cpuOf(['-e', '0'], environment)).cpuMs);
      const answer = await cpuOf(poll, environment);
      status.push(answer.cpuMs);
      const machines = JSON.parse(answer.stdout).requests[0].machines;
      if (machines.length !== MACHINES || machines.some((machine) => machine.status !== 'running')) {
        throw new Error(`expected ${MACHINES} running machines, got ${answer.stdout}`);
      }
    }
    const node = median(baseline);
    const measured = median(status);
    report({ name: `node -e 0, CPU (median of ${RUNS}; min ${Math.min(...baseline).toFixed(0)}, max ${Math.max(...baseline).toFixed(0)})`, value: node, unit: 'ms' });
    report({
      name: `ohfp getRequestStatus, 1 request × ${MACHINES} AWS machines, CPU (median of ${RUNS}; min ${Math.min(...status).toFixed(0)}, max ${Math.max(...status).toFixed(0)})`,
      value: measured,
      unit: 'ms',
      target: '≤ 3× node -e 0',
      ratio: measured / node,
      pass: measured <= 3 * node,
    });
  } finally {
    await server.close();
    rmSync(workspace, { recursive: true, force: true });
  }
}
