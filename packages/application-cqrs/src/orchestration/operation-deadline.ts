import { AsyncLocalStorage } from 'node:async_hooks';
import { OhfError, ProviderError } from '@ohf/domain-core';
import type { Middleware } from '../bus/middleware.js';

/**
 * The signal of the message being handled, for every provider call made while it is handled,
 * whichever handler, service or worker makes the call: an operation's time budget then bounds
 * all of its provider calls without each layer having to pass the signal on.
 */
const operationSignals = new AsyncLocalStorage<AbortSignal>();

/** Runs `work` with `signal` as the operation's signal (combined with an enclosing one). */
export function withinOperation<Result>(signal: AbortSignal, work: () => Promise<Result>): Promise<Result> {
  const enclosing = operationSignals.getStore();
  return operationSignals.run(enclosing === undefined || enclosing === signal ? signal : AbortSignal.any([enclosing, signal]), work);
}

/** The signal a provider call must honour: the caller's own, the operation's, or both. */
export function operationSignal(explicit?: AbortSignal): AbortSignal | undefined {
  const ambient = operationSignals.getStore();
  if (ambient === undefined || ambient === explicit) return explicit;
  return explicit === undefined ? ambient : AbortSignal.any([explicit, ambient]);
}

/** Makes the dispatch's signal (DispatchOptions.signal) the operation's signal. */
export function operationSignalMiddleware(): Middleware {
  return (envelope, next) => {
    const signal = envelope.options.signal;
    return signal === undefined ? next(envelope) : withinOperation(signal, () => next(envelope));
  };
}

const BUDGET_EXHAUSTED = 'operation_budget_exhausted';

/**
 * A provider call stopped (or never started) because the operation's time budget ran out.
 * Retryable: the next call carries on where this one stopped.
 */
export function budgetExhausted(providerInstance: string, operation: string): ProviderError {
  return new ProviderError(
    'PROVIDER_UNAVAILABLE',
    `${providerInstance} did not answer ${operation} within the time budget of this operation; the work goes on at the next call.`,
    { retryable: true, details: { providerInstance, operation, reason: BUDGET_EXHAUSTED } },
  );
}

export function isBudgetExhausted(error: unknown): boolean {
  return OhfError.isInstance(error) && error.details?.['reason'] === BUDGET_EXHAUSTED;
}

/**
 * Settles with `work`, or rejects with `onAbort()` as soon as `signal` aborts, whether or not
 * `work` honours the signal: a provider that ignores it cannot hold the operation. What `work`
 * does afterwards is ignored.
 */
export function settleBefore<Result>(work: Promise<Result>, signal: AbortSignal | undefined, onAbort: () => Error): Promise<Result> {
  if (signal === undefined) return work;
  work.catch(() => undefined);
  if (signal.aborted) return Promise.reject(onAbort());
  return new Promise<Result>((resolve, reject) => {
    const abort = (): void => reject(onAbort());
    signal.addEventListener('abort', abort, { once: true });
    work.then(
      (value) => {
        signal.removeEventListener('abort', abort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', abort);
        reject(error);
      },
    );
  });
}
