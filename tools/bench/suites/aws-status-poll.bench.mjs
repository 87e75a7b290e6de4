// What a status poll costs: `ohfp getRequestStatus` against a local EC2 endpoint (real SDK
// clients, HTTP and XML, full-size instance records, DescribeInstances pages of 1,000), in CPU
// time. The fixed cost: 1 request × 10 machines beside `node -e 0` measured in this run (Symphony
// pays it every few seconds per request). The per-machine cost: 10 requests × 1,000 machines
// minus the 1 × 10 poll, over the 9,990 machines more; and the resident size of that big poll.
// Figure names stay the same from round to round (so `--repeat` folds them); each round's
// min/max over its runs goes to stderr.
// Beside them, the same small poll with the whole @aws-sdk/client-ec2 module instead of the
// provider's describe-only EC2 client (OHF_AWS_DESCRIBE_CLIENT=off), interleaved: what that
// client saves, in this run.
// Symphony's scripts reach a resident helper by default (OHF_HELPER=auto): the small poll is also
// measured as Symphony makes it, `sh scripts/getRequestStatus.sh -f FILE` with no OHF_HELPER set.
// In the same run, the same polls through the resident helper (`ohfp helper start`): the figures
// "through the resident helper" count the calling process's CPU (as above) plus the CPU the
// helper spent during the call (its threads' run time from /proc/<pid>/task/*/schedstat, read
// before and after), reported apart and together; beside them the caller's and the helper's
// resident sizes. The in-process figures run with OHF_HELPER=off, so the helper never serves them.
// Compiled code is kept in the workspace (NODE_COMPILE_CACHE): the first call of each command
// compiles it, the later ones read it, as on a host where Symphony has called ohfp before.
// Beside it, interleaved, the same small poll with NODE_DISABLE_COMPILE_CACHE=1: what the cache
// saves, in this run.
// OHF_BENCH_NODE=/path/to/node runs both under another Node.js (22+ has its own compile cache).
// OHF_BENCH_COMPARE_OHFP=/path/to/dist/ohfp.cjs (another build, e.g. a git worktree of an earlier
// commit, built) runs the same in-process polls with it too, interleaved with this build's on
// the same workspace, each with a compile cache of its own: a before/after in one run, at one
// load.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startEc2WireServer } from '../support/ec2-wire-server.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..', '..', '..');
const ohfp = join(root, 'apps', 'cli', 'dist', 'ohfp.cjs');
const comparedOhfp = process.env.OHF_BENCH_COMPARE_OHFP === undefined ? undefined : resolve(process.env.OHF_BENCH_COMPARE_OHFP);
const MACHINES = 10;
const RUNS = 11;
const BIG_REQUESTS = 10;
const BIG_MACHINES_PER_REQUEST = 1_000;
const BIG_MACHINES = BIG_REQUESTS * BIG_MACHINES_PER_REQUEST;
// A big poll costs seconds of CPU: fewer runs, still a median.
const BIG_RUNS = 3;
// Through the helper a big poll costs well under a second: more runs, a steadier median. They
// follow one first poll, reported apart, in which the helper parses the 10,000 stored machines
// it has not read yet; a helper polled every few seconds has them all from then on.
const BIG_HELPER_RUNS = 7;
// GNU time reports the maximum resident set size of the process it runs (%M, in KiB).
const GNU_TIME = '/usr/bin/time';
// HELPER_ALLOCATOR_SETTINGS of apps/cli/src/helper/helper-launch.ts.
const HELPER_GLIBC_TUNABLES = 'glibc.malloc.mmap_threshold=4194304:glibc.malloc.trim_threshold=8388608';
// The helper gives memory back once it has been idle a moment after a big call.
const HELPER_IDLE_MS = 1_000;

function median(values) {
  const sorted = [...values].sort((left, right) => left - right);
  return sorted[Math.floor(sorted.length / 2)];
}

/**
 * Runs `node …args` (or `executable …args`) under bash, whose `times` reports, on the last line
 * of stderr, the CPU its finished children used (user and system, every thread, exit included:
 * what the machine pays). Asynchronous, as the EC2 endpoint answering the child lives in this process.
 */
