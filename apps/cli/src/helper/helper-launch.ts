import type { ChildProcess } from 'node:child_process';
import { closeSync, mkdirSync, openSync, statSync, unlinkSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { directoriesOf } from '../fast-path/template-fast-path.js';

// Starting a resident helper in the background, for `ohfp helper start` and for the first call
// of an environment with OHF_HELPER=auto. Loaded by every `ohfp` process before anything heavy:
// Node.js built-ins only, and child_process taken only when a helper is started.

type Environment = Readonly<Record<string, string | undefined>>;

/** The helper's own lines, in the log directory (HF_PROVIDER_LOGDIR), when it runs detached. */
const HELPER_LOG_FILE = 'helper.log';

/**
 * glibc's allocator settings for the long-lived helper (a variable the operator sets wins).
 * Fixed thresholds, as glibc otherwise raises its trim threshold each time a large buffer is
 * freed, and after one big poll (10,000 machines) kept the freed C heap resident: about 65 MB.
 * Buffers up to 4 MiB (a 1,000-instance DescribeInstances page is about 3 MB, socket reads
 * 64 KiB) come from the heap, and up to 8 MiB freed at its top stays: each poll reuses memory
 * the last one touched. The first fixed setting, a 128 KiB trim threshold with large buffers
 * mapped apart, gave every page back and had the next poll fault it in again: a warm
 * 10,000-machine poll spent about 100 ms (a sixth) more CPU, for about 30 MB less at idle.
 * Other C libraries ignore the variable.
 */
export const HELPER_ALLOCATOR_SETTINGS = { GLIBC_TUNABLES: 'glibc.malloc.mmap_threshold=4194304:glibc.malloc.trim_threshold=8388608' } as const;

/**
 * How long after one automatic start no call of the same socket tries another: a helper that
 * cannot start (a socket path it may not bind, say) costs one process a minute, not one a call.
 */
export const AUTO_START_INTERVAL_MS = 60_000;

export interface DetachedHelper {
  readonly child: ChildProcess;
  readonly logPath: string;
}

/**
 * `ohfp helper start --foreground` as a process of its own, detached from this one (it outlives
 * it), with this call's environment and directory, its lines appended to helper.log.
 * `extraArguments` follow (`--idle-timeout N`); without them the helper reads
 * OHF_HELPER_IDLE_TIMEOUT or takes its default.
 */
export function spawnDetachedHelper(environment: Environment, currentDirectory: string, extraArguments: readonly string[] = []): DetachedHelper {
  const { spawn } = process.getBuiltinModule('node:child_process');
  const { logDirectory } = directoriesOf(environment, currentDirectory);
  mkdirSync(logDirectory, { recursive: true });
  const logPath = join(logDirectory, HELPER_LOG_FILE);
  const log = openSync(logPath, 'a');
  try {
    const child = spawn(process.execPath, [...process.execArgv, process.argv[1]!, 'helper', 'start', '--foreground', ...extraArguments], {
      cwd: currentDirectory,
      env: { ...HELPER_ALLOCATOR_SETTINGS, ...(environment as NodeJS.ProcessEnv) },
      detached: true,
      stdio: ['ignore', log, log],
    });
    child.unref();
    return { child, logPath };
  } finally {
    closeSync(log);
  }
}

/** OHF_HELPER=auto: a call that finds no helper for its environment starts one for the calls after it. */
export function helperAutoStartWanted(environment: Environment): boolean {
  return /^auto$/i.test(environment.OHF_HELPER ?? '');
}

/**
 * Starts a helper for `socketPath` in the background, unless a call did within the last
 * AUTO_START_INTERVAL_MS. True when this call started one. The calling process does not wait
 * for it: its own call runs in-process, the calls after it reach the helper.
 */
export function startHelperInBackground(socketPath: string, environment: Environment, currentDirectory: string): boolean {
  if (!claimAutoStart(`${socketPath}.autostart`, Date.now())) return false;
  spawnDetachedHelper(environment, currentDirectory);
  return true;
}

/**
 * Whether this call may start the helper: a claim file beside the socket, created exclusively
 * (of calls arriving together, one starts it) and honoured for AUTO_START_INTERVAL_MS from its
 * modification time; an older one is taken over.
 */
export function claimAutoStart(claimPath: string, now: number): boolean {
  try {
    if (now - statSync(claimPath).mtimeMs < AUTO_START_INTERVAL_MS) return false;
    unlinkSync(claimPath);
  } catch {
    // No claim yet, or another call took the old one away first.
  }
  try {
    // The work directory of an environment's very first call may not exist yet.
    mkdirSync(dirname(claimPath), { recursive: true });
    closeSync(openSync(claimPath, 'wx', 0o600));
    return true;
  } catch {
    // Another call claimed it first (or the directory cannot take the file): no start from this one.
    return false;
  }
}
