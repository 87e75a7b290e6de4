import { OhfError } from '@ohf/domain-core';
import { describe, expect, it } from 'vitest';
import { manualClock } from '../__fixtures__/manual-clock.js';
import type { CandidatePrices } from '../config/candidate-price.js';
import { parseSelectionCriteria } from '../config/selection-criteria.js';
import { formatExplanation } from './selection-explanation.js';
import { createSelectionEngine } from './selection-engine.js';

const instances = [
  { name: 'aws-east', type: 'aws', priority: 1, capabilities: ['EC2Fleet'] },
  { name: 'linode-main', type: 'linode', priority: 2, capabilities: [] },
  { name: 'do-main', type: 'digitalocean', priority: 3, capabilities: [] },
  { name: 'unpriced', type: 'linode', priority: 0, capabilities: [] },
];

const prices: CandidatePrices = {
  'aws-east': { planId: 't3.medium', priceHourly: 0.0416, currency: 'USD' },
  'linode-main': { planId: 'g6-standard-2', priceHourly: 0.036, currency: 'USD' },
  'do-main': { planId: 's-2vcpu-4gb', priceHourly: 0.0357, currency: 'USD' },
};

function engine() {
  return createSelectionEngine({ instances, policy: 'LOWEST_COST', clock: manualClock() });
}

describe('LOWEST_COST', () => {
  it('chooses the candidate whose plan is cheapest, ranks the rest by price and those without a price last', () => {
    const decision = engine().resolveForTemplate({ templateId: 'sized' }, { prices, explain: true });
    expect(decision.instance).toBe('do-main');
    expect(decision.prices).toEqual(prices);
    const candidates = decision.explanation!.steps[0]!.candidates;
    expect(candidates.map((candidate) => [candidate.instance, candidate.rank, candidate.score, candidate.plan])).toEqual([
      ['aws-east', 3, 0.0416, prices['aws-east']],
      ['linode-main', 2, 0.036, prices['linode-main']],
      ['do-main', 1, 0.0357, prices['do-main']],
      ['unpriced', 4, null, null],
    ]);
    expect(decision.explanation!.steps[0]!.scoreLabel).toBe('price_hourly');
    expect(formatExplanation(decision.explanation!)).toContain('→ do-main plan s-2vcpu-4gb at 0.0357 USD/h price_hourly=0.036 rank 1');
    expect(formatExplanation(decision.explanation!)).toContain('· unpriced plan unknown rank 4');
  });

  it('follows prices as they change between selections, on the hot path too', () => {
    const selection = engine();
    expect(selection.resolveForTemplate({}, { prices }).instance).toBe('do-main');
    const cheaperLinode = { ...prices, 'linode-main': { planId: 'g6-standard-2', priceHourly: 0.02, currency: 'USD' } };
    expect(selection.resolveForTemplate({}, { prices: cheaperLinode }).instance).toBe('linode-main');
    // Without prices nobody has one: the priority order decides.
    expect(selection.resolveForTemplate({}).instance).toBe('unpriced');
  });

  it('fails over in price order, with the prices the first choice was made with', () => {
    const selection = engine();
    const first = selection.resolveForTemplate({}, { prices });
    const stored = JSON.parse(JSON.stringify(first)) as typeof first;
    const second = selection.failover(stored, { errorCode: 'INSUFFICIENT_CAPACITY' });
    expect(second.instance).toBe('linode-main');
    const third = selection.failover(second, { errorCode: 'INSUFFICIENT_CAPACITY' });
    expect(third.instance).toBe('aws-east');
    expect(selection.failover(third, { errorCode: 'INSUFFICIENT_CAPACITY' }).instance).toBe('unpriced');
  });

  it('skips candidates above max_price_hourly, naming plan and price, and lets those without a price through', () => {
    const selection = engine();
    const criteria = { maxPriceHourly: 0.04 };
    const decision = selection.resolveForTemplate({}, { prices, criteria, explain: true });
    expect(decision.instance).toBe('do-main');
    const aws = decision.explanation!.steps[0]!.candidates.find((candidate) => candidate.instance === 'aws-east')!;
    expect(aws.eligible).toBe(false);
    expect(aws.skipped).toEqual([{ reason: 'over_max_price', message: 'aws-east would launch t3.medium at 0.0416 USD/h, over 0.04', until: null }]);

    const tight = { maxPriceHourly: 0.03 };
    let error: unknown;
    try {
      selection.resolveForTemplate({ providerType: 'digitalocean' }, { prices, criteria: tight, useFallback: false });
    } catch (thrown) {
      error = thrown;
    }
    expect(OhfError.isInstance(error) && error.code).toBe('NO_COMPATIBLE_PROVIDER');
    expect(selection.resolveForTemplate({ providerType: 'linode' }, { prices, criteria: tight }).instance).toBe('unpriced');
  });

  it('accepts max_price_hourly in snake_case criteria and rejects malformed prices', () => {
    const selection = engine();
    const criteria = parseSelectionCriteria({ max_price_hourly: 0.0358 });
    expect(selection.resolveForTemplate({}, { prices, criteria }).criteria.maxPriceHourly).toBe(0.0358);
    expect(() => selection.resolveForTemplate({}, { prices: { 'do-main': { planId: '', priceHourly: -1, currency: 'USD' } } })).toThrow(/candidate prices/);
  });
});
