import type { RunInstancesCommandInput, RunInstancesCommandOutput, _InstanceType } from '@aws-sdk/client-ec2';
import { ProviderSdkError } from '@ohf/provider-sdk';
import type { CreateInstancesResultV1, FailureV1, InstanceV1 } from '@ohf/provider-sdk';
import { toInstanceV1 } from '../instances/instance-mapping.js';
import { launchParametersOf } from '../launch-template/launch-template-data.js';
import type { LaunchParameters } from '../launch-template/launch-template-data.js';
import { tagSpecifications } from '../tags/aws-tags.js';
import type { AwsHandler, HandlerContext } from './aws-handler.js';
import { failureOf, tokenFor } from './aws-handler.js';
import { capacitySplit, offeringsOf } from './template-offerings.js';
import type { Offering } from './template-offerings.js';

type Market = 'ondemand' | 'spot';

/**
 * RunInstances in batches of `max_instances_per_call` with MinCount 1, so AWS launches what it
 * can rather than nothing. A batch that hits a capacity error moves to the next subnet ×
 * instance type; what no offering can launch is reported as a failure, not thrown.
 */
export const runInstancesHandler: AwsHandler = {
  api: 'RunInstances',
  async create(context: HandlerContext): Promise<CreateInstancesResultV1> {
    const { template, request, settings } = context;
    const split = capacitySplit(template, request.count, settings.handlers.ec2_fleet.max_spot_percentage);
    const parameters = template.launchTemplateId ? undefined : await launchParametersOf(context.scope, template, context.images);
    const offerings = offeringsOf(template);
    const instances: InstanceV1[] = [];
    const failures: FailureV1[] = [];
    let batchIndex = 0;

    for (const [market, wanted] of [
      ['ondemand', split.onDemand],
      ['spot', split.spot],
    ] as const) {
      let remaining = wanted;
      const exhausted = new Set<number>();
      let lastError: ProviderSdkError | undefined;
      while (remaining > 0 && exhausted.size < offerings.length) {
        const size = Math.min(settings.handlers.run_instances.max_instances_per_call, remaining);
        const offeringIndex = nextOffering(offerings.length, batchIndex, exhausted);
        const offering = offerings[offeringIndex] as Offering;
        const input = runInstancesInput(context, parameters, offering, market, size, tokenFor(context, 'run', market, batchIndex, offeringIndex));
        batchIndex += 1;
        try {
          const output = await context.scope.write<RunInstancesCommandOutput>('EC2', 'RunInstances', input, {
            instanceType: offering.instanceType,
            ...(offering.subnetId ? { location: offering.subnetId } : {}),
          });
          if (!output) {
            remaining -= size;
            continue;
          }
          const launched = (output.Instances ?? []).map((instance) => withRequestTags(toInstanceV1(instance), context));
          instances.push(...launched);
          remaining -= launched.length;
          // Fewer than asked: this offering is out of capacity for now.
          if (launched.length < size) exhausted.add(offeringIndex);
        } catch (error) {
          if (!ProviderSdkError.isInstance(error)) throw error;
          // Only capacity is a property of one offering; any other error ends the request.
          if (error.code !== 'INSUFFICIENT_CAPACITY') {
            if (instances.length === 0 && failures.length === 0) throw error;
            failures.push(failureOf(error, remaining + (market === 'ondemand' ? split.spot : 0), offering));
            return { instances, failures };
          }
          lastError = error;
          exhausted.add(offeringIndex);
          failures.push(failureOf(error, 0, { instanceType: offering.instanceType, location: offering.subnetId }));
        }
      }
      if (remaining > 0) {
        failures.push({
          code: 'INSUFFICIENT_CAPACITY',
          message: `RunInstances launched ${wanted - remaining} of ${wanted} ${market} machines: ${lastError ? lastError.message : 'AWS launched fewer than asked on every offering'}`,
          retryable: false,
          count: remaining,
        });
      }
    }
    return { instances, failures, ...(context.scope.dryRun ? { plannedCalls: context.scope.plannedCalls } : {}) };
  },
};

/** Batches start on different offerings so machines spread over the subnets. */
function nextOffering(count: number, batchIndex: number, exhausted: ReadonlySet<number>): number {
  for (let step = 0; step < count; step += 1) {
    const index = (batchIndex + step) % count;
    if (!exhausted.has(index)) return index;
  }
  return 0;
}

function runInstancesInput(
  context: HandlerContext,
  parameters: LaunchParameters | undefined,
  offering: Offering,
  market: Market,
  size: number,
  token: string,
): RunInstancesCommandInput {
  const { template } = context;
  return {
    MinCount: 1,
    MaxCount: size,
    ...(template.launchTemplateId
      ? {
          LaunchTemplate: {
            LaunchTemplateId: template.launchTemplateId,
            Version: typeof template.providerOptions['aws']?.['launchTemplateVersion'] === 'string'
              ? (template.providerOptions['aws']['launchTemplateVersion'] as string)
              : '$Default',
          },
        }
      : {}),
    ...(parameters ? { ImageId: parameters.imageId } : {}),
    InstanceType: offering.instanceType as _InstanceType,
    ...(offering.subnetId ? { SubnetId: offering.subnetId } : {}),
    ...(parameters?.keyName ? { KeyName: parameters.keyName } : {}),
    ...(parameters && parameters.securityGroupIds.length > 0 ? { SecurityGroupIds: [...parameters.securityGroupIds] } : {}),
    ...(parameters?.userData ? { UserData: parameters.userData } : {}),
    ...(parameters?.iamInstanceProfile ? { IamInstanceProfile: parameters.iamInstanceProfile } : {}),
    ...(parameters?.blockDeviceMappings ? { BlockDeviceMappings: parameters.blockDeviceMappings } : {}),
    ...(market === 'spot'
      ? {
          InstanceMarketOptions: {
            MarketType: 'spot',
            SpotOptions: {
              SpotInstanceType: 'one-time',
              InstanceInterruptionBehavior: 'terminate',
              ...(template.maxSpotPrice ? { MaxPrice: template.maxSpotPrice } : {}),
            },
          },
        }
      : {}),
    TagSpecifications: tagSpecifications(['instance', 'volume'], context.tags),
    ClientToken: token,
  };
}

/** RunInstances answers before tags are readable everywhere; the machine carries ours regardless. */
export function withRequestTags(instance: InstanceV1, context: HandlerContext): InstanceV1 {
  const tags = { ...Object.fromEntries(context.tags.map((tag) => [tag.Key, tag.Value])), ...instance.tags };
  return { ...instance, tags };
}
