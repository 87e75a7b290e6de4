import type {
  CreateFleetCommandInput,
  CreateFleetCommandOutput,
  FleetLaunchTemplateOverridesRequest,
  _InstanceType,
} from '@aws-sdk/client-ec2';
import type { CreateInstancesResultV1, FailureV1, InstanceV1, WarningV1 } from '@ohf/provider-sdk';
import { classifyAwsError } from '../aws-errors.js';
import { tagSpecifications } from '../tags/aws-tags.js';
import type { AwsHandler, HandlerContext } from './aws-handler.js';
import { failureOf, launchTemplateFor, tokenFor } from './aws-handler.js';
import {
  capacitySplit,
  instanceTypeWeights,
  kebabAllocationStrategy,
  offeringsOf,
} from './template-offerings.js';

const MINUTE_MS = 60_000;

/**
 * EC2 Fleet. `instant` fleets answer synchronously with the instance ids and one error per
 * override that could not launch; `request` and `maintain` fleets answer with a fleet id and
 * launch in the background, their machines found later by their tags.
 */
export const ec2FleetHandler: AwsHandler = {
  api: 'EC2Fleet',
  async create(context: HandlerContext): Promise<CreateInstancesResultV1> {
    const { template, request, settings } = context;
    const fleetType = template.fleetType ?? settings.handlers.ec2_fleet.default_type;
    const launchTemplate = await launchTemplateFor(context);
    const input = createFleetInput(context, fleetType, launchTemplate);
    const output = await context.scope.write<CreateFleetCommandOutput>('EC2', 'CreateFleet', input);
    const warnings: WarningV1[] = [];
    if (template.launchTemplateId && fleetType !== 'instant') {
      warnings.push({
        type: 'other',
        feature: 'launchTemplateId',
        message:
          'A request or maintain fleet tags its machines only through the launch template: machines launched from the template\'s own launch template carry its tags, not the request\'s.',
      });
    }
    if (!output) {
      return {
        instances: [],
        pendingCount: request.count,
        warnings,
        plannedCalls: context.scope.plannedCalls,
      };
    }
    const fleetMetadata = { api: 'EC2Fleet', fleetType, ...(output.FleetId ? { fleetId: output.FleetId } : {}) };
    if (fleetType !== 'instant') {
      return { instances: [], pendingCount: request.count, warnings, providerMetadata: fleetMetadata };
    }
    return { ...instantResult(context, output), warnings, providerMetadata: fleetMetadata };
  },
};

function createFleetInput(
  context: HandlerContext,
  fleetType: 'instant' | 'request' | 'maintain',
  launchTemplate: { LaunchTemplateId?: string; LaunchTemplateName?: string; Version: string },
): CreateFleetCommandInput {
  const { template, request, settings } = context;
  const split = capacitySplit(template, request.count, settings.handlers.ec2_fleet.max_spot_percentage);
  const usesSpot = split.spot > 0;
  const overrides: FleetLaunchTemplateOverridesRequest[] = offeringsOf(template).map((offering) => ({
    InstanceType: offering.instanceType as _InstanceType,
    ...(offering.subnetId ? { SubnetId: offering.subnetId } : {}),
    WeightedCapacity: offering.weight,
    ...(offering.priority === undefined ? {} : { Priority: offering.priority }),
    ...(usesSpot && template.maxSpotPrice ? { MaxPrice: template.maxSpotPrice } : {}),
  }));
  const spotStrategy = kebabAllocationStrategy(template.allocationStrategy ?? 'priceCapacityOptimized');
  const expiryMinutes = template.spotFleetRequestExpiry;
  return {
    Type: fleetType,
    ClientToken: tokenFor(context, 'fleet'),
    TargetCapacitySpecification: {
      TotalTargetCapacity: request.count,
      OnDemandTargetCapacity: split.onDemand,
      SpotTargetCapacity: split.spot,
      DefaultTargetCapacityType: usesSpot ? 'spot' : 'on-demand',
    },
    LaunchTemplateConfigs: [
      {
        LaunchTemplateSpecification: { ...launchTemplate },
        Overrides: overrides,
      },
    ],
    ...(usesSpot
      ? {
          SpotOptions: {
            AllocationStrategy: spotStrategy as NonNullable<CreateFleetCommandInput['SpotOptions']>['AllocationStrategy'],
            InstanceInterruptionBehavior: 'terminate',
            ...(template.poolsCount && spotStrategy === 'lowest-price' ? { InstancePoolsToUseCount: template.poolsCount } : {}),
          },
        }
      : {}),
    ...(split.onDemand > 0
      ? {
          OnDemandOptions: {
            AllocationStrategy: kebabAllocationStrategy(template.allocationStrategyOnDemand ?? 'lowestPrice') as NonNullable<
              CreateFleetCommandInput['OnDemandOptions']
            >['AllocationStrategy'],
          },
        }
      : {}),
    ...(fleetType !== 'instant' && expiryMinutes
      ? { ValidUntil: new Date(context.now() + expiryMinutes * MINUTE_MS), TerminateInstancesWithExpiration: false }
      : {}),
    TagSpecifications: tagSpecifications(fleetType === 'instant' ? ['fleet', 'instance'] : ['fleet'], context.tags),
  };
}

