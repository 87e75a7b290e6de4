import { existsSync, readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { CommandError } from '@ohf/domain-core';
import type { CliContext } from '../cli/cli-context.js';
import type { CommandDefinition } from '../cli/command-definition.js';
import { EXIT_CODES } from '../cli/exit-codes.js';
import { UsageError } from '../cli/parse-arguments.js';
import { spawnDetachedHelper } from '../helper/helper-launch.js';
import { encodeLine, helperSocketPathOf, frameReader, type HelperReply, type HelperRequest, type HelperStatus } from '../helper/helper-protocol.js';

/** 30 minutes: a helper outlives the pauses between Symphony's polls, not a quiet night. */
const DEFAULT_IDLE_TIMEOUT_SECONDS = 1_800;
/** How long `start` waits for the new helper to answer, and `stop` for it to be gone. */
const START_STOP_WAIT_MS = 15_000;

const HELPER_DESCRIPTION = [
  'A resident helper keeps ohfp loaded (the AWS SDK, the schemas, the configuration, warm code) so that Symphony’s',
  'frequent calls (getRequestStatus every few seconds) do not each pay for starting Node.js and loading it all.',
  'Every ohfp call whose environment names the same socket (OHF_HELPER_SOCKET, else .ohfp-helper.sock in the work',
  'directory, HF_PROVIDER_WORKDIR) hands its arguments, environment and current directory to the helper and prints',
  'its answer; without a helper, or when it cannot take the call, the call runs in its own process as always.',
  'OHF_HELPER=off turns this off for a call; with OHF_HELPER=auto, a call that finds no helper starts one in the',
  'background (with its own environment, at most once a minute) for the calls after it. Symphony’s scripts',
  '(scripts/*.sh) set OHF_HELPER=auto when the provider’s environment sets no OHF_HELPER.',
  'The socket is mode 0600: only the user running the helper can use it.',
  'The helper serves a call only when the call’s AWS_*, NODE_*, HOME, TZ and proxy variables equal its own (the AWS',
  'SDK reads credentials, profiles and endpoints from the process environment): start it with the environment',
  'Symphony gives the provider scripts.',
].join(' ');

function idleTimeoutOf(context: CliContext, option: unknown): number {
  const given = typeof option === 'string' ? option : context.environment.OHF_HELPER_IDLE_TIMEOUT;
  if (given === undefined || given === '') return DEFAULT_IDLE_TIMEOUT_SECONDS;
  const seconds = Number(given);
  if (!Number.isFinite(seconds) || seconds <= 0 || given.trim() === '') {
    throw new UsageError(`--idle-timeout (or OHF_HELPER_IDLE_TIMEOUT) must be a number of seconds above 0 (got "${given}").`);
  }
  return seconds;
}

const socketPathOf = (context: CliContext) => helperSocketPathOf(context.environment, context.currentDirectory);

/** The helper's one reply to `status` or `stop`, `undefined` when nothing listens on the socket. */
function askHelper(socketPath: string, request: HelperRequest): Promise<HelperReply | undefined> {
  return new Promise((resolveReply) => {
    const socket = connect(socketPath);
    const done = (reply: HelperReply | undefined) => {
      socket.destroy();
      resolveReply(reply);
    };
    const read = frameReader((message) => done(message as HelperReply));
    socket.on('connect', () => socket.write(encodeLine(request)));
    socket.on('data', (chunk: Buffer) => {
      try {
        read(chunk);
      } catch {
        done(undefined);
      }
    });
    socket.on('error', () => done(undefined));
    socket.on('close', () => done(undefined));
    setTimeout(() => done(undefined), START_STOP_WAIT_MS).unref();
  });
}

async function statusOf(socketPath: string): Promise<HelperStatus | undefined> {
  const reply = await askHelper(socketPath, { kind: 'status' });
  if (reply?.kind !== 'status') return undefined;
  const { kind: _kind, ...status } = reply;
  return status;
}

const pause = (milliseconds: number) => new Promise((resolvePause) => setTimeout(resolvePause, milliseconds));

/** Runs the helper in this process until it stops (idle timeout, SIGTERM, `ohfp helper stop`). */
async function runInForeground(socketPath: string, idleTimeoutSeconds: number): Promise<void> {
  const { startHelperServer } = await import('../helper/helper-server.js');
  const report = (line: string) => process.stderr.write(`${new Date().toISOString()} ${line}\n`);
  const helper = await startHelperServer({ socketPath, idleTimeoutMs: idleTimeoutSeconds * 1000, report });
  const onSignal = (signal: NodeJS.Signals) => void helper.stop(signal);
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
  process.on('SIGHUP', onSignal);
  // A fault left behind by one call (a promise nobody awaited) must not end the others.
  const onUnhandled = (reason: unknown) => report(`unhandled rejection: ${(reason as Error)?.stack ?? String(reason)}`);
  process.on('unhandledRejection', onUnhandled);
  try {
    await helper.stopped;
  } finally {
    process.off('SIGTERM', onSignal);
    process.off('SIGINT', onSignal);
    process.off('SIGHUP', onSignal);
    process.off('unhandledRejection', onUnhandled);
  }
}

/** Starts `ohfp helper start --foreground` detached from this process, its lines in helper.log, and waits until it answers. */
async function startDetached(context: CliContext, socketPath: string, idleTimeoutSeconds: number): Promise<HelperStatus> {
  const { child, logPath } = spawnDetachedHelper(context.environment, context.currentDirectory, ['--idle-timeout', String(idleTimeoutSeconds)]);
  let exited: number | null | undefined;
  child.on('exit', (code) => (exited = code));
  const deadline = Date.now() + START_STOP_WAIT_MS;
  while (Date.now() < deadline && exited === undefined) {
    const status = await statusOf(socketPath);
    if (status !== undefined && status.pid === child.pid) return status;
    await pause(50);
  }
  const tail = (() => {
    try {
      return readFileSync(logPath, 'utf8').trim().split('\n').slice(-5).join('\n');
    } catch {
      return '';
    }
  })();
  if (exited === undefined) child.kill('SIGTERM');
  throw new CommandError('INTERNAL', `The helper did not start${exited === undefined ? ` within ${START_STOP_WAIT_MS / 1000} s` : ` (exit code ${exited})`}. Its last lines (${logPath}):\n${tail}`, {
    details: { socketPath, logPath },
  });
}

export const helperCommands: readonly CommandDefinition[] = [
  {
    path: ['helper', 'start'],
    group: 'Setup',
    summary: 'Start the resident helper that answers ohfp calls without a cold start.',
    description: `${HELPER_DESCRIPTION} It stops after --idle-timeout seconds without a call (default ${DEFAULT_IDLE_TIMEOUT_SECONDS}, or OHF_HELPER_IDLE_TIMEOUT), on SIGTERM, or with "ohfp helper stop", and removes its socket. Without --foreground it detaches and logs to helper.log in the log directory; with it, it stays in the foreground (systemd, supervisors) and logs to stderr.`,
    options: [
      { name: 'foreground', type: 'boolean', description: 'Stay in the foreground until stopped (for systemd and other supervisors).' },
      { name: 'idle-timeout', type: 'string', valueName: 'SECONDS', description: `Stop after this long without a call (default ${DEFAULT_IDLE_TIMEOUT_SECONDS}).` },
    ],
    examples: ['ohfp helper start', 'ohfp helper start --foreground --idle-timeout 86400', 'OHF_HELPER_SOCKET=/run/ohfp/aws.sock ohfp helper start'],
    run: async (invocation, context) => {
      const socketPath = socketPathOf(context);
      const idleTimeoutSeconds = idleTimeoutOf(context, invocation.options['idle-timeout']);
      if (invocation.options.foreground === true) {
        await runInForeground(socketPath, idleTimeoutSeconds);
        return { exitCode: EXIT_CODES.success };
      }
      const running = await statusOf(socketPath);
      if (running !== undefined) return { exitCode: EXIT_CODES.success, output: { started: false, message: 'A helper already runs for this socket.', ...running } };
      return { exitCode: EXIT_CODES.success, output: { started: true, ...(await startDetached(context, socketPath, idleTimeoutSeconds)) } };
    },
  },
  {
    path: ['helper', 'status'],
    group: 'Setup',
    summary: 'Show the resident helper of this environment: pid, uptime, calls served, socket.',
    description: `${HELPER_DESCRIPTION} Exit code 4 when no helper answers on the socket.`,
    examples: ['ohfp helper status', 'ohfp helper status --format table'],
    run: async (_invocation, context) => {
      const socketPath = socketPathOf(context);
      const status = await statusOf(socketPath);
      if (status === undefined) {
        throw new CommandError('NOT_FOUND', `No helper answers on ${socketPath}; ohfp calls run in their own processes. Start one with "ohfp helper start".`, {
          details: { socketPath },
        });
      }
      return { exitCode: EXIT_CODES.success, output: status };
    },
  },
  {
    path: ['helper', 'stop'],
    group: 'Setup',
    summary: 'Stop the resident helper of this environment (its running calls finish first).',
    description: `${HELPER_DESCRIPTION} Waits up to ${START_STOP_WAIT_MS / 1000} s for it to be gone; stopping when none runs is not an error.`,
    examples: ['ohfp helper stop'],
    run: async (_invocation, context) => {
      const socketPath = socketPathOf(context);
      const reply = await askHelper(socketPath, { kind: 'stop' });
      if (reply?.kind !== 'stopping') return { exitCode: EXIT_CODES.success, output: { stopped: false, socketPath, message: 'No helper was running.' } };
      const deadline = Date.now() + START_STOP_WAIT_MS;
      // It removes the socket once its running calls have finished.
      while (Date.now() < deadline && existsSync(socketPath)) await pause(50);
      return { exitCode: EXIT_CODES.success, output: { stopped: true, pid: reply.pid, socketPath } };
    },
  },
];
