import type { DispatchOptions } from '@ohf/application-cqrs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ApiApplication } from '../server/api-dependencies.js';
import { withOperationBudget } from './operation-budget.js';

/** An application that remembers the signal each dispatch was given. */
function recordingApplication(): { application: ApiApplication; signals: AbortSignal[] } {
  const signals: AbortSignal[] = [];
  const application = {
    events: undefined,
    dispatch: async (_message: unknown, options: DispatchOptions = {}) => {
      signals.push(options.signal!);
      return undefined;
    },
  } as unknown as ApiApplication;
  return { application, signals };
}

describe('withOperationBudget', () => {
  beforeEach(() => vi.useFakeTimers({ now: 1_000_000 }));
  afterEach(() => vi.useRealTimers());

  it('gives every dispatch a deadline within the budget, shared by the dispatches of one slice of time', async () => {
    const { application, signals } = recordingApplication();
    const bounded = withOperationBudget(application, { totalMs: 12_000, marginMs: 2_000, source: 'default' });
    await bounded.dispatch({ type: 'GetRequest' });
    vi.advanceTimersByTime(400);
    await bounded.dispatch({ type: 'GetRequest' });
    vi.advanceTimersByTime(700);
    await bounded.dispatch({ type: 'GetRequest' });
    expect(signals[0]).toBe(signals[1]);
    expect(signals[2]).not.toBe(signals[1]);

    // The first slice started at 1,000,000: its deadline is 10 s (budget less margin) after that.
    vi.advanceTimersByTime(10_000 - 1_100 - 1);
    expect(signals[0]!.aborted).toBe(false);
    vi.advanceTimersByTime(1);
    expect(signals[0]!.aborted).toBe(true);
    expect(signals[2]!.aborted).toBe(false);
    vi.advanceTimersByTime(1_000);
    expect(signals[2]!.aborted).toBe(true);
  });

  it("keeps the caller's own signal besides the deadline", async () => {
    const { application, signals } = recordingApplication();
    const bounded = withOperationBudget(application, { totalMs: 60_000, marginMs: 1_000, source: 'default' });
    const lease = new AbortController();
    await bounded.dispatch({ type: 'ProvisionRequest' }, { signal: lease.signal });
    expect(signals[0]!.aborted).toBe(false);
    lease.abort();
    expect(signals[0]!.aborted).toBe(true);
  });
});
