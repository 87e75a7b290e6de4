import type { DescribeAutoScalingGroupsCommandOutput } from '@aws-sdk/client-auto-scaling';
import type { DescribeFleetsCommandOutput, DescribeSpotFleetRequestsCommandOutput } from '@aws-sdk/client-ec2';
import { OHF_TAG_KEYS, ProviderSdkError } from '@ohf/provider-sdk';
import type { ReleasedResourceV1, ReleaseRequestResultV1, TerminateResultV1 } from '@ohf/provider-sdk';
import type { AwsCallScope } from '../aws-api.js';
import { autoScalingGroupName } from '../handlers/asg-handler.js';
import { tagsToRecord } from '../tags/aws-tags.js';
import { chunk, findEc2InstancesByTag } from './describe-instances.js';
import { terminateEc2Instances } from './terminate-instances.js';

/** DeleteFleets takes at most 25 fleets per call, CancelSpotFleetRequests 100 (kept at 25 too). */
const FLEETS_PER_CALL = 25;
/** Fleet states in which a fleet still launches or keeps machines. */
const LIVE_FLEET_STATES = new Set(['submitted', 'active', 'modifying']);
const LIVE_SPOT_FLEET_STATES = new Set(['submitted', 'active', 'modifying']);

type Failures = NonNullable<TerminateResultV1['failures']>;

/**
 * Releases everything one request launched in this region, recorded or not, so a cancelled
 * request leaves nothing running and nothing that would launch again:
 * 1. its Auto Scaling group (named after the request) is deleted with its instances;
 * 2. its request and maintain EC2 Fleets and its Spot Fleet requests (found by the request tag
 *    they carry) are deleted or cancelled with their instances;
 * 3. every instance still alive with the request tag (instant fleets, RunInstances) is terminated.
 * Launchers go first, so nothing replaces the instances terminated after them.
 */
export async function releaseEc2RequestResources(
  scope: AwsCallScope,
  resourcePrefix: string,
  requestId: string,
): Promise<ReleaseRequestResultV1> {
  const released: ReleasedResourceV1[] = [];
  const failures: Failures = [];
  const attempt = async (what: string, release: () => Promise<void>) => {
    try {
      await release();
    } catch (error) {
      if (!ProviderSdkError.isInstance(error)) throw error;
      failures.push({ id: what, code: error.code, message: error.message, retryable: error.retryable });
    }
  };
  const ours = (tags: ReadonlyArray<{ Key?: string | undefined; Value?: string | undefined }> | undefined) =>
    tagsToRecord(tags)[OHF_TAG_KEYS.requestId] === requestId;

  const groupName = autoScalingGroupName(resourcePrefix, requestId);
  await attempt(groupName, async () => {
    const output = await scope.read<DescribeAutoScalingGroupsCommandOutput>('AutoScaling', 'DescribeAutoScalingGroups', {
      AutoScalingGroupNames: [groupName],
    });
    const group = output.AutoScalingGroups?.[0];
    if (!group || !ours(group.Tags)) return;
    await scope.write('AutoScaling', 'DeleteAutoScalingGroup', { AutoScalingGroupName: groupName, ForceDelete: true });
    released.push({ kind: 'AutoScalingGroup', id: groupName, action: 'deleted with its instances' });
  });

  await attempt('EC2Fleet', async () => {
    const fleetIds: string[] = [];
    let nextToken: string | undefined;
    do {
      const output = await scope.read<DescribeFleetsCommandOutput>('EC2', 'DescribeFleets', {
        Filters: [{ Name: 'fleet-state', Values: [...LIVE_FLEET_STATES] }],
        MaxResults: 1000,
        ...(nextToken ? { NextToken: nextToken } : {}),
      });
      for (const fleet of output.Fleets ?? []) {
        // Instant fleets launch once: their instances are terminated with the rest below.
        if (fleet.FleetId && fleet.Type !== 'instant' && LIVE_FLEET_STATES.has(fleet.FleetState ?? '') && ours(fleet.Tags)) fleetIds.push(fleet.FleetId);
      }
      nextToken = output.NextToken || undefined;
    } while (nextToken);
    for (const batch of chunk(fleetIds, FLEETS_PER_CALL)) {
      await scope.write('EC2', 'DeleteFleets', { FleetIds: batch, TerminateInstances: true });
      released.push(...batch.map((id) => ({ kind: 'EC2Fleet', id, action: 'deleted with its instances' })));
    }
  });

  await attempt('SpotFleet', async () => {
    const requestIds: string[] = [];
    let nextToken: string | undefined;
    do {
      const output = await scope.read<DescribeSpotFleetRequestsCommandOutput>('EC2', 'DescribeSpotFleetRequests', {
        MaxResults: 1000,
        ...(nextToken ? { NextToken: nextToken } : {}),
      });
      for (const fleet of output.SpotFleetRequestConfigs ?? []) {
        if (fleet.SpotFleetRequestId && LIVE_SPOT_FLEET_STATES.has(fleet.SpotFleetRequestState ?? '') && ours(fleet.Tags)) {
          requestIds.push(fleet.SpotFleetRequestId);
        }
      }
      nextToken = output.NextToken || undefined;
    } while (nextToken);
    for (const batch of chunk(requestIds, FLEETS_PER_CALL)) {
      await scope.write('EC2', 'CancelSpotFleetRequests', { SpotFleetRequestIds: batch, TerminateInstances: true });
      released.push(...batch.map((id) => ({ kind: 'SpotFleet', id, action: 'cancelled with its instances' })));
    }
  });

  const tagged = await findEc2InstancesByTag(scope, { [OHF_TAG_KEYS.requestId]: requestId });
  const alive = tagged.filter((instance) => !['terminated', 'shutting-down'].includes(instance.State?.Name ?? '')).map((instance) => instance.InstanceId ?? '');
  const gone = tagged.filter((instance) => !alive.includes(instance.InstanceId ?? '')).map((instance) => instance.InstanceId ?? '');
  const releasedGroup = released.some((resource) => resource.kind === 'AutoScalingGroup');
  const releasedFleets = new Set(released.map((resource) => resource.id));
  // Members of what was just deleted are on their way out already (in a dry run: would be).
  const members = new Set(
    tagged
      .filter((instance) => {
        const tags = tagsToRecord(instance.Tags);
        return (
          (releasedGroup && tags['aws:autoscaling:groupName'] === groupName) ||
          releasedFleets.has(tags['aws:ec2:fleet-id'] ?? '') ||
          releasedFleets.has(tags['aws:ec2spot:fleet-request-id'] ?? '')
        );
      })
      .map((instance) => instance.InstanceId ?? ''),
  );
  const terminated = alive.filter((id) => members.has(id));
  const rest = alive.filter((id) => !members.has(id));
  const result = rest.length > 0 ? await terminateEc2Instances(scope, rest) : { terminated: [], alreadyGone: [], failures: [] };
  return {
    released,
    terminated: scope.dryRun ? [] : [...terminated, ...result.terminated],
    alreadyGone: [...gone, ...(result.alreadyGone ?? [])],
    failures: [...failures, ...(result.failures ?? [])],
    ...(scope.dryRun ? { plannedCalls: scope.plannedCalls } : {}),
  };
}
