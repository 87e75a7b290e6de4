import type { DispatchOptions } from '@ohf/application-cqrs';
import type { OperationBudget } from '@ohf/runtime';
import type { ApiApplication } from '../server/api-dependencies.js';

/**
 * The application as routes and workers use it: every dispatch runs within the operation
 * budget (besides the caller's own signal, e.g. a worker losing its lease), so a provider that
 * hangs or throttles cannot hold an answer or a worker step past it; work left over goes on at
 * the next step.
 */
export function withOperationBudget(application: ApiApplication, budget: OperationBudget, now: () => number = Date.now): ApiApplication {
  const deadlines = new SharedDeadlines(Math.max(0, budget.totalMs - budget.marginMs), now);
  const dispatch = (message: unknown, options: DispatchOptions = {}): Promise<unknown> => {
    const deadline = deadlines.current();
    const signal = options.signal === undefined ? deadline : AbortSignal.any([options.signal, deadline]);
    return application.dispatch(message, { ...options, signal });
  };
  // The wrapper forwards the message untouched, so the result is the one its type promises.
  return { events: application.events, dispatch: dispatch as ApiApplication['dispatch'] };
}

/**
 * Deadline signals shared by the dispatches that start within one short slice of time: one
 * controller and one timer per slice, not per dispatch, which a server answering thousands of
 * reads a second would pay on each. A dispatch gets the deadline of the slice it starts in, so
 * its budget is at most one slice (a tenth of the budget, at most a second) shorter than asked,
 * inside the margin the budget keeps anyway. At most `budget / slice` timers exist at once.
 */
class SharedDeadlines {
  readonly #usableMs: number;
  readonly #sliceMs: number;
  readonly #now: () => number;
  #slice = Number.NaN;
  #signal: AbortSignal | undefined;

  constructor(usableMs: number, now: () => number) {
    this.#usableMs = usableMs;
    this.#sliceMs = Math.max(1, Math.min(1_000, Math.floor(usableMs / 10)));
    this.#now = now;
  }

  current(): AbortSignal {
    const slice = Math.floor(this.#now() / this.#sliceMs);
    if (slice === this.#slice && this.#signal !== undefined) return this.#signal;
    const controller = new AbortController();
    const remainingMs = Math.max(0, slice * this.#sliceMs + this.#usableMs - this.#now());
    setTimeout(() => controller.abort(new DOMException('The operation time budget is spent.', 'TimeoutError')), remainingMs).unref();
    this.#slice = slice;
    this.#signal = controller.signal;
    return controller.signal;
  }
}
