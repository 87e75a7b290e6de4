import { existsSync } from 'node:fs';
import {
  buildIdentity,
  encodeLine,
  HELPER_PROTOCOL,
  helperDisabled,
  helperSocketPathOf,
  frameReader,
  MAX_SOCKET_PATH_BYTES,
  REPEATABLE_OPERATIONS,
  waitsForEvents,
  type HelperReply,
} from './helper-protocol.js';

/**
 * How long the caller waits for the helper's `ready`. A helper busy with a large poll answers
 * late; past this the call runs in-process instead (safe: the helper runs nothing without `go`).
 */
const READY_TIMEOUT_MS = 5_000;

export interface HelperCallOptions {
  readonly argv: readonly string[];
  readonly environment: Readonly<Record<string, string | undefined>>;
  readonly currentDirectory: string;
  readonly version: string;
  readonly stdout: (data: string | Uint8Array) => void;
  readonly stderr: (data: string | Uint8Array) => void;
  readonly stderrIsTerminal: boolean;
  /**
   * Called when no helper listens for this environment: no socket, or a socket nothing answers
   * on (a killed helper's), given the socket's path. Not when a helper answers and declines the call.
   */
  readonly onNoHelper?: (socketPath: string) => void;
}

/**
 * Paths that name this process's own stdin or descriptors (`-f /dev/stdin`): the helper would
 * read its own instead. Looked for anywhere in an argument (`--file=/dev/stdin`), to be safe.
 */
const ownDescriptor = /\/dev\/stdin|\/dev\/fd\/|\/proc\/self\//;

/**
 * Runs the call in the resident helper when one listens for this environment, and returns its
 * exit code; `undefined` when the call must run in this process: no helper (no socket, or a
 * stale one), a helper of another version or environment, one that does not answer in time, or
 * one that stopped before it could have started the call (or, for a read-only operation, before
 * it printed anything). A helper never makes a call fail that would have worked in-process.
 */
export async function runThroughHelper(options: HelperCallOptions): Promise<number | undefined> {
  const { argv, environment } = options;
  // `ohfp helper …` talks to the helper itself (options may come before the command).
  if (argv.includes('helper') || helperDisabled(environment) || waitsForEvents(argv)) return undefined;
  if (argv.some((argument) => ownDescriptor.test(argument))) return undefined;
  const socketPath = helperSocketPathOf(environment, options.currentDirectory);
  if (Buffer.byteLength(socketPath) > MAX_SOCKET_PATH_BYTES) return undefined;
  if (!existsSync(socketPath)) {
    options.onNoHelper?.(socketPath);
    return undefined;
  }
  // Loaded only when a helper's socket exists; taken as a built-in, not imported, so that the
  // CommonJS entry (ohfp.cjs) never starts Node's ES module loader for it.
  const { connect } = process.getBuiltinModule('node:net');
  return new Promise((resolveCall) => {
    let goSent = false;
    let printed = false;
    let settled = false;
    const socket = connect(socketPath);
    const finish = (code: number | undefined) => {
      if (settled) return;
      settled = true;
      clearTimeout(readyTimer);
      socket.destroy();
      resolveCall(code);
    };
    const readyTimer = setTimeout(() => finish(undefined), READY_TIMEOUT_MS);
    const onReply = (reply: HelperReply, payload: Buffer | undefined) => {
      switch (reply.kind) {
        case 'ready':
          clearTimeout(readyTimer);
          goSent = true;
          socket.write(encodeLine({ kind: 'go' }));
          return;
        case 'stdout':
          printed = true;
          options.stdout(payload ?? '');
          return;
        case 'stderr':
          options.stderr(payload ?? '');
          return;
        case 'exit':
          finish(reply.code);
          return;
        case 'declined':
          // The helper did not start the call, and never will on this connection.
          finish(undefined);
          return;
        default:
          // An answer that is no answer to a call.
          fail();
      }
    };
    // The helper stopped (killed, crashed) part-way; nothing to do once the call has ended.
    const fail = () => {
      if (!settled) finish(lost());
    };
    const lost = (): number | undefined => {
      if (!goSent) return undefined;
      if (!printed && REPEATABLE_OPERATIONS.has(argv[0] ?? '')) return undefined;
      const message = 'The ohfp helper stopped during this call, which may have started: it is not run again. Check the helper (ohfp helper status) and the log (app.log).';
      if (!printed) options.stdout(`${JSON.stringify({ message }, null, 2)}\n`);
      options.stderr(`ohfp: ${message}\n`);
      return 6;
    };
    // Output is printed as it arrives: a large answer is neither held whole nor copied once more.
    const read = frameReader((message, payload) => onReply(message as HelperReply, payload), { pieces: true });
    socket.on('data', (chunk: Buffer) => {
      try {
        read(chunk);
      } catch {
        fail();
      }
    });
    socket.on('error', (error: NodeJS.ErrnoException) => {
      // Refused or gone at connect: a socket file no helper listens on.
      if (error.code === 'ECONNREFUSED' || error.code === 'ENOENT') options.onNoHelper?.(socketPath);
      fail();
    });
    socket.on('close', fail);
    socket.write(
      encodeLine({
        kind: 'call',
        protocol: HELPER_PROTOCOL,
        version: options.version,
        build: buildIdentity(),
        nodeVersion: process.version,
        execArgv: process.execArgv,
        argv,
        environment: Object.fromEntries(Object.entries(environment).filter((entry): entry is [string, string] => entry[1] !== undefined)),
        currentDirectory: options.currentDirectory,
        elapsedMs: process.uptime() * 1000,
        callerPid: process.pid,
        stderrIsTerminal: options.stderrIsTerminal,
      }),
    );
  });
}
