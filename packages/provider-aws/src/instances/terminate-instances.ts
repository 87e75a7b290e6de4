import type { DescribeAutoScalingGroupsCommandOutput } from '@aws-sdk/client-auto-scaling';
import type {
  DescribeFleetInstancesCommandOutput,
  DescribeFleetsCommandOutput,
  DescribeSpotFleetInstancesCommandOutput,
  DescribeSpotFleetRequestsCommandOutput,
  TerminateInstancesCommandOutput,
} from '@aws-sdk/client-ec2';
import { OHF_TAG_KEYS, ProviderSdkError } from '@ohf/provider-sdk';
import type { TerminateResultV1 } from '@ohf/provider-sdk';
import type { AwsCallScope } from '../aws-api.js';
import { tagsToRecord } from '../tags/aws-tags.js';
import type { DescribedInstance } from './describe-instances-answer.js';
import { DESCRIBE_BATCH_SIZE, chunk, describeEc2Instances, instanceIdsNamedIn, isInstanceNotFound } from './describe-instances.js';
import { AWS_MEMBERSHIP_TAGS } from './instance-mapping.js';

interface Outcome {
  readonly terminated: string[];
  readonly alreadyGone: string[];
  readonly failures: Array<{ id: string; code: ProviderSdkError['code']; message: string; retryable: boolean }>;
}

/**
 * Returns machines the way their owner needs: members of an Auto Scaling group leave it with
 * the desired capacity decremented (the group is deleted once empty), members of a Spot Fleet
 * or an EC2 Fleet of type request/maintain shrink or cancel their fleet, so nothing is
 * launched to replace them; the rest are terminated in batches. Ids AWS no longer knows,
 * and machines already terminated, count as already gone.
 */
export async function terminateEc2Instances(scope: AwsCallScope, ids: readonly string[]): Promise<TerminateResultV1> {
  const outcome: Outcome = { terminated: [], alreadyGone: [], failures: [] };
  const unique = [...new Set(ids)];
  if (unique.length === 0) return { ...outcome, ...(scope.dryRun ? { plannedCalls: [] } : {}) };
  const known = new Map((await describeEc2Instances(scope, unique)).map((instance) => [instance.InstanceId ?? '', instance]));

  const byGroup = new Map<string, DescribedInstance[]>();
  const bySpotFleet = new Map<string, DescribedInstance[]>();
  const byEc2Fleet = new Map<string, DescribedInstance[]>();
  const plain: string[] = [];
  for (const id of unique) {
    const instance = known.get(id);
    const state = instance?.State?.Name;
    // Unknown to AWS (ids in another cloud's format included, never sent) or terminated: gone.
    if (!instance || state === 'terminated') {
      outcome.alreadyGone.push(id);
      continue;
    }
    if (state === 'shutting-down') {
      outcome.terminated.push(id);
      continue;
    }
    const tags = tagsToRecord(instance.Tags);
    const group = tags[AWS_MEMBERSHIP_TAGS.autoScalingGroup];
    const spotFleet = tags[AWS_MEMBERSHIP_TAGS.spotFleet];
    const ec2Fleet = tags[AWS_MEMBERSHIP_TAGS.ec2Fleet];
    if (group) push(byGroup, group, instance);
    else if (spotFleet) push(bySpotFleet, spotFleet, instance);
    else if (ec2Fleet) push(byEc2Fleet, ec2Fleet, instance);
    else plain.push(id);
  }

  for (const [group, members] of byGroup) await leaveAutoScalingGroup(scope, group, members, outcome);
  for (const [fleet, members] of bySpotFleet) plain.push(...(await shrinkSpotFleet(scope, fleet, members, outcome)));
  for (const [fleet, members] of byEc2Fleet) plain.push(...(await shrinkEc2Fleet(scope, fleet, members, outcome)));
  await terminatePlain(scope, plain, outcome);
  // A dry run terminated nothing: what it would do is in the planned calls.
  if (scope.dryRun) return { ...outcome, terminated: [], plannedCalls: scope.plannedCalls };
  return outcome;
}