async function cpuOf(args, environment, { residentSize = false, executable } = {}) {
  const program = executable ?? process.env.OHF_BENCH_NODE ?? process.execPath;
  const command = residentSize ? [GNU_TIME, '-f', 'max-rss-kib %M', program, ...args] : [program, ...args];
  const child = spawn('bash', ['-c', '"$@"; status=$?; times >&2; exit $status', 'bash', ...command], {
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
  const kibibytes = /max-rss-kib (\d+)/.exec(stderr)?.[1];
  return { cpuMs: user + system, stdout, ...(kibibytes === undefined ? {} : { residentMb: Number(kibibytes) / 1024 }) };
}

/**
 * The issue words the per-machine bar twice: "≤ 0.05 ms" per machine, and "10,000 machines over
 * 10 requests ≤ 1 s of CPU beyond the fixed cost" (0.1 ms a machine). Both are reported, each
 * against its own words.
 */
function beyondTheFixedCost(name, milliseconds) {
  return { name, value: milliseconds, unit: 'ms', target: '≤ 1,000 ms', ratio: milliseconds / 1_000, pass: milliseconds <= 1_000 };
}

/** Min, median and max of one round's runs, on stderr: the figure's name stays constant. */
function spreadOf(name, values, unit) {
  process.stderr.write(`bench: aws-status-poll: ${name} over ${values.length} runs: min ${Math.min(...values).toFixed(1)}, median ${median(values).toFixed(1)}, max ${Math.max(...values).toFixed(1)} ${unit}\n`);
  return median(values);
}

function expectRunning(stdout, requestCount, machinesPerRequest) {
  const requests = JSON.parse(stdout).requests;
  const machines = requests.flatMap((request) => request.machines);
  if (requests.length !== requestCount || machines.length !== requestCount * machinesPerRequest || machines.some((machine) => machine.status !== 'running')) {
    throw new Error(`expected ${requestCount} × ${machinesPerRequest} running machines, got ${stdout.slice(0, 2_000)}`);
  }
}

/**
 * CPU time the process has used so far, in ms: the sum of its threads' run time (schedstat, in
 * ns), else utime + stime of /proc/<pid>/stat (in clock ticks, coarser). A thread that ended
 * between two readings takes its time with it; the helper's threads (main, libuv pool, V8) live
 * as long as it does.
 */
function processCpuMs(pid) {
  try {
    let nanoseconds = 0;
    for (const task of readdirSync(`/proc/${pid}/task`)) nanoseconds += Number(readFileSync(`/proc/${pid}/task/${task}/schedstat`, 'utf8').split(' ')[0]);
    return nanoseconds / 1e6;
  } catch {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    // utime and stime are fields 14 and 15 of the line, 12 and 13 after "pid (comm) ".
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  }
}

/** VmRSS and VmHWM (peak) of a live process, in MB. */
function residentOf(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const field = (name) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1]) / 1024;
  return { currentMb: field('VmRSS'), peakMb: field('VmHWM') };
}

