import { OhfError, ProviderError } from '@ohf/domain-core';

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