function push<Value>(map: Map<string, Value[]>, key: string, value: Value): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function fail(outcome: Outcome, ids: readonly string[], error: unknown): void {
  if (!ProviderSdkError.isInstance(error)) throw error;
  for (const id of ids) outcome.failures.push({ id, code: error.code, message: error.message, retryable: error.retryable });
}

async function leaveAutoScalingGroup(
  scope: AwsCallScope,
  groupName: string,
  members: readonly DescribedInstance[],
  outcome: Outcome,
): Promise<void> {
  let left = 0;
  for (const member of members) {
    const id = member.InstanceId ?? '';
    try {
      // One call per machine: the API takes a single id. Decrementing keeps the group from replacing it.
      await scope.write('AutoScaling', 'TerminateInstanceInAutoScalingGroup', {
        InstanceId: id,
        ShouldDecrementDesiredCapacity: true,
      });
      outcome.terminated.push(id);
      left += 1;
    } catch (error) {
      fail(outcome, [id], error);
    }
  }
  if (left === 0) return;
  try {
    const output = await scope.read<DescribeAutoScalingGroupsCommandOutput>('AutoScaling', 'DescribeAutoScalingGroups', {
      AutoScalingGroupNames: [groupName],
    });
    const group = output.AutoScalingGroups?.[0];
    if (!group) return;
    const ours = (group.Tags ?? []).some((tag) => tag.Key === OHF_TAG_KEYS.requestId);
    // A dry run has not decremented yet, so it counts the machines it would return.
    const desired = (group.DesiredCapacity ?? 0) - (scope.dryRun ? left : 0);
    if (ours && desired <= 0) {
      await scope.write('AutoScaling', 'DeleteAutoScalingGroup', { AutoScalingGroupName: groupName, ForceDelete: true });
    }
  } catch (error) {
    // The machines are returned; an empty group left behind is retried on the next return.
    if (!ProviderSdkError.isInstance(error)) throw error;
  }
}

/** The machines still to terminate one by one (the rest went with the fleet). */
async function shrinkSpotFleet(
  scope: AwsCallScope,
  fleetId: string,
  members: readonly DescribedInstance[],
  outcome: Outcome,
): Promise<string[]> {
  const ids = members.map((member) => member.InstanceId ?? '');
  try {
    const active = await pagedIds(async (NextToken) => {
      const output = await scope.read<DescribeSpotFleetInstancesCommandOutput>('EC2', 'DescribeSpotFleetInstances', {
        SpotFleetRequestId: fleetId,
        ...(NextToken ? { NextToken } : {}),
      });
      return { ids: (output.ActiveInstances ?? []).map((instance) => instance.InstanceId ?? ''), next: output.NextToken };
    });
    if (active.every((id) => ids.includes(id))) {
      await scope.write('EC2', 'CancelSpotFleetRequests', { SpotFleetRequestIds: [fleetId], TerminateInstances: true });
      outcome.terminated.push(...ids);
      return [];
    }
    const described = await scope.read<DescribeSpotFleetRequestsCommandOutput>('EC2', 'DescribeSpotFleetRequests', {
      SpotFleetRequestIds: [fleetId],
    });
    const config = described.SpotFleetRequestConfigs?.[0]?.SpotFleetRequestConfig;
    if (config?.Type === 'maintain') {
      const returned = returnedCapacity(config.LaunchTemplateConfigs, members);
      await scope.write('EC2', 'ModifySpotFleetRequest', {
        SpotFleetRequestId: fleetId,
        TargetCapacity: Math.max(0, Math.floor((config.TargetCapacity ?? 0) - returned)),
        ExcessCapacityTerminationPolicy: 'noTermination',
      });
    }
    return ids;
  } catch (error) {
    fail(outcome, ids, error);
    return [];
  }
}

