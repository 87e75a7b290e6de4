import type { DispatchOptions } from '@ohf/application-cqrs';
import type { OperationBudget } from '@ohf/runtime';
import type { ApiApplication } from '../server/api-dependencies.js';

/**
 * The application as routes and workers use it: every dispatch runs within the operation
 * budget (besides the caller's own signal, e.g. a worker losing its lease), so a provider that
 * hangs or throttles cannot hold an answer or a worker step past it; work left over goes on at
 * the next step. The timer lives only as long as its dispatch: a busy server keeps no more
 * timers than it has dispatches in flight.
 */
export function withOperationBudget(application: ApiApplication, budget: OperationBudget): ApiApplication {
  const usableMs = Math.max(0, budget.totalMs - budget.marginMs);
  return {
    events: application.events,
    async dispatch(message: unknown, options: DispatchOptions = {}) {
      const deadline = new AbortController();
      const timer = setTimeout(() => deadline.abort(new DOMException('The operation time budget is spent.', 'TimeoutError')), usableMs);
      timer.unref();
      try {
        const signal = options.signal === undefined ? deadline.signal : AbortSignal.any([options.signal, deadline.signal]);
        return await application.dispatch(message, { ...options, signal });
      } finally {
        clearTimeout(timer);
      }
    },
  };
}
