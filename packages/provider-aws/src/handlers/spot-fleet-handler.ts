import type {
  AllocationStrategy,
  LaunchTemplateOverrides,
  OnDemandAllocationStrategy,
  RequestSpotFleetCommandInput,
  RequestSpotFleetCommandOutput,
  _InstanceType,
} from '@aws-sdk/client-ec2';
import type { CreateInstancesResultV1 } from '@ohf/provider-sdk';
import { tagSpecifications } from '../tags/aws-tags.js';
import type { AwsHandler, HandlerContext } from './aws-handler.js';
import { launchTemplateFor, tokenFor } from './aws-handler.js';
import { capacitySplit, offeringsOf } from './template-offerings.js';

const MINUTE_MS = 60_000;

/**
 * Spot Fleet (RequestSpotFleet) with the template's IAM fleet role. The request expires after
 * `spotFleetRequestExpiry` minutes; machines are found later by their tags, and the request is
 * cancelled when its machines are returned.
 */
export const spotFleetHandler: AwsHandler = {
  api: 'SpotFleet',
  async create(context: HandlerContext): Promise<CreateInstancesResultV1> {
    const launchTemplate = await launchTemplateFor(context);
    const input = requestSpotFleetInput(context, launchTemplate);
    const output = await context.scope.write<RequestSpotFleetCommandOutput>('EC2', 'RequestSpotFleet', input);
    if (!output) return { instances: [], pendingCount: context.request.count, plannedCalls: context.scope.plannedCalls };
    return {
      instances: [],
      pendingCount: context.request.count,
      providerMetadata: {
        api: 'SpotFleet',
        ...(output.SpotFleetRequestId ? { spotFleetRequestId: output.SpotFleetRequestId } : {}),
      },
    };
  },
};

function requestSpotFleetInput(
  context: HandlerContext,
  launchTemplate: { LaunchTemplateId?: string; LaunchTemplateName?: string; Version: string },
): RequestSpotFleetCommandInput {
  const { template, request, settings } = context;
  const split = capacitySplit(template, request.count, settings.handlers.ec2_fleet.max_spot_percentage);
  const allocationStrategy = (template.allocationStrategy ?? settings.handlers.spot_fleet.allocation_strategy) as AllocationStrategy;
  const overrides: LaunchTemplateOverrides[] = offeringsOf(template).map((offering) => ({
    InstanceType: offering.instanceType as _InstanceType,
    ...(offering.subnetId ? { SubnetId: offering.subnetId } : {}),
    WeightedCapacity: offering.weight,
    ...(offering.priority === undefined ? {} : { Priority: offering.priority }),
  }));
  const expiryMinutes = template.spotFleetRequestExpiry ?? settings.handlers.spot_fleet.default_expiry_minutes;
  return {
    SpotFleetRequestConfig: {
      IamFleetRole: template.fleetRole,
      TargetCapacity: request.count,
      ...(split.onDemand > 0 ? { OnDemandTargetCapacity: split.onDemand } : {}),
      AllocationStrategy: allocationStrategy,
      ...(split.onDemand > 0
        ? { OnDemandAllocationStrategy: (template.allocationStrategyOnDemand ?? 'lowestPrice') as OnDemandAllocationStrategy }
        : {}),
      ...(template.poolsCount && allocationStrategy === 'lowestPrice' ? { InstancePoolsToUseCount: template.poolsCount } : {}),
      ...(template.maxSpotPrice ? { SpotPrice: template.maxSpotPrice } : {}),
      Type: template.fleetType === 'maintain' ? 'maintain' : 'request',
      ValidUntil: new Date(context.now() + expiryMinutes * MINUTE_MS),
      // Expiry stops new launches; the scheduler decides when running machines go.
      TerminateInstancesWithExpiration: false,
      ReplaceUnhealthyInstances: false,
      InstanceInterruptionBehavior: 'terminate',
      ClientToken: tokenFor(context, 'spotfleet'),
      LaunchTemplateConfigs: [{ LaunchTemplateSpecification: { ...launchTemplate }, Overrides: overrides }],
      TagSpecifications: tagSpecifications(['spot-fleet-request'], context.tags),
    },
  };
}
