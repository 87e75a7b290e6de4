import type { DispatchOptions } from '@ohf/application-cqrs';
import { operationDeadline, type OperationBudget } from '@ohf/runtime';
import type { ApiApplication } from '../server/api-dependencies.js';

/**
 * The application as routes and workers use it: every dispatch runs within the operation
 * budget (besides the caller's own signal, e.g. a worker losing its lease), so a provider that
 * hangs or throttles cannot hold an answer or a worker step past it; work left over goes on at
 * the next step.
 */
export function withOperationBudget<Application extends ApiApplication>(application: Application, budget: OperationBudget): ApiApplication {
  return {
    events: application.events,
    dispatch(message: unknown, options: DispatchOptions = {}) {
      const deadline = operationDeadline(budget);
      return application.dispatch(message, { ...options, signal: options.signal === undefined ? deadline : AbortSignal.any([options.signal, deadline]) });
    },
  };
}