async function shrinkEc2Fleet(
  scope: AwsCallScope,
  fleetId: string,
  members: readonly DescribedInstance[],
  outcome: Outcome,
): Promise<string[]> {
  const ids = members.map((member) => member.InstanceId ?? '');
  try {
    const described = await scope.read<DescribeFleetsCommandOutput>('EC2', 'DescribeFleets', { FleetIds: [fleetId] });
    const fleet = described.Fleets?.[0];
    // Instant fleets launch once and maintain nothing: their machines are ordinary ones.
    if (!fleet || fleet.Type === 'instant') return ids;
    const active = await pagedIds(async (NextToken) => {
      const output = await scope.read<DescribeFleetInstancesCommandOutput>('EC2', 'DescribeFleetInstances', {
        FleetId: fleetId,
        ...(NextToken ? { NextToken } : {}),
      });
      return { ids: (output.ActiveInstances ?? []).map((instance) => instance.InstanceId ?? ''), next: output.NextToken };
    });
    if (active.every((id) => ids.includes(id))) {
      await scope.write('EC2', 'DeleteFleets', { FleetIds: [fleetId], TerminateInstances: true });
      outcome.terminated.push(...ids);
      return [];
    }
    if (fleet.Type === 'maintain') {
      const returned = returnedCapacity(fleet.LaunchTemplateConfigs, members);
      const total = fleet.TargetCapacitySpecification?.TotalTargetCapacity ?? 0;
      await scope.write('EC2', 'ModifyFleet', {
        FleetId: fleetId,
        TargetCapacitySpecification: { TotalTargetCapacity: Math.max(0, Math.floor(total - returned)) },
        ExcessCapacityTerminationPolicy: 'no-termination',
      });
    }
    return ids;
  } catch (error) {
    fail(outcome, ids, error);
    return [];
  }
}

/**
 * The fleet capacity the returned machines stood for: each counts its instance type's
 * WeightedCapacity from the fleet's overrides (1 when the type has none).
 */
function returnedCapacity(
  launchConfigs: readonly { readonly Overrides?: readonly { readonly InstanceType?: string | undefined; readonly WeightedCapacity?: number | undefined }[] | undefined }[] | undefined,
  members: readonly DescribedInstance[],
): number {
  const weights = new Map<string, number>();
  for (const launch of launchConfigs ?? []) {
    for (const override of launch.Overrides ?? []) {
      if (override.InstanceType) weights.set(override.InstanceType, override.WeightedCapacity ?? 1);
    }
  }
  return members.reduce((sum, member) => sum + (weights.get(member.InstanceType ?? '') ?? 1), 0);
}

async function pagedIds(page: (nextToken: string | undefined) => Promise<{ ids: string[]; next?: string | undefined }>): Promise<string[]> {
  const ids: string[] = [];
  let next: string | undefined;
  do {
    const result = await page(next);
    ids.push(...result.ids);
    next = result.next || undefined;
  } while (next);
  return ids;
}

/** TerminateInstances, ≤ 1,000 ids per call; ids AWS does not know are split out as already gone. */
async function terminatePlain(scope: AwsCallScope, ids: readonly string[], outcome: Outcome): Promise<void> {
  const pending = chunk(ids, DESCRIBE_BATCH_SIZE);
  while (pending.length > 0) {
    const batch = pending.shift() ?? [];
    if (batch.length === 0) continue;
    try {
      const output = await scope.write<TerminateInstancesCommandOutput>('EC2', 'TerminateInstances', { InstanceIds: batch });
      if (!output) {
        outcome.terminated.push(...batch);
        continue;
      }
      const reported = new Set<string>();
      for (const change of output.TerminatingInstances ?? []) {
        const id = change.InstanceId ?? '';
        reported.add(id);
        if (change.PreviousState?.Name === 'terminated') outcome.alreadyGone.push(id);
        else outcome.terminated.push(id);
      }
      for (const id of batch) if (!reported.has(id)) outcome.terminated.push(id);
    } catch (error) {
      if (isInstanceNotFound(error)) {
        const missing = new Set(instanceIdsNamedIn(error));
        const rest = batch.filter((id) => !missing.has(id));
        if (missing.size > 0 && rest.length < batch.length) {
          outcome.alreadyGone.push(...batch.filter((id) => missing.has(id)));
          pending.unshift(rest);
        } else if (batch.length > 1) {
          const middle = Math.ceil(batch.length / 2);
          pending.unshift(batch.slice(0, middle), batch.slice(middle));
        } else {
          outcome.alreadyGone.push(...batch);
        }
        continue;
      }
      fail(outcome, batch, error);
    }
  }
}
