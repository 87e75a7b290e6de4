import { statSync } from 'node:fs';
import { join } from 'node:path';
import { createFileLogger, type Logger } from '../cli/create-logger.js';

/** Longer than any call's operation budget (default 300 s). */
const ROTATED_LOG_GRACE_MS = 30 * 60_000;

interface OpenLog {
  readonly logger: Logger;
  /** Its destination (pino keeps it under `pino.symbols.streamSym`). */
  readonly destination: { end?: () => void } | undefined;
  /** The inode of app.log when it was opened: a rotated file is opened again. */
  readonly inode: number | undefined;
}

const inodeOf = (path: string): number | undefined => {
  try {
    return statSync(path).ino;
  } catch {
    return undefined;
  }
};

/**
 * One open app.log per log directory, level and set of secrets, shared by the helper's calls
 * (a logger per call would leave a file descriptor open per call). Each call logs through a child
 * carrying the caller's pid and a call number, so its lines can be told apart from those of calls
 * running at the same time. A file moved away by logrotate is noticed at the next call and opened anew.
 */
export class SharedFileLoggers {
  readonly #open = new Map<string, OpenLog>();

  async forCall(logDirectory: string, level: string, secrets: readonly string[], call: { readonly callerPid: number; readonly call: number }): Promise<Logger> {
    const key = JSON.stringify([logDirectory, level, [...secrets].sort()]);
    const path = join(logDirectory, 'app.log');
    let open = this.#open.get(key);
    if (open === undefined || open.inode === undefined || inodeOf(path) !== open.inode) {
      // Calls still running may log through the old file a little longer: it is closed later.
      const previous = open;
      if (previous !== undefined) setTimeout(() => this.#release(previous), ROTATED_LOG_GRACE_MS).unref();
      const logger = await createFileLogger(logDirectory, level, secrets);
      const { symbols } = await import('pino');
      const destination = (logger as unknown as Record<symbol, { end?: () => void } | undefined>)[symbols.streamSym];
      open = { logger, destination, inode: inodeOf(path) };
      this.#open.set(key, open);
    }
    return open.logger.child(call);
  }

  /** Closes every file (the helper is stopping). */
  close(): void {
    for (const open of this.#open.values()) this.#release(open);
    this.#open.clear();
  }

  #release(open: OpenLog): void {
    // A synchronous destination has nothing buffered: ending it closes the file.
    try {
      open.destination?.end?.();
    } catch {
      // Already closed.
    }
  }
}
