// Same-run baselines: what this machine gives right now to a bare Node.js process and to the
// built API's cheapest route. Measured at the start of every run, so each figure can be divided
// by a baseline taken under the same load.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const BASELINES = {
  nodeWallMs: { name: '`node -e 0` wall time, median of 5 spawns', short: 'node -e 0', unit: 'ms' },
  nodeCpuMs: { name: '`node -e 0` CPU time (user + system), mean of 5 spawns', short: 'node -e 0 CPU', unit: 'ms' },
  healthzRequestsPerSecond: { name: 'GET /healthz on the built API, 10 connections for 3 s', short: '/healthz', unit: 'req/s' },
};

const SPAWNS = 5;
// Only PATH, as the cli suite runs `ohfp`: variables such as NODE_OPTIONS or NODE_EXTRA_CA_CERTS
// (which alone adds tens of milliseconds of certificate loading) must weigh on both or neither.
const BARE_ENVIRONMENT = { PATH: process.env.PATH };
const HEALTHZ_SECONDS = 3;
const KEY = 'ohf_bench-baseline-0123456789abcdefghijk';

/** Every baseline a number, or absent with the reason in `errors`. */
export async function measureBaselines() {
  const baselines = { errors: {} };
  const wall = [];
  const cpuBefore = childrenCpuMs();
  for (let index = 0; index < SPAWNS; index += 1) {
    const started = process.hrtime.bigint();
    const run = spawnSync(process.execPath, ['-e', '0'], { stdio: 'ignore', env: BARE_ENVIRONMENT });
    wall.push(Number(process.hrtime.bigint() - started) / 1e6);
    if (run.status !== 0) throw new Error(`node -e 0 exited ${run.status ?? run.signal}`);
  }
  wall.sort((left, right) => left - right);
  baselines.nodeWallMs = wall[Math.floor(SPAWNS / 2)];
  const cpuAfter = childrenCpuMs();
  if (cpuBefore === undefined || cpuAfter === undefined) baselines.errors.nodeCpuMs = 'needs /proc (Linux)';
  else baselines.nodeCpuMs = (cpuAfter - cpuBefore) / SPAWNS;
  try {
    baselines.healthzRequestsPerSecond = await healthzRequestsPerSecond();
  } catch (error) {
    baselines.errors.healthzRequestsPerSecond = error?.message ?? String(error);
  }
  return baselines;
}

/**
 * CPU time of this process's finished children, from /proc (Node.js has no getrusage for
 * children). Its unit is the clock tick (10 ms), hence the mean over several spawns.
 */
function childrenCpuMs() {
  if (!existsSync('/proc/self/stat')) return undefined;
  const stat = readFileSync('/proc/self/stat', 'utf8');
  // Fields after the command name, which may hold spaces: cutime and cstime are fields 16 and 17.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticksPerSecond = 100;
  return ((Number(fields[13]) + Number(fields[14])) * 1000) / ticksPerSecond;
}

/** Loaded when measured, so the runner's arguments are checked without loading the API. */
async function healthzRequestsPerSecond() {
  const { default: autocannon } = await import('autocannon');
  const { startBuiltApiServer } = await import('../scripts/built-api-server.mjs');
  const server = await startBuiltApiServer({ storage: (directory) => ({ strategy: 'sqlite', sqlite: { path: join(directory, 'ohf.db') } }), key: KEY });
  try {
    const url = `${server.base}/healthz`;
    await autocannon({ url, connections: 10, duration: 1 });
    const result = await autocannon({ url, connections: 10, duration: HEALTHZ_SECONDS });
    if (result.errors + result.timeouts + result.non2xx > 0) throw new Error(`GET /healthz failed ${result.errors + result.timeouts + result.non2xx} times`);
    return result.requests.average;
  } finally {
    await server.stop();
  }
}