/** The machines and per-override errors of an instant fleet's answer. */
function instantResult(context: HandlerContext, output: CreateFleetCommandOutput): CreateInstancesResultV1 {
  const { request, template } = context;
  const weights = instanceTypeWeights(template);
  const requestTags = Object.fromEntries(context.tags.map((tag) => [tag.Key, tag.Value]));
  const instances: InstanceV1[] = [];
  let fulfilled = 0;
  for (const launched of output.Instances ?? []) {
    const override = launched.LaunchTemplateAndOverrides?.Overrides;
    const instanceType = launched.InstanceType ?? override?.InstanceType;
    for (const id of launched.InstanceIds ?? []) {
      fulfilled += override?.WeightedCapacity ?? (instanceType ? weights[instanceType] : undefined) ?? 1;
      instances.push({
        id,
        state: 'pending',
        rawState: 'pending',
        name: null,
        hostName: null,
        privateIpAddress: null,
        publicIpAddress: null,
        ...(instanceType ? { instanceType } : {}),
        ...(override?.AvailabilityZone ? { location: override.AvailabilityZone } : {}),
        lifecycle: launched.Lifecycle === 'spot' ? 'spot' : 'ondemand',
        tags: { ...requestTags },
        providerMetadata: {
          ...(output.FleetId ? { fleetId: output.FleetId } : {}),
          ...(override?.SubnetId ? { subnetId: override.SubnetId } : {}),
        },
      });
    }
  }
  const failures: FailureV1[] = [];
  const seen = new Set<string>();
  for (const error of output.Errors ?? []) {
    const override = error.LaunchTemplateAndOverrides?.Overrides;
    const key = `${error.ErrorCode}|${override?.InstanceType}|${override?.SubnetId}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const normalized = classifyAwsError(
      { name: error.ErrorCode ?? 'UnfulfillableCapacity', message: error.ErrorMessage ?? 'no message' },
      {
        operation: 'EC2.CreateFleet',
        ...(override?.InstanceType ? { instanceType: override.InstanceType } : {}),
        ...(override?.SubnetId ? { location: override.SubnetId } : {}),
      },
    );
    failures.push(failureOf(normalized, 0, { instanceType: override?.InstanceType, location: override?.SubnetId }));
  }
  const unfulfilled = Math.max(0, request.count - fulfilled);
  if (unfulfilled > 0) {
    const first = failures[0];
    failures.push({
      code: first?.code ?? 'INSUFFICIENT_CAPACITY',
      message: `EC2 Fleet fulfilled ${fulfilled} of ${request.count} capacity units${first ? `: ${first.message}` : ''}`,
      retryable: first?.retryable ?? false,
      count: unfulfilled,
    });
  }
  return { instances, failures, pendingCount: 0 };
}

