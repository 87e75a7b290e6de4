import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** How much the heap may grow over a call before the idle helper collects it at once. */
export const GROWTH_TO_RELEASE_BYTES = 32 * 1024 * 1024;
/** How long the helper must stay idle first: a poll that follows at once keeps its warm heap. */
export const IDLE_BEFORE_RELEASE_MS = 250;

export interface IdleMemoryReleaseOptions {
  /** The heap in use now (process.memoryUsage().heapUsed). */
  readonly heapUsed: () => number;
  /** A full, compacting collection. */
  readonly collect: () => void;
  readonly growthToReleaseBytes?: number;
  readonly idleBeforeReleaseMs?: number;
}

/**
 * Gives memory back after a big call. The helper lives for hours, and V8 collects a heap fully
 * only under allocation pressure, which an idle process has none of: after one 10,000-machine
 * poll it kept about 265 MB resident until the next call. When a call grew the heap by more than
 * `growthToReleaseBytes` and no call came for `idleBeforeReleaseMs`, one full collection runs,
 * which frees the call's objects and the buffers they held (about 180 MB resident after it).
 * Small calls (a status poll of a few machines) never trigger it, so they pay nothing.
 */
export class IdleMemoryRelease {
  readonly #options: IdleMemoryReleaseOptions;
  #heapAfterRelease: number;
  #timer: NodeJS.Timeout | undefined;

  constructor(options: IdleMemoryReleaseOptions) {
    this.#options = options;
    this.#heapAfterRelease = options.heapUsed();
  }

  /** A call starts: a pending release waits for the next idle moment. */
  callStarted(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  /** No call runs any more: release soon if the calls since the last release grew the heap enough. */
  idle(): void {
    clearTimeout(this.#timer);
    if (this.#options.heapUsed() - this.#heapAfterRelease < (this.#options.growthToReleaseBytes ?? GROWTH_TO_RELEASE_BYTES)) return;
    this.#timer = setTimeout(() => this.#release(), this.#options.idleBeforeReleaseMs ?? IDLE_BEFORE_RELEASE_MS);
    // Waiting to release must not keep a stopping helper alive.
    this.#timer.unref();
  }

  stop(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  #release(): void {
    this.#timer = undefined;
    this.#options.collect();
    this.#heapAfterRelease = this.#options.heapUsed();
  }
}

let fullCollection: (() => void) | undefined;

/**
 * V8's full collection, made callable without starting Node.js with --expose-gc (which would
 * change the helper's execArgv, that callers must share): the flag is set at run time and the
 * `gc` function taken from a new context, where V8 installs it.
 */
export function collectGarbage(): void {
  if (fullCollection === undefined) {
    setFlagsFromString('--expose-gc');
    fullCollection = runInNewContext('gc') as () => void;
  }
  fullCollection();
}
