import type { ProviderTemplateV1 } from '@ohf/provider-sdk';

/** A template after its defaults are applied (what the provider works with). */
export type AwsTemplate = ProviderTemplateV1 & {
  subnetIds: string[];
  securityGroupIds: string[];
  instanceTags: Record<string, string>;
  providerOptions: Record<string, Record<string, unknown>>;
};

export type PriceType = 'ondemand' | 'spot' | 'heterogeneous';

export function priceTypeOf(template: ProviderTemplateV1): PriceType {
  return template.priceType ?? 'ondemand';
}

/**
 * The instance types a template may launch with their capacity weights: `vmTypes`, else
 * `vmType` with weight 1; heterogeneous templates add their `vmTypesOnDemand`.
 */
export function instanceTypeWeights(template: ProviderTemplateV1): Record<string, number> {
  const weights: Record<string, number> =
    template.vmTypes && Object.keys(template.vmTypes).length > 0
      ? { ...template.vmTypes }
      : template.vmType
        ? { [template.vmType]: 1 }
        : {};
  if (priceTypeOf(template) === 'heterogeneous') {
    for (const [type, weight] of Object.entries(template.vmTypesOnDemand ?? {})) weights[type] ??= weight;
  }
  return weights;
}

/** Instance types by priority (lower first, as AWS reads Priority), then as written. */
export function orderedInstanceTypes(template: ProviderTemplateV1): string[] {
  const types = Object.keys(instanceTypeWeights(template));
  const priority = template.vmTypesPriority ?? {};
  return types
    .map((type, index) => ({ type, index, priority: priority[type] ?? Number.POSITIVE_INFINITY }))
    .sort((left, right) => left.priority - right.priority || left.index - right.index)
    .map((entry) => entry.type);
}

export interface Offering {
  readonly instanceType: string;
  readonly subnetId: string | undefined;
  readonly weight: number;
  readonly priority: number | undefined;
}

/** Every subnet × instance type pair a fleet may choose from. */
export function offeringsOf(template: AwsTemplate): Offering[] {
  const weights = instanceTypeWeights(template);
  const subnets: Array<string | undefined> = template.subnetIds.length > 0 ? template.subnetIds : [undefined];
  const offerings: Offering[] = [];
  for (const instanceType of orderedInstanceTypes(template)) {
    for (const subnetId of subnets) {
      offerings.push({
        instanceType,
        subnetId,
        weight: weights[instanceType] ?? 1,
        priority: template.vmTypesPriority?.[instanceType],
      });
    }
  }
  return offerings;
}

/**
 * How many capacity units go on demand and how many on spot. Heterogeneous templates without
 * `percentOnDemand` keep the spot share under the instance's `max_spot_percentage`.
 */
export function capacitySplit(
  template: ProviderTemplateV1,
  count: number,
  maxSpotPercentage: number,
): { onDemand: number; spot: number } {
  switch (priceTypeOf(template)) {
    case 'ondemand':
      return { onDemand: count, spot: 0 };
    case 'spot':
      return { onDemand: 0, spot: count };
    case 'heterogeneous': {
      const percentOnDemand = template.percentOnDemand ?? 100 - maxSpotPercentage;
      const onDemand = Math.min(count, Math.ceil((count * percentOnDemand) / 100));
      return { onDemand, spot: count - onDemand };
    }
  }
}

const KEBAB_ALLOCATION_STRATEGIES: Readonly<Record<string, string>> = {
  capacityOptimized: 'capacity-optimized',
  capacityOptimizedPrioritized: 'capacity-optimized-prioritized',
  diversified: 'diversified',
  lowestPrice: 'lowest-price',
  priceCapacityOptimized: 'price-capacity-optimized',
  prioritized: 'prioritized',
};

/** EC2 Fleet and Auto Scaling spell allocation strategies in kebab case; templates in camel case. */
export function kebabAllocationStrategy(strategy: string): string {
  return KEBAB_ALLOCATION_STRATEGIES[strategy] ?? strategy;
}

/** `instanceProfile` as an ARN or a name, in the shape EC2 takes it. */
export function iamInstanceProfile(instanceProfile: string): { Arn: string } | { Name: string } {
  return instanceProfile.startsWith('arn:') ? { Arn: instanceProfile } : { Name: instanceProfile };
}

/** User data is written in templates as text; EC2 wants it base64-encoded. */
export function encodeUserData(userData: string): string {
  return Buffer.from(userData, 'utf8').toString('base64');
}
