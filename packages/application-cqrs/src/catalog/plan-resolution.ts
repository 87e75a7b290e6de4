import {
  BusinessRuleError,
  compareByPrice,
  instanceTypesOf,
  planMatches,
  priceWithMarkup,
  type PlanQuery,
  type PlanQueryInput,
  type PricedPlan,
  type Template,
} from '@ohf/domain-core';
import type { TemplateRequirementsV1 } from '@ohf/provider-sdk';
import type { CatalogPrices } from './catalog-prices.js';
import { PlanIndex } from './plan-index.js';

/**
 * How many of the cheapest matching plans an AWS fleet gets as overrides: enough for the fleet
 * to find capacity in another type, few enough that the price stays close to the cheapest.
 */
export const FLEET_OVERRIDE_PLAN_COUNT = 5;

/** Provider types whose fleets take several machine types at once (`vmTypes` as overrides). */
const FLEET_PROVIDER_TYPES: ReadonlySet<string> = new Set(['aws']);

/** The provider instance a template is resolved for. */
export interface PlanTarget {
  readonly providerInstance: string;
  readonly providerType: string;
  /** Whose prices: the platform's markup rules and this organization's; absent, the platform's only. */
  readonly organizationId?: string;
}

/** A template made concrete for one instance, with the plans it may launch and their prices. */
export interface ResolvedTemplate {
  readonly template: Template;
  /** The plans the template may launch there, cheapest first; empty when the catalog knows none of them. */
  readonly plans: readonly PricedPlan[];
}

/** "2 vCPUs, 4 GB memory, 1 GPU, arm64, at most 0.05/h": a requirement as messages name it. */
export function describeRequirements(requirements: TemplateRequirementsV1): string {
  const parts = [`${requirements.vcpus} vCPU${requirements.vcpus === 1 ? '' : 's'}`, `${requirements.memoryGb} GB memory`];
  if (requirements.gpus !== undefined && requirements.gpus > 0) parts.push(`${requirements.gpus} GPU${requirements.gpus === 1 ? '' : 's'}`);
  if (requirements.architecture !== undefined) parts.push(requirements.architecture);
  if (requirements.maxPriceHourly !== undefined) parts.push(`at most ${requirements.maxPriceHourly}/h`);
  return parts.join(', ');
}

/** The region a template asks of a cloud whose options name one (`providerOptions.linode.region`). */
function regionOf(template: Template, providerType: string): string | undefined {
  const region = template.providerOptions[providerType]?.['region'];
  return typeof region === 'string' && region.length > 0 ? region : undefined;
}

/** The catalog query for a template's requirements on one instance. */
export function planQueryOf(requirements: TemplateRequirementsV1, template: Template, target: PlanTarget): PlanQueryInput {
  const region = regionOf(template, target.providerType);
  return {
    provider: target.providerInstance,
    minVcpus: requirements.vcpus,
    minMemoryGb: requirements.memoryGb,
    ...(requirements.gpus === undefined ? {} : { gpus: requirements.gpus }),
    ...(requirements.architecture === undefined ? {} : { architecture: requirements.architecture }),
    ...(requirements.maxPriceHourly === undefined ? {} : { maxPriceHourly: requirements.maxPriceHourly }),
    ...(region === undefined ? {} : { region }),
  };
}

/**
 * The active plans of the instance the template would launch, cheapest first: those meeting
 * its requirements, or the catalog entries of its fixed machine types. A spot template is
 * priced at the spot price (markup applied the same way) where the catalog knows one.
 */
export async function plansFor(prices: CatalogPrices, template: Template, target: PlanTarget): Promise<PricedPlan[]> {
  if (template.requirements !== undefined) return plansMeeting(PlanIndex.of(await instancePlans(prices, template, target)), template.requirements, template, target);
  const types = new Set(Object.keys(instanceTypesOf(template)));
  if (types.size === 0) return [];
  const plans = (await prices.plans({ provider: target.providerInstance }, target.organizationId)).filter((plan) => types.has(plan.planId));
  return template.priceType === 'spot' ? atSpotPrices(prices, plans, target.organizationId) : plans;
}

/** Every active plan of the instance, at the price the template would pay (spot or on demand), cheapest first. */
async function instancePlans(prices: CatalogPrices, template: Template, target: PlanTarget): Promise<PricedPlan[]> {
  const plans = await prices.plans({ provider: target.providerInstance }, target.organizationId);
  return template.priceType === 'spot' ? atSpotPrices(prices, plans, target.organizationId) : plans;
}

