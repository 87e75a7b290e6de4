import { describe, expect, it } from 'vitest';
import { resolveOperationBudget } from './operation-budget.js';

const configured = (seconds?: number) => ({ provisioning: seconds === undefined ? {} : { operation_timeout_seconds: seconds } });

describe('resolveOperationBudget', () => {
  it('takes HF_PROVIDER_ACTION_TIMEOUT first, then the configuration, then Symphony’s default of 300 s', () => {
    expect(resolveOperationBudget(configured(120), { HF_PROVIDER_ACTION_TIMEOUT: '45' })).toEqual({ totalMs: 45_000, marginMs: 4_500, source: 'HF_PROVIDER_ACTION_TIMEOUT' });
    expect(resolveOperationBudget(configured(120), {})).toEqual({ totalMs: 120_000, marginMs: 10_000, source: 'provisioning.operation_timeout_seconds' });
    expect(resolveOperationBudget(configured(), {})).toEqual({ totalMs: 300_000, marginMs: 10_000, source: 'default' });
  });

  it('keeps at least a quarter second for answering, never more than the budget', () => {
    expect(resolveOperationBudget(configured(1), {}).marginMs).toBe(250);
    expect(resolveOperationBudget(configured(0.1), {})).toMatchObject({ totalMs: 100, marginMs: 100 });
  });

  it('ignores, and says so, a Symphony value that is not a positive number of seconds', () => {
    expect(resolveOperationBudget(configured(60), { HF_PROVIDER_ACTION_TIMEOUT: 'soon' })).toMatchObject({
      totalMs: 60_000,
      source: 'provisioning.operation_timeout_seconds',
      ignored: expect.stringContaining('HF_PROVIDER_ACTION_TIMEOUT="soon"'),
    });
    expect(resolveOperationBudget(configured(), { HF_PROVIDER_ACTION_TIMEOUT: '' }).source).toBe('default');
  });
});
