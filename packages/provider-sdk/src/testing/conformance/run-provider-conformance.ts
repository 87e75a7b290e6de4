import type { ComputeProviderV1 } from '../../index.js';
import { actionChecks } from './checks/action-checks.js';
import { contractChecks } from './checks/contract-checks.js';
import { failureChecks } from './checks/failure-checks.js';
import { lifecycleChecks } from './checks/lifecycle-checks.js';
import { skeletonRuleChecks } from './checks/skeleton-rule-checks.js';
import { createCheckContext, requireVitest, type ConformanceCheck } from './conformance-support.js';
import type { ProviderConformanceOptions } from './provider-conformance-options.js';

export { OPTIONAL_MEMBERS_V1, type OptionalMemberV1, type ProviderConformanceOptions } from './provider-conformance-options.js';
export type { ConformanceCheck } from './conformance-support.js';

/**
 * Registers a vitest suite that proves a provider honours ComputeProviderV1 and the rules every
 * provider shares: result shapes, state-map totality, idempotent create and terminate, batched
 * reads, the error contract, tag round trip, partial fulfilment, out-of-band removal, invalid
 * ids, bad counts, missing credentials, every create failing, health under throttling,
 * catalog caching and, when present, power actions. The README's conformance section lists every check.
 */
export function runProviderConformance(options: ProviderConformanceOptions): void {
  const { afterEach, beforeEach, describe, it } = requireVitest();
  describe(`${options.name}: ComputeProviderV1 conformance`, () => {
    let provider: ComputeProviderV1 | undefined;

    beforeEach(async () => {
      await options.harness.reset();
      provider = await options.createProvider();
    });

    afterEach(async () => {
      await provider?.dispose?.();
      provider = undefined;
    });

    const current = (): ComputeProviderV1 => {
      if (!provider) throw new Error('The conformance kit has no provider: createProvider() did not run or failed.');
      return provider;
    };
    for (const check of conformanceChecks(options, current)) it(check.name, () => check.run());
  });
}

/**
 * The checks, each run against the provider `provider()` returns (created after
 * `harness.reset()`). Separate from the vitest wiring so the kit's own tests can prove each
 * check fails for a provider that breaks its rule.
 */
export function conformanceChecks(options: ProviderConformanceOptions, provider: () => ComputeProviderV1): ConformanceCheck[] {
  const checks: ConformanceCheck[] = [];
  const context = createCheckContext(options, provider, checks);
  contractChecks(context);
  lifecycleChecks(context);
  failureChecks(context);
  skeletonRuleChecks(context);
  actionChecks(context);
  return checks;
}
