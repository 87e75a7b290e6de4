import { statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { directoriesOf } from '../fast-path/template-fast-path.js';

// What `ohfp` and its resident helper say to each other over the helper's Unix socket: one JSON
// document per line each way. This file is loaded by every `ohfp` process before anything heavy,
// so it uses Node built-ins only; the helper validates what it receives with zod.

type Environment = Readonly<Record<string, string | undefined>>;

/** Raised when the lines exchanged change meaning: a helper of another protocol declines every call. */
export const HELPER_PROTOCOL = 1;

/** The socket's name in the work directory. */
export const HELPER_SOCKET_FILE = '.ohfp-helper.sock';

/**
 * The longest path a Unix socket can be bound to (sun_path is 108 bytes on Linux, 104 on macOS,
 * with the terminating NUL): a longer work directory needs OHF_HELPER_SOCKET.
 */
export const MAX_SOCKET_PATH_BYTES = 103;

/**
 * The socket this call's environment reaches: OHF_HELPER_SOCKET when set, else the file in the
 * work directory the call would use (HF_PROVIDER_WORKDIR, Symphony's layout, HF_WORKDIR, `.`).
 */
export function helperSocketPathOf(environment: Environment, currentDirectory: string): string {
  const given = environment.OHF_HELPER_SOCKET;
  if (given !== undefined && given !== '') return resolve(currentDirectory, given);
  return join(directoriesOf(environment, currentDirectory).workDirectory, HELPER_SOCKET_FILE);
}

/**
 * Which build of ohfp this is: the `main.js` beside the file holding this code, and its
 * modification time (every build and every install writes it anew). Both entries, `main.js` and
 * `ohfp.cjs`, sit in the same directory, so a call through either reaches a helper started
 * through the other. A helper left running across a reinstall of the same version is another
 * build: it declines, and calls run in-process until it is restarted.
 */
export function buildIdentity(): string {
  const path = join(dirname(fileURLToPath(import.meta.url)), 'main.js');
  try {
    return `${path}:${statSync(path).mtimeMs}`;
  } catch {
    return path;
  }
}

/** OHF_HELPER=off: never reach a helper, always run in this process. */
export function helperDisabled(environment: Environment): boolean {
  return /^(off|false|0|no)$/i.test(environment.OHF_HELPER ?? '');
}

/**
 * Variables a process reads once, or that libraries read from its own `process.env` rather than
 * from the environment handed to the runtime: the AWS SDK's credential and endpoint chain
 * (AWS_PROFILE, AWS_CONFIG_FILE, AWS_ROLE_ARN, AWS_ENDPOINT_URL…, and `~/.aws` under HOME),
 * Node.js's (NODE_OPTIONS, NODE_EXTRA_CA_CERTS, NODE_TLS_REJECT_UNAUTHORIZED), proxies, the time
 * zone, and OHF_AWS_DESCRIBE_CLIENT. A call is served by the helper only when each of them has
 * the same value (or is unset in both) in the call's environment and in the helper's own.
 */
export function isProcessWideVariable(name: string): boolean {
  return (
    name.startsWith('AWS_') ||
    name.startsWith('NODE_') ||
    name === 'HOME' ||
    name === 'TZ' ||
    name === 'OHF_AWS_DESCRIBE_CLIENT' ||
    /^(https?|no|all)_proxy$/i.test(name)
  );
}

/** The first process-wide variable whose value differs between the two environments, if any. */
export function differingProcessWideVariable(call: Environment, own: Environment): string | undefined {
  const names = new Set([...Object.keys(call), ...Object.keys(own)].filter(isProcessWideVariable));
  return [...names].sort().find((name) => (call[name] ?? '') !== (own[name] ?? ''));
}

/**
 * Calls that wait until something happens (`--wait`, `requests watch`) run in their own process:
 * Ctrl-C must stop them, and ending the caller does not end a call in the helper.
 */
export function waitsForEvents(argv: readonly string[]): boolean {
  return argv.includes('--wait') || (argv.includes('requests') && argv.includes('watch'));
}

/**
 * Host Factory operations that only read (and record what they saw): when the helper dies after
 * the caller's go-ahead for one of them but before printing anything, the caller runs it again
 * in-process. Any other call that may have started is never run a second time.
 */
export const REPEATABLE_OPERATIONS: ReadonlySet<string> = new Set(['getAvailableTemplates', 'getRequestStatus', 'getReturnRequests']);

/** One call, as the caller sends it. */
export interface HelperCallMessage {
  readonly kind: 'call';
  readonly protocol: number;
  readonly version: string;
  /** See buildIdentity. */
  readonly build: string;
  readonly nodeVersion: string;
  readonly execArgv: readonly string[];
  readonly argv: readonly string[];
  readonly environment: Readonly<Record<string, string>>;
  readonly currentDirectory: string;
  /** How long the caller had been running when it sent the call: Symphony's timeout counts from its start. */
  readonly elapsedMs: number;
  readonly callerPid: number;
  readonly stderrIsTerminal: boolean;
}

export interface HelperStatusMessage {
  readonly kind: 'status';
}

export interface HelperStopMessage {
  readonly kind: 'stop';
}

/** The caller's go-ahead after `ready`: a caller that gave up waiting never sends it, so the call never runs twice. */
export interface HelperGoMessage {
  readonly kind: 'go';
}

export type HelperRequest = HelperCallMessage | HelperGoMessage | HelperStatusMessage | HelperStopMessage;

export interface HelperStatus {
  readonly pid: number;
  readonly version: string;
  readonly nodeVersion: string;
  readonly socketPath: string;
  readonly startedAt: string;
  readonly uptimeSeconds: number;
  readonly callsServed: number;
  readonly callsRunning: number;
  /** Calls it would not take (they ran in their own processes), and why the last one was declined. */
  readonly callsDeclined: number;
  readonly lastDeclineReason?: string;
  readonly idleTimeoutSeconds: number;
  /** The helper's resident set size now, in MiB. */
  readonly residentMb: number;
}

/**
 * What the helper answers, line by line. To a call: `declined`, or `ready` and, only after the
 * caller's `go`, the call's output and its exit code.
 */
export type HelperReply =
  | { readonly kind: 'declined'; readonly reason: string }
  | { readonly kind: 'ready' }
  /** Followed by `bytes` bytes of output (see frameReader). */
  | { readonly kind: 'stdout'; readonly bytes: number }
  | { readonly kind: 'stderr'; readonly bytes: number }
  | { readonly kind: 'exit'; readonly code: number }
  | ({ readonly kind: 'status' } & HelperStatus)
  | { readonly kind: 'stopping'; readonly pid: number };

/**
 * Reads the exchange: JSON lines, each handed over parsed. A line with a `bytes` count (stdout
 * and stderr text) is followed by exactly that many raw bytes, handed over with it: a large
 * answer (thousands of machines) crosses as it is, neither escaped into JSON nor scanned for
 * line ends. A line that is not JSON throws, which ends the exchange.
 *
 * `pieces`: hand those bytes over as they arrive, in one call per piece with the same message
 * (they join to the frame's bytes), instead of gathering them into one buffer first. A caller
 * printing a 4 MB answer then neither waits for its end nor copies it once more.
 */
export function frameReader(onFrame: (message: unknown, payload: Buffer | undefined) => void, options: { readonly pieces?: boolean } = {}): (chunk: Buffer) => void {
  let buffered: Buffer[] = [];
  let bufferedBytes = 0;
  let awaiting: { readonly message: unknown; readonly bytes: number } | undefined;
  const take = (last: Buffer): Buffer => {
    const whole = buffered.length === 0 ? last : Buffer.concat([...buffered, last]);
    buffered = [];
    bufferedBytes = 0;
    return whole;
  };
  return (chunk) => {
    let rest = chunk;
    while (rest.length > 0) {
      if (awaiting !== undefined) {
        const missing = awaiting.bytes - bufferedBytes;
        const { message } = awaiting;
        if (rest.length < missing) {
          if (options.pieces === true) onFrame(message, rest);
          else buffered.push(rest);
          bufferedBytes += rest.length;
          return;
        }
        const last = rest.subarray(0, missing);
        rest = rest.subarray(missing);
        awaiting = undefined;
        if (options.pieces === true) {
          bufferedBytes = 0;
          onFrame(message, last);
        } else {
          onFrame(message, take(last));
        }
        continue;
      }
      // 0x0a never occurs inside a UTF-8 multi-byte character: lines can be cut on bytes.
      const end = rest.indexOf(0x0a);
      if (end === -1) {
        buffered.push(rest);
        bufferedBytes += rest.length;
        return;
      }
      const line = take(rest.subarray(0, end)).toString('utf8');
      rest = rest.subarray(end + 1);
      if (line === '') continue;
      const message: unknown = JSON.parse(line);
      const bytes = (message as { bytes?: unknown } | null)?.bytes;
      if (typeof bytes === 'number' && Number.isSafeInteger(bytes) && bytes > 0) awaiting = { message, bytes };
      else onFrame(message, typeof bytes === 'number' ? Buffer.alloc(0) : undefined);
    }
  };
}

/**
 * stdout or stderr text as a frame: its header line, then its UTF-8 bytes, each encoded once (a
 * 4 MB answer is neither measured in a pass of its own nor joined with its header first).
 */
export function encodeOutput(kind: 'stdout' | 'stderr', text: string): readonly [header: string, bytes: Buffer] {
  const bytes = Buffer.from(text, 'utf8');
  return [`${JSON.stringify({ kind, bytes: bytes.length })}\n`, bytes];
}

export const encodeLine = (message: HelperRequest | HelperReply): string => `${JSON.stringify(message)}\n`;
