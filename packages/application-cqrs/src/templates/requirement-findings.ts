import type { Template } from '@ohf/domain-core';
import type { CatalogPrices } from '../catalog/catalog-prices.js';
import { describeRequirements, plansFor } from '../catalog/plan-resolution.js';
import type { ProviderInstanceDescriptor } from '../ports/provider-instances.js';

export interface RequirementFinding {
  readonly severity: 'error' | 'warning';
  readonly code: 'NO_MATCHING_PLAN';
  readonly message: string;
  readonly field: 'requirements';
}

/** The instances a template can be sent to: the one it names, else those of its type, else all enabled ones. */
function candidatesOf(template: Template, instances: readonly ProviderInstanceDescriptor[]): ProviderInstanceDescriptor[] {
  if (template.providerName !== undefined) return instances.filter((instance) => instance.name === template.providerName);
  return instances.filter((instance) => instance.enabled && (template.providerType === undefined || instance.type === template.providerType));
}

/**
 * What the catalog says of a template's requirements: each instance without a matching active
 * plan, named with the requirement it cannot meet. Checked against one instance (`target`), a
 * miss is an error; against every candidate, a miss is a warning (provisioning fails over to
 * the others) and an error only when no candidate matches at all.
 */
export async function requirementFindings(
  template: Template,
  prices: CatalogPrices | undefined,
  instances: readonly ProviderInstanceDescriptor[],
  target: ProviderInstanceDescriptor | undefined,
): Promise<RequirementFinding[]> {
  const requirements = template.requirements;
  if (requirements === undefined) return [];
  const wanted = describeRequirements(requirements);
  const finding = (severity: RequirementFinding['severity'], message: string): RequirementFinding => ({ severity, code: 'NO_MATCHING_PLAN', message, field: 'requirements' });
  if (prices === undefined) {
    return [finding('error', `The template asks for ${wanted}, but no catalog is configured to resolve requirements; configure storage with a catalog and run a catalog sync, or give vmType.`)];
  }
  const candidates = target === undefined ? candidatesOf(template, instances) : [target];
  const missing: ProviderInstanceDescriptor[] = [];
  for (const instance of candidates) {
    const plans = await plansFor(prices, template, { providerInstance: instance.name, providerType: instance.type });
    if (plans.length === 0) missing.push(instance);
  }
  const severity = target !== undefined || missing.length === candidates.length ? 'error' : 'warning';
  return missing.map((instance) =>
    finding(severity, `Provider instance "${instance.name}" has no active plan in its catalog with ${wanted}; run a catalog sync or relax the requirements.`),
  );
}
