import type {
  CreateAutoScalingGroupCommandInput,
  DescribeAutoScalingGroupsCommandOutput,
  InstancesDistribution,
} from '@aws-sdk/client-auto-scaling';
import { ProviderSdkError } from '@ohf/provider-sdk';
import type { CreateInstancesResultV1 } from '@ohf/provider-sdk';
import type { AwsHandler, HandlerContext } from './aws-handler.js';
import { launchTemplateFor } from './aws-handler.js';
import { capacitySplit, instanceTypeWeights, kebabAllocationStrategy, orderedInstanceTypes } from './template-offerings.js';

/** The Auto Scaling group of one request; ≤ 255 characters, which request ids respect. */
export function autoScalingGroupName(prefix: string, requestId: string): string {
  return `${prefix}-${requestId}`.slice(0, 255);
}

/**
 * One Auto Scaling group per request, from the request's launch template version, with a
 * MixedInstancesPolicy over the template's instance types and price split. A retried request
 * finds its group and grows it to the requested capacity instead of creating another.
 */
export const asgHandler: AwsHandler = {
  api: 'ASG',
  async create(context: HandlerContext): Promise<CreateInstancesResultV1> {
    const { request, settings } = context;
    const groupName = autoScalingGroupName(settings.resource_prefix, request.requestId);
    const launchTemplate = await launchTemplateFor(context);
    const input = createGroupInput(context, groupName, launchTemplate);
    const metadata = { api: 'ASG', autoScalingGroupName: groupName };
    try {
      await context.scope.write('AutoScaling', 'CreateAutoScalingGroup', input, { retry: false });
    } catch (error) {
      if (!(ProviderSdkError.isInstance(error) && error.details['awsErrorCode'] === 'AlreadyExists')) throw error;
      await growGroup(context, groupName, request.count);
    }
    return {
      instances: [],
      pendingCount: request.count,
      providerMetadata: metadata,
      ...(context.scope.dryRun ? { plannedCalls: context.scope.plannedCalls } : {}),
    };
  },
};

async function growGroup(context: HandlerContext, groupName: string, capacity: number): Promise<void> {
  const output = await context.scope.read<DescribeAutoScalingGroupsCommandOutput>('AutoScaling', 'DescribeAutoScalingGroups', {
    AutoScalingGroupNames: [groupName],
  });
  const group = output.AutoScalingGroups?.[0];
  if (!group || (group.DesiredCapacity ?? 0) >= capacity) return;
  await context.scope.write('AutoScaling', 'UpdateAutoScalingGroup', {
    AutoScalingGroupName: groupName,
    DesiredCapacity: capacity,
    MaxSize: Math.max(group.MaxSize ?? 0, capacity),
  });
}

function createGroupInput(
  context: HandlerContext,
  groupName: string,
  launchTemplate: { LaunchTemplateId?: string; LaunchTemplateName?: string; Version: string },
): CreateAutoScalingGroupCommandInput {
  const { template, request, settings } = context;
  const asg = settings.handlers.asg;
  const split = capacitySplit(template, request.count, settings.handlers.ec2_fleet.max_spot_percentage);
  const weights = instanceTypeWeights(template);
  const spotStrategy = kebabAllocationStrategy(template.allocationStrategy ?? 'priceCapacityOptimized');
  const distribution: InstancesDistribution = {
    OnDemandBaseCapacity: 0,
    OnDemandPercentageAboveBaseCapacity: onDemandPercentage(template, split, settings.handlers.ec2_fleet.max_spot_percentage),
    OnDemandAllocationStrategy: kebabAllocationStrategy(template.allocationStrategyOnDemand ?? 'lowestPrice'),
    ...(split.spot > 0
      ? {
          // Auto Scaling has no "diversified"; lowest-price over several pools is the nearest.
          SpotAllocationStrategy: spotStrategy === 'diversified' ? 'lowest-price' : spotStrategy,
          ...(template.poolsCount && (spotStrategy === 'lowest-price' || spotStrategy === 'diversified')
            ? { SpotInstancePools: template.poolsCount }
            : {}),
          ...(template.maxSpotPrice ? { SpotMaxPrice: template.maxSpotPrice } : {}),
        }
      : {}),
  };
  return {
    AutoScalingGroupName: groupName,
    MinSize: Math.min(asg.default_min_size, request.count),
    MaxSize: Math.max(asg.default_max_size, request.count),
    DesiredCapacity: request.count,
    DesiredCapacityType: 'units',
    ...(template.subnetIds.length > 0 ? { VPCZoneIdentifier: template.subnetIds.join(',') } : {}),
    HealthCheckType: asg.health_check_type,
    HealthCheckGracePeriod: asg.health_check_grace_period,
    // Scale-in must never pick machines: only returns (with their ids) shrink the group.
    NewInstancesProtectedFromScaleIn: true,
    MixedInstancesPolicy: {
      LaunchTemplate: {
        LaunchTemplateSpecification: { ...launchTemplate },
        Overrides: orderedInstanceTypes(template).map((instanceType) => ({
          InstanceType: instanceType,
          WeightedCapacity: String(weights[instanceType] ?? 1),
        })),
      },
      InstancesDistribution: distribution,
    },
    Tags: context.tags.map((tag) => ({
      Key: tag.Key,
      Value: tag.Value,
      PropagateAtLaunch: true,
      ResourceId: groupName,
      ResourceType: 'auto-scaling-group',
    })),
  };
}

/** Auto Scaling takes the percentage itself (and rounds on-demand up), so the template's figure goes through as written. */
function onDemandPercentage(template: HandlerContext['template'], split: { onDemand: number; spot: number }, maxSpotPercentage: number): number {
  if (template.priceType === 'heterogeneous') return Math.round(template.percentOnDemand ?? 100 - maxSpotPercentage);
  return split.spot > 0 ? 0 : 100;
}