/**
 * The plans among one instance's indexed plans that meet the requirements in the template's
 * region, cheapest first, at most `limit`: a scan from the cheapest plan with enough vCPUs that
 * stops at the limit. A price limit applies to the price the plans carry (the spot price for a
 * spot template).
 */
export function plansMeeting(
  index: PlanIndex,
  requirements: TemplateRequirementsV1,
  template: Template,
  target: PlanTarget,
  limit = Number.POSITIVE_INFINITY,
): PricedPlan[] {
  const query: PlanQuery = { ...planQueryOf(requirements, template, target), sort: 'price', includeInactive: false };
  const found: PricedPlan[] = [];
  for (const plan of index.withAtLeast(requirements.vcpus)) {
    if (found.length >= limit) break;
    if (planMatches(plan, query)) found.push(plan);
  }
  return found;
}

/** Plans priced at their spot price with the markup rules, cheapest first; those without one keep their price. */
async function atSpotPrices(prices: CatalogPrices, plans: readonly PricedPlan[], organizationId: string | undefined): Promise<PricedPlan[]> {
  const rules = await prices.markupRulesFor(organizationId);
  return plans
    .map((plan) =>
      plan.spotPriceHourly === null ? plan : { ...plan, ...priceWithMarkup({ ...plan, basePriceHourly: plan.spotPriceHourly, basePriceMonthly: null }, rules) },
    )
    .sort((left, right) => compareByPrice(left, right) || left.planId.localeCompare(right.planId));
}

function noMatchingPlan(template: Template, target: PlanTarget, why: string): BusinessRuleError {
  return new BusinessRuleError('NO_MATCHING_PLAN', `${target.providerInstance} cannot serve template ${template.templateId}: ${why}`, {
    retryable: false,
    details: { templateId: template.templateId, providerInstance: target.providerInstance, requirements: template.requirements },
  });
}

/**
 * The template as the instance receives it. A template with requirements gets the cheapest
 * matching plan as `vmType` (AWS: the few cheapest as the fleet's `vmTypes`, weight 1 each,
 * cheapest first and prioritized in that order);
 * a fixed-size one is left as it is, with its plan when the catalog knows it. Throws
 * NO_MATCHING_PLAN (not retryable, so provisioning fails over) when there is no catalog or no
 * plan meets the requirements.
 */
export async function resolveTemplate(prices: CatalogPrices | undefined, template: Template, target: PlanTarget): Promise<ResolvedTemplate> {
  if (template.requirements === undefined) {
    return { template, plans: prices === undefined ? [] : await plansFor(prices, template, target) };
  }
  if (prices === undefined) throw noMatchingPlan(template, target, 'its requirements need a catalog, and none is configured');
  return resolveAgainst(PlanIndex.of(await instancePlans(prices, template, target)), template, target);
}

/**
 * {@link resolveTemplate} for a template with requirements, against the instance's priced plans
 * read and indexed once: no I/O, so many templates resolve against one catalog read.
 */
export function resolveAgainst(index: PlanIndex, template: Template, target: PlanTarget): ResolvedTemplate {
  const requirements = template.requirements;
  if (requirements === undefined) return { template, plans: [] };
  const fleet = FLEET_PROVIDER_TYPES.has(target.providerType);
  const matching = plansMeeting(index, requirements, template, target, fleet ? FLEET_OVERRIDE_PLAN_COUNT : 1);
  const cheapest = matching[0];
  if (cheapest === undefined) {
    throw noMatchingPlan(template, target, `no active plan in its catalog has ${describeRequirements(requirements)}; run a catalog sync or relax the requirements`);
  }
  const { vmType: _vmType, vmTypes: _vmTypes, ...rest } = template;
  if (!fleet) return { template: { ...rest, vmType: cheapest.planId }, plans: [cheapest] };
  // Each override counts as one machine; prioritized allocation strategies read the price order.
  return {
    template: {
      ...rest,
      vmTypes: Object.fromEntries(matching.map((plan) => [plan.planId, 1])),
      vmTypesPriority: Object.fromEntries(matching.map((plan, index) => [plan.planId, index + 1])),
    },
    plans: matching,
  };
}
