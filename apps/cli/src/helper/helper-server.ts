import { chmodSync, statSync, unlinkSync, type Stats } from 'node:fs';
import { createServer, connect, type Socket } from 'node:net';
import { isAbsolute } from 'node:path';
import { CommandError, ConfigurationError } from '@ohf/domain-core';
import { VERSION } from '../version.js';
import { CompositionReuseCache } from './composition-reuse-cache.js';
import {
  buildIdentity,
  differingProcessWideVariable,
  encodeLine,
  encodeOutput,
  HELPER_PROTOCOL,
  frameReader,
  MAX_SOCKET_PATH_BYTES,
  type HelperReply,
  type HelperStatus,
} from './helper-protocol.js';
import { HelperRequestSchema, type ParsedHelperRequest } from './helper-request-schema.js';
import { limitHeapGrowth } from './heap-growth.js';
import { collectGarbage, IdleMemoryRelease } from './idle-memory-release.js';
import { SharedFileLoggers } from './shared-file-loggers.js';

type CallMessage = Extract<ParsedHelperRequest, { kind: 'call' }>;

export interface HelperServerOptions {
  readonly socketPath: string;
  /** The helper stops when no call came for this long. */
  readonly idleTimeoutMs: number;
  /** Lines about the helper itself (started, stopping), for the operator. */
  readonly report?: (line: string) => void;
}

export interface RunningHelper {
  readonly status: () => HelperStatus;
  /** Stops accepting calls, lets the running ones finish, removes the socket. */
  readonly stop: (reason: string) => Promise<void>;
  /** Settles once the helper has stopped. */
  readonly stopped: Promise<void>;
}

/** Whether something answers on the socket (a live helper), `false` when the file is stale or absent. */
export function socketAnswers(socketPath: string): Promise<boolean> {
  return new Promise((resolveAnswer) => {
    const probe = connect(socketPath);
    probe.once('connect', () => {
      probe.destroy();
      resolveAnswer(true);
    });
    probe.once('error', () => resolveAnswer(false));
  });
}

function statOrUndefined(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}

/** Read once: a reinstall while the helper runs replaces the file, and calls from it must be declined. */
const ownBuild = buildIdentity();

/** Why this helper must not run a call, or `undefined` when it may. */
function declineReason(call: CallMessage): string | undefined {
  if (call.protocol !== HELPER_PROTOCOL) return `protocol ${call.protocol}, the helper speaks ${HELPER_PROTOCOL}`;
  if (call.version !== VERSION) return `ohfp ${call.version}, the helper is ${VERSION}`;
  if (call.build !== ownBuild) return 'another build of the same version (reinstalled since the helper started: restart it)';
  if (call.nodeVersion !== process.version) return `Node.js ${call.nodeVersion}, the helper runs ${process.version}`;
  if (JSON.stringify(call.execArgv) !== JSON.stringify(process.execArgv)) return 'node options differ from the helper’s';
  const variable = differingProcessWideVariable(call.environment, process.env);
  if (variable !== undefined) return `${variable} differs from the helper’s environment`;
  // A relative --config-dir is resolved against the current directory of the process that reads it.
  const configDirectory = call.argv.flatMap((argument, index) =>
    argument === '--config-dir' ? [call.argv[index + 1] ?? ''] : argument.startsWith('--config-dir=') ? [argument.slice('--config-dir='.length)] : [],
  );
  if (configDirectory.some((directory) => !isAbsolute(directory))) return 'a relative --config-dir';
  return undefined;
}

/**
 * Listens on `socketPath` (mode 0600: only this user's processes may connect) and runs each call
 * it accepts with `runCli`, in this process, its output streamed back line by line. Calls run
 * concurrently; each has its own output, logger child and composed runtime (storage is opened
 * and closed per call, as in a process of its own), and shares the loaded modules, the warm
 * code, the configuration (while its files are unchanged) and the open log files.
 */