/** Starts `ohfp helper start --foreground` for the environment and waits for its socket. */
async function startHelper(environment) {
  const node = process.env.OHF_BENCH_NODE ?? process.execPath;
  // With the allocator settings `ohfp helper start` gives the helper it starts detached.
  const child = spawn(node, [ohfp, 'helper', 'start', '--foreground', '--idle-timeout', '3600'], {
    env: { GLIBC_TUNABLES: HELPER_GLIBC_TUNABLES, ...environment },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const socketPath = join(environment.HF_PROVIDER_WORKDIR, '.ohfp-helper.sock');
  for (let waited = 0; !existsSync(socketPath); waited += 50) {
    if (waited > 20_000 || child.exitCode !== null) throw new Error(`the helper did not start: ${stderr}`);
    await new Promise((resolvePause) => setTimeout(resolvePause, 50));
  }
  return {
    pid: child.pid,
    stop: () =>
      new Promise((resolveStop) => {
        child.on('close', resolveStop);
        child.kill('SIGTERM');
      }),
  };
}

/** One call through the helper: the caller's CPU (as cpuOf counts it) and the helper's during the call. */
async function throughHelper(helper, args, environment, options) {
  const before = processCpuMs(helper.pid);
  const answer = await cpuOf(args, environment, options);
  const helperCpuMs = processCpuMs(helper.pid) - before;
  return { ...answer, callerCpuMs: answer.cpuMs, helperCpuMs, cpuMs: answer.cpuMs + helperCpuMs };
}

/** The compared build's in-process figures, each beside this build's from the same run. */
function reportCompared(report, { comparedOhfp, comparedSmall, comparedBig, comparedBigResident, measured, bigMeasured, bigResident }) {
  const what = `with the compared build (${comparedOhfp})`;
  const small = spreadOf(`1 × ${MACHINES} poll CPU, compared build`, comparedSmall, 'ms');
  const big = spreadOf(`${BIG_REQUESTS} × ${BIG_MACHINES_PER_REQUEST} poll CPU, compared build`, comparedBig, 'ms');
  const perMachine = (big - small) / (BIG_MACHINES - MACHINES);
  const thisPerMachine = (bigMeasured - measured) / (BIG_MACHINES - MACHINES);
  // The ratio is this build's figure over the compared build's: below 1, this build costs less.
  report({ name: `ohfp getRequestStatus, 1 request × ${MACHINES} AWS machines, CPU ${what} (median of ${RUNS}; ratio: this build / it)`, value: small, unit: 'ms', ratio: measured / small });
  report({ name: `ohfp getRequestStatus, ${BIG_REQUESTS} requests × ${BIG_MACHINES_PER_REQUEST} AWS machines, CPU ${what} (median of ${BIG_RUNS}; ratio: this build / it)`, value: big, unit: 'ms', ratio: bigMeasured / big });
  report({ name: `status poll CPU per machine ${what} (ratio: this build / it)`, value: perMachine, unit: 'ms', ratio: thisPerMachine / perMachine });
  if (comparedBigResident.length > 0 && bigResident.length > 0) {
    const resident = spreadOf(`${BIG_REQUESTS} × ${BIG_MACHINES_PER_REQUEST} poll max RSS, compared build`, comparedBigResident, 'MB');
    report({ name: `ohfp getRequestStatus, ${BIG_REQUESTS} requests × ${BIG_MACHINES_PER_REQUEST} AWS machines, max resident size ${what} (median of ${BIG_RUNS}; ratio: this build / it)`, value: resident, unit: 'MB', ratio: median(bigResident) / resident });
  }
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
            // The cap counts every machine running or on order, the small request's included.
            maxNumber: MACHINES + BIG_MACHINES,
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
    const helperEnvironment = {
      PATH: process.env.PATH,
      HOME: workspace,
      HF_PROVIDER_CONFDIR: configDirectory,
      HF_PROVIDER_WORKDIR: join(workspace, 'work'),
      AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE',
      AWS_SECRET_ACCESS_KEY: 'ohf-bench-not-a-real-secret-key',
      NODE_COMPILE_CACHE: join(workspace, 'compile-cache'),
    };
    // In-process calls: the helper, running for the same work directory, must not serve them.
    const environment = { ...helperEnvironment, OHF_HELPER: 'off' };
    // The polls with the whole EC2 module keep their compiled code apart: with this build's cache,
    // each would leave the next poll a list of companion bundles without the describe-only client,
    // which that poll would then compile anew (as a host never switching clients does not).
    const wholeModuleEnvironment = { ...environment, OHF_AWS_DESCRIBE_CLIENT: 'off', NODE_COMPILE_CACHE: join(workspace, 'compile-cache-whole-module') };
    // The compared build keeps its compiled code apart: a cache written by one build is stale for the other.
    const comparedEnvironment = { ...environment, NODE_COMPILE_CACHE: join(workspace, 'compile-cache-compared') };
    /** The same call with the compared build: `call` is [ohfp, ...arguments]. */
    const compared = (call, options) => cpuOf([comparedOhfp, ...call.slice(1)], comparedEnvironment, options);
    mkdirSync(helperEnvironment.HF_PROVIDER_WORKDIR, { recursive: true });
    const helper = await startHelper(helperEnvironment);
    try {
      const launch = async (count) => {
        const launched = await cpuOf([ohfp, 'requestMachines', '--data', JSON.stringify({ template: { templateId: 'workers', machineCount: count } })], environment);
        return JSON.parse(launched.stdout).requestId;
      };
      const pollOf = (requestIds) => [ohfp, 'getRequestStatus', '--data', JSON.stringify({ requests: requestIds.map((requestId) => ({ requestId })) })];
      const smallRequestId = await launch(MACHINES);
      const poll = pollOf([smallRequestId]);
      // The same poll as Symphony makes it: its script, with an input file, in the environment
      // Symphony gives the scripts (no OHF_HELPER: the script's default reaches the helper).
      const inputFile = join(workspace, 'status-input.json');
      writeFileSync(inputFile, JSON.stringify({ requests: [{ requestId: smallRequestId }] }));
      const scriptPoll = [join(root, 'apps', 'cli', 'scripts', 'getRequestStatus.sh'), '-f', inputFile];

      // Interleaved, so machine load weighs on both alike.
      const baseline = [];
      const status = [];
      const wholeModule = [];
      const wholeModuleResident = [];
      const uncached = [];
      const residentSize = existsSync(GNU_TIME);
      /**
       * A poll with the compared build, when there is one, measured as this build's are (under
       * GNU time where it is, whose own cost both then pay): its CPU, and its resident size where
       * a list is given for it.
       */
      const comparedPoll = async (call, requestCount, machinesPerRequest, cpu, resident) => {
        if (comparedOhfp === undefined) return;
        const other = await compared(call, { residentSize });
        expectRunning(other.stdout, requestCount, machinesPerRequest);
        cpu.push(other.cpuMs);
        if (other.residentMb !== undefined) resident?.push(other.residentMb);
      };
      // The helper's first call loads the AWS SDK and compiles: what the first poll after a start costs.
      const helperFirst = await throughHelper(helper, poll, helperEnvironment);
      expectRunning(helperFirst.stdout, 1, MACHINES);
      const helped = [];
      const scripted = [];
      const comparedSmall = [];
      // Its first call compiles, as this build's first call (the launch above) did.
      if (comparedOhfp !== undefined) expectRunning((await compared(poll)).stdout, 1, MACHINES);
      for (let index = 0; index < RUNS; index += 1) {
        baseline.push((await cpuOf(['-e', '0'], environment)).cpuMs);
        // The compared build goes first every other round: which call comes first moves the figures by a few percent.
        const comparedFirst = index % 2 === 1;
        if (comparedFirst) await comparedPoll(poll, 1, MACHINES, comparedSmall);
        const answer = await cpuOf(poll, environment, { residentSize });
        status.push(answer);
        expectRunning(answer.stdout, 1, MACHINES);
        if (!comparedFirst) await comparedPoll(poll, 1, MACHINES, comparedSmall);
        const whole = await cpuOf(poll, wholeModuleEnvironment, { residentSize });
        wholeModule.push(whole.cpuMs);
        if (whole.residentMb !== undefined) wholeModuleResident.push(whole.residentMb);
        expectRunning(whole.stdout, 1, MACHINES);
        const compiledEachTime = await cpuOf(poll, { ...environment, NODE_DISABLE_COMPILE_CACHE: '1' });
        uncached.push(compiledEachTime.cpuMs);
        expectRunning(compiledEachTime.stdout, 1, MACHINES);
        const throughTheHelper = await throughHelper(helper, poll, helperEnvironment, { residentSize });
        helped.push(throughTheHelper);
        expectRunning(throughTheHelper.stdout, 1, MACHINES);
        const throughTheScript = await throughHelper(helper, scriptPoll, helperEnvironment, { executable: '/bin/sh' });
        scripted.push(throughTheScript.cpuMs);
        // The same answer, whoever computes it.
        if (throughTheScript.stdout !== answer.stdout) throw new Error(`the script answered otherwise than in-process:\n${throughTheScript.stdout.slice(0, 1_000)}`);
        if (throughTheHelper.stdout !== answer.stdout) throw new Error(`the helper answered otherwise than in-process:\n${throughTheHelper.stdout.slice(0, 1_000)}\n---\n${answer.stdout.slice(0, 1_000)}`);
      }
      const node = spreadOf('node -e 0 CPU', baseline, 'ms');
      const measured = spreadOf(`1 × ${MACHINES} poll CPU`, status.map((answer) => answer.cpuMs), 'ms');
      const measuredWhole = spreadOf(`1 × ${MACHINES} poll CPU, whole EC2 module`, wholeModule, 'ms');
      const measuredUncached = spreadOf(`1 × ${MACHINES} poll CPU, no compile cache`, uncached, 'ms');
      report({ name: `node -e 0, CPU (median of ${RUNS})`, value: node, unit: 'ms' });
      report({
        name: `ohfp getRequestStatus in its own process (OHF_HELPER=off), 1 request × ${MACHINES} AWS machines, CPU (median of ${RUNS})`,
        value: measured,
        unit: 'ms',
        target: '≤ 3× node -e 0',
        ratio: measured / node,
        pass: measured <= 3 * node,
      });
      report({
        name: `ohfp getRequestStatus, 1 request × ${MACHINES} AWS machines, whole @aws-sdk/client-ec2 instead of the describe-only client, CPU (median of ${RUNS}, informational)`,
        value: measuredWhole,
        unit: 'ms',
        ratio: measuredWhole / node,
      });
      report({
        name: `ohfp getRequestStatus, 1 request × ${MACHINES} AWS machines, compiled anew each call (NODE_DISABLE_COMPILE_CACHE=1), CPU (median of ${RUNS}, informational)`,
        value: measuredUncached,
        unit: 'ms',
        ratio: measuredUncached / node,
      });
      const helpedTotal = spreadOf(`1 × ${MACHINES} poll CPU through the helper, caller + helper`, helped.map((answer) => answer.cpuMs), 'ms');
      report({
        name: `ohfp getRequestStatus through the resident helper, 1 request × ${MACHINES} AWS machines, CPU of caller + helper (median of ${RUNS})`,
        value: helpedTotal,
        unit: 'ms',
        target: '≤ 3× node -e 0',
        ratio: helpedTotal / node,
        pass: helpedTotal <= 3 * node,
      });
      const scriptedTotal = spreadOf(`1 × ${MACHINES} poll CPU through scripts/getRequestStatus.sh, sh + caller + helper`, scripted, 'ms');
      report({
        name: `scripts/getRequestStatus.sh -f FILE as Symphony calls it (its default: through the resident helper), 1 request × ${MACHINES} AWS machines, CPU of sh + caller + helper (median of ${RUNS})`,
        value: scriptedTotal,
        unit: 'ms',
        target: '≤ 3× node -e 0',
        ratio: scriptedTotal / node,
        pass: scriptedTotal <= 3 * node,
      });
      report({
        name: `ohfp getRequestStatus through the resident helper, 1 request × ${MACHINES} AWS machines, CPU of the calling process alone (median of ${RUNS}, informational)`,
        value: spreadOf(`1 × ${MACHINES} poll CPU through the helper, the caller alone`, helped.map((answer) => answer.callerCpuMs), 'ms'),
        unit: 'ms',
        ratio: median(helped.map((answer) => answer.callerCpuMs)) / node,
      });
      report({
        name: `ohfp getRequestStatus through the resident helper, 1 request × ${MACHINES} AWS machines, CPU of the helper alone (median of ${RUNS}, informational)`,
        value: spreadOf(`1 × ${MACHINES} poll CPU through the helper, the helper alone`, helped.map((answer) => answer.helperCpuMs), 'ms'),
        unit: 'ms',
      });
      report({
        name: `ohfp getRequestStatus through the resident helper, 1 request × ${MACHINES} AWS machines, first call after the helper started, CPU of caller + helper (informational)`,
        value: helperFirst.cpuMs,
        unit: 'ms',
        ratio: helperFirst.cpuMs / node,
      });
      const helpedResident = helped.map((answer) => answer.residentMb).filter((value) => value !== undefined);
      if (helpedResident.length > 0) {
        report({
          name: `ohfp getRequestStatus through the resident helper, 1 request × ${MACHINES} AWS machines, the calling process's max resident size (median of ${RUNS}, informational)`,
          value: spreadOf(`1 × ${MACHINES} poll through the helper, caller max RSS`, helpedResident, 'MB'),
          unit: 'MB',
        });
      }
      const smallResident = status.map((answer) => answer.residentMb).filter((value) => value !== undefined);
      if (smallResident.length > 0 && wholeModuleResident.length > 0) {
        report({ name: `ohfp getRequestStatus, 1 request × ${MACHINES} AWS machines, max resident size (median of ${RUNS}, informational)`, value: spreadOf(`1 × ${MACHINES} poll max RSS`, smallResident, 'MB'), unit: 'MB' });
        report({
          name: `ohfp getRequestStatus, 1 request × ${MACHINES} AWS machines, whole EC2 module, max resident size (median of ${RUNS}, informational)`,
          value: spreadOf(`1 × ${MACHINES} poll max RSS, whole EC2 module`, wholeModuleResident, 'MB'),
          unit: 'MB',
        });
      }

      const bigRequestIds = [];
      for (let index = 0; index < BIG_REQUESTS; index += 1) bigRequestIds.push(await launch(BIG_MACHINES_PER_REQUEST));
      const bigPoll = pollOf(bigRequestIds);
      const bigCpu = [];
      const bigResident = [];
      const comparedBig = [];
      const comparedBigResident = [];
      for (let index = 0; index < BIG_RUNS; index += 1) {
        const comparedFirst = index % 2 === 1;
        if (comparedFirst) await comparedPoll(bigPoll, BIG_REQUESTS, BIG_MACHINES_PER_REQUEST, comparedBig, comparedBigResident);
        const answer = await cpuOf(bigPoll, environment, { residentSize });
        bigCpu.push(answer.cpuMs);
        if (answer.residentMb !== undefined) bigResident.push(answer.residentMb);
        expectRunning(answer.stdout, BIG_REQUESTS, BIG_MACHINES_PER_REQUEST);
        if (!comparedFirst) await comparedPoll(bigPoll, BIG_REQUESTS, BIG_MACHINES_PER_REQUEST, comparedBig, comparedBigResident);
      }
      const bigMeasured = spreadOf(`${BIG_REQUESTS} × ${BIG_MACHINES_PER_REQUEST} poll CPU`, bigCpu, 'ms');
      const perMachine = (bigMeasured - measured) / (BIG_MACHINES - MACHINES);
      report({ name: `ohfp getRequestStatus, ${BIG_REQUESTS} requests × ${BIG_MACHINES_PER_REQUEST} AWS machines, CPU (median of ${BIG_RUNS})`, value: bigMeasured, unit: 'ms' });
      report({
        name: `status poll CPU per machine in its own process (OHF_HELPER=off) ((${BIG_REQUESTS} × ${BIG_MACHINES_PER_REQUEST} poll − 1 × ${MACHINES} poll) / ${BIG_MACHINES - MACHINES})`,
        value: perMachine,
        unit: 'ms',
        target: '≤ 0.05 ms',
        ratio: perMachine / 0.05,
        pass: perMachine <= 0.05,
      });
      report(beyondTheFixedCost(`ohfp getRequestStatus in its own process (OHF_HELPER=off), ${BIG_REQUESTS} requests × ${BIG_MACHINES_PER_REQUEST} AWS machines, CPU beyond the 1 × ${MACHINES} poll`, bigMeasured - measured));
      const residentName = `ohfp getRequestStatus in its own process (OHF_HELPER=off), ${BIG_REQUESTS} requests × ${BIG_MACHINES_PER_REQUEST} AWS machines, max resident size (median of ${BIG_RUNS})`;
      if (bigResident.length === 0) {
        report({ name: residentName, value: `not measured (no ${GNU_TIME})`, unit: '' });
      } else {
        const resident = spreadOf(`${BIG_REQUESTS} × ${BIG_MACHINES_PER_REQUEST} poll max RSS`, bigResident, 'MB');
        report({ name: residentName, value: resident, unit: 'MB', target: '≤ 120 MB', ratio: resident / 120, pass: resident <= 120 });
      }

      if (comparedOhfp !== undefined) reportCompared(report, { comparedOhfp, comparedSmall, comparedBig, comparedBigResident, measured, bigMeasured, bigResident });

      // The big poll through the helper (warm: it has answered the small polls).
      const bigFirst = await throughHelper(helper, bigPoll, helperEnvironment);
      expectRunning(bigFirst.stdout, BIG_REQUESTS, BIG_MACHINES_PER_REQUEST);
      report({
        name: `ohfp getRequestStatus through the resident helper, ${BIG_REQUESTS} requests × ${BIG_MACHINES_PER_REQUEST} AWS machines, first such poll (the helper parses the stored machines), CPU of caller + helper (informational)`,
        value: bigFirst.cpuMs,
        unit: 'ms',
      });
      const bigHelped = [];
      for (let index = 0; index < BIG_HELPER_RUNS; index += 1) {
        const answer = await throughHelper(helper, bigPoll, helperEnvironment, { residentSize });
        bigHelped.push(answer);
        expectRunning(answer.stdout, BIG_REQUESTS, BIG_MACHINES_PER_REQUEST);
      }
      const bigHelpedTotal = spreadOf(`${BIG_REQUESTS} × ${BIG_MACHINES_PER_REQUEST} poll CPU through the helper, caller + helper`, bigHelped.map((answer) => answer.cpuMs), 'ms');
      const perMachineHelped = (bigHelpedTotal - helpedTotal) / (BIG_MACHINES - MACHINES);
      report({
        name: `ohfp getRequestStatus through the resident helper, ${BIG_REQUESTS} requests × ${BIG_MACHINES_PER_REQUEST} AWS machines, CPU of caller + helper (median of ${BIG_HELPER_RUNS})`,
        value: bigHelpedTotal,
        unit: 'ms',
      });
      report({
        name: `ohfp getRequestStatus through the resident helper, ${BIG_REQUESTS} requests × ${BIG_MACHINES_PER_REQUEST} AWS machines, CPU of the helper alone (median of ${BIG_HELPER_RUNS}, informational)`,
        value: spreadOf(`${BIG_REQUESTS} × ${BIG_MACHINES_PER_REQUEST} poll CPU, the helper alone`, bigHelped.map((answer) => answer.helperCpuMs), 'ms'),
        unit: 'ms',
      });
      report({
        name: `status poll CPU per machine through the resident helper, caller + helper ((${BIG_REQUESTS} × ${BIG_MACHINES_PER_REQUEST} poll − 1 × ${MACHINES} poll) / ${BIG_MACHINES - MACHINES})`,
        value: perMachineHelped,
        unit: 'ms',
        target: '≤ 0.05 ms',
        ratio: perMachineHelped / 0.05,
        pass: perMachineHelped <= 0.05,
      });
      report(beyondTheFixedCost(`ohfp getRequestStatus through the resident helper, ${BIG_REQUESTS} requests × ${BIG_MACHINES_PER_REQUEST} AWS machines, CPU of caller + helper beyond the 1 × ${MACHINES} poll`, bigHelpedTotal - helpedTotal));
      const callerResident = bigHelped.map((answer) => answer.residentMb).filter((value) => value !== undefined);
      if (callerResident.length > 0) {
        const resident = spreadOf(`${BIG_REQUESTS} × ${BIG_MACHINES_PER_REQUEST} poll through the helper, caller max RSS`, callerResident, 'MB');
        report({
          name: `ohfp getRequestStatus through the resident helper, ${BIG_REQUESTS} requests × ${BIG_MACHINES_PER_REQUEST} AWS machines, the calling process's max resident size (median of ${BIG_HELPER_RUNS})`,
          value: resident,
          unit: 'MB',
          target: '≤ 120 MB',
          ratio: resident / 120,
          pass: resident <= 120,
        });
      }
      await new Promise((resolvePause) => setTimeout(resolvePause, HELPER_IDLE_MS));
      const helperResident = residentOf(helper.pid);
      report({
        name: `resident helper after the ${BIG_REQUESTS} × ${BIG_MACHINES_PER_REQUEST} polls, peak resident size (VmHWM, informational)`,
        value: helperResident.peakMb,
        unit: 'MB',
      });
      report({
        name: `resident helper ${HELPER_IDLE_MS / 1000} s after the ${BIG_REQUESTS} × ${BIG_MACHINES_PER_REQUEST} polls, resident size (VmRSS, informational)`,
        value: helperResident.currentMb,
        unit: 'MB',
      });
    } finally {
      await helper.stop();
    }
  } finally {
    await server.close();
    rmSync(workspace, { recursive: true, force: true });
  }
}