export async function startHelperServer(options: HelperServerOptions): Promise<RunningHelper> {
  const { socketPath } = options;
  if (Buffer.byteLength(socketPath) > MAX_SOCKET_PATH_BYTES) {
    throw new ConfigurationError(
      `The helper socket path ${socketPath} is longer than ${MAX_SOCKET_PATH_BYTES} bytes, the most a Unix socket can have. Set OHF_HELPER_SOCKET to a shorter path (the same for the helper and for every ohfp call), e.g. /run/ohfp/<provider>.sock.`,
      { details: { socketPath } },
    );
  }
  if (await socketAnswers(socketPath)) {
    throw new CommandError('CONFLICT', `A helper already listens on ${socketPath}. See it with "ohfp helper status", stop it with "ohfp helper stop".`, {
      details: { socketPath },
    });
  }
  // Nothing answers: a socket file left by a helper that was killed. Never anything else.
  const existing = statOrUndefined(socketPath);
  if (existing !== undefined && !existing.isSocket()) {
    throw new ConfigurationError(`${socketPath} exists and is not a socket: the helper will not replace it. Remove it, or set OHF_HELPER_SOCKET to another path.`, {
      details: { socketPath },
    });
  }
  if (existing !== undefined) unlinkSync(socketPath);

  limitHeapGrowth();
  const { runCli } = await import('../run-cli.js');
  const reuse = new CompositionReuseCache();
  const loggers = new SharedFileLoggers();
  const startedAt = Date.now();
  let callsServed = 0;
  let callsRunning = 0;
  let callsDeclined = 0;
  let lastDeclineReason: string | undefined;
  let stopping: Promise<void> | undefined;
  let idleTimer: NodeJS.Timeout | undefined;
  const connections = new Set<Socket>();
  const report = options.report ?? (() => undefined);
  const memory = new IdleMemoryRelease({ heapUsed: () => process.memoryUsage().heapUsed, collect: collectGarbage });

  const status = (): HelperStatus => ({
    pid: process.pid,
    version: VERSION,
    nodeVersion: process.version,
    socketPath,
    startedAt: new Date(startedAt).toISOString(),
    uptimeSeconds: Math.round((Date.now() - startedAt) / 1000),
    callsServed,
    callsRunning,
    callsDeclined,
    ...(lastDeclineReason === undefined ? {} : { lastDeclineReason }),
    idleTimeoutSeconds: Math.round(options.idleTimeoutMs / 1000),
    residentMb: Math.round(process.memoryUsage.rss() / 1024 / 1024),
  });

  const armIdleTimer = () => {
    clearTimeout(idleTimer);
    if (callsRunning === 0 && stopping === undefined) {
      idleTimer = setTimeout(() => void stop(`no call for ${Math.round(options.idleTimeoutMs / 1000)} s`), options.idleTimeoutMs);
    }
  };

  const runCall = async (socket: Socket, call: CallMessage): Promise<void> => {
    const send = (reply: HelperReply) => {
      if (!socket.destroyed) socket.write(encodeLine(reply));
    };
    const output = (kind: 'stdout' | 'stderr', text: string) => {
      if (socket.destroyed || text === '') return;
      const [header, bytes] = encodeOutput(kind, text);
      socket.write(header);
      socket.write(bytes);
    };
    callsRunning += 1;
    clearTimeout(idleTimer);
    memory.callStarted();
    const number = ++callsServed;
    const receivedAt = performance.now();
    try {
      const code = await runCli({
        argv: call.argv,
        environment: call.environment,
        currentDirectory: call.currentDirectory,
        stdout: (text) => output('stdout', text),
        stderr: (text) => output('stderr', text),
        stderrIsTerminal: call.stderrIsTerminal,
        elapsedMs: () => call.elapsedMs + (performance.now() - receivedAt),
        createLogger: (directory, level, secrets) => loggers.forCall(directory, level, secrets, { callerPid: call.callerPid, call: number }),
        reuse,
      });
      send({ kind: 'exit', code });
    } catch (error) {
      // runCli answers its own errors; this is a fault of the helper itself.
      output('stderr', `ohfp: the helper failed: ${(error as Error)?.message ?? String(error)}\n`);
      send({ kind: 'exit', code: 6 });
    } finally {
      socket.end();
      callsRunning -= 1;
      armIdleTimer();
      if (callsRunning === 0) memory.idle();
    }
  };

  const server = createServer((socket) => {
    connections.add(socket);
    socket.on('close', () => connections.delete(socket));
    socket.on('error', () => socket.destroy());
    let call: CallMessage | undefined;
    let started = false;
    const read = frameReader((raw) => {
      const parsed = HelperRequestSchema.safeParse(raw);
      if (!parsed.success) {
        socket.end(encodeLine({ kind: 'declined', reason: 'not a message of this protocol' }));
        return;
      }
      const message = parsed.data;
      if (message.kind === 'status') {
        socket.end(encodeLine({ kind: 'status', ...status() }));
      } else if (message.kind === 'stop') {
        socket.end(encodeLine({ kind: 'stopping', pid: process.pid }));
        void stop('asked to stop');
      } else if (message.kind === 'call') {
        const reason = stopping === undefined ? declineReason(message) : 'the helper is stopping';
        if (reason !== undefined) {
          callsDeclined += 1;
          lastDeclineReason = reason;
          socket.end(encodeLine({ kind: 'declined', reason }));
          // ohfp was reinstalled under this helper: it can serve no call of the new build. Gone
          // (running calls finish first), it leaves the socket to a current helper, which the
          // next call starts with OHF_HELPER=auto (Symphony's scripts' default), instead of having
          // every call run in its own process until this one's idle timeout.
          if (stopping === undefined && buildIdentity() !== ownBuild) void stop('ohfp was reinstalled since the helper started');
          return;
        }
        call = message;
        socket.write(encodeLine({ kind: 'ready' }));
      } else if (message.kind === 'go' && call !== undefined && !started && stopping === undefined) {
        started = true;
        void runCall(socket, call);
      } else {
        // `go` without a call, twice, or while stopping: nothing runs.
        socket.end(encodeLine({ kind: 'declined', reason: 'the helper is stopping' }));
      }
    });
    socket.on('data', (chunk: Buffer) => {
      try {
        read(chunk);
      } catch {
        socket.destroy();
      }
    });
  });

  // The socket is created with mode 0600 (no window where it is wider), and set so again.
  const previousMask = process.umask(0o177);
  try {
    await new Promise<void>((resolveListen, rejectListen) => {
      server.once('error', rejectListen);
      server.listen(socketPath, () => {
        server.off('error', rejectListen);
        resolveListen();
      });
    });
  } finally {
    process.umask(previousMask);
  }
  chmodSync(socketPath, 0o600);
  const socketInode = statSync(socketPath).ino;
  armIdleTimer();

  let markStopped!: () => void;
  const stopped = new Promise<void>((resolveStopped) => (markStopped = resolveStopped));
  const stop = (reason: string): Promise<void> => {
    stopping ??= (async () => {
      report(`ohfp helper ${process.pid}: stopping (${reason}) after ${callsServed} calls`);
      clearTimeout(idleTimer);
      memory.stop();
      const closed = new Promise<void>((resolveClosed) => server.close(() => resolveClosed()));
      // Running calls finish; a `go` still on its way is declined (nothing started, the caller runs it itself).
      do await new Promise((resolveWait) => setTimeout(resolveWait, 100));
      while (callsRunning > 0);
      for (const socket of connections) socket.destroy();
      await closed;
      try {
        // Only the socket this helper created: another helper may have taken the path since.
        if (statSync(socketPath).ino === socketInode) unlinkSync(socketPath);
      } catch {
        // Already removed.
      }
      loggers.close();
      markStopped();
    })();
    return stopping;
  };
  report(`ohfp helper ${process.pid}: listening on ${socketPath} (idle timeout ${Math.round(options.idleTimeoutMs / 1000)} s)`);
  return { status, stop, stopped };
}
