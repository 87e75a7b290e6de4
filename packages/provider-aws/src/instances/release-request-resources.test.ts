import { OHF_TAG_KEYS, type ProviderTemplateV1 } from '@ohf/provider-sdk';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { FakeAwsCloud } from '../test-support/index.js';
import { createRequest, template, testProvider } from '../test-support/provider-fixtures.js';

const cloud = new FakeAwsCloud();
beforeEach(() => cloud.reset());
afterAll(() => cloud.restore());

const FLEET_ROLE = 'arn:aws:iam::123456789012:role/aws-ec2-spot-fleet-tagging-role';
const CANCELLED = 'req-00000000-0000-4000-8000-00000000dead';
const BYSTANDER = 'req-00000000-0000-4000-8000-00000000beef';

const LAUNCHERS: ReadonlyArray<readonly [string, ProviderTemplateV1, { kind: string; state?: string } | undefined]> = [
  ['a maintain EC2 Fleet', template({ providerApi: 'EC2Fleet', fleetType: 'maintain' }), { kind: 'EC2Fleet', state: 'deleted_terminating' }],
  ['a request EC2 Fleet', template({ providerApi: 'EC2Fleet', fleetType: 'request' }), { kind: 'EC2Fleet', state: 'deleted_terminating' }],
  ['a maintain Spot Fleet', template({ providerApi: 'SpotFleet', fleetType: 'maintain', priceType: 'spot', fleetRole: FLEET_ROLE }), { kind: 'SpotFleet', state: 'cancelled_terminating' }],
  ['an Auto Scaling group', template({ providerApi: 'ASG' }), { kind: 'AutoScalingGroup' }],
  ['an instant EC2 Fleet', template({ providerApi: 'EC2Fleet', fleetType: 'instant' }), undefined],
  ['RunInstances', template({ providerApi: 'RunInstances' }), undefined],
];

async function liveOf(requestId: string): Promise<string[]> {
  const found = await testProvider().findInstancesByTag({ [OHF_TAG_KEYS.requestId]: requestId });
  return found.filter((instance) => instance.state !== 'terminated' && instance.state !== 'shutting_down').map((instance) => instance.id);
}

describe.each(LAUNCHERS)('releaseRequestResources, machines launched by %s', (_kind, launchTemplate, launcher) => {
  it('deletes what would launch more and terminates every machine of the request, recorded or not; other requests keep theirs', async () => {
    const provider = testProvider();
    await provider.createInstances(createRequest(launchTemplate, 2, CANCELLED));
    await provider.createInstances(createRequest(launchTemplate, 1, BYSTANDER));
    expect(await liveOf(CANCELLED)).toHaveLength(2);

    const result = await provider.releaseRequestResources(CANCELLED);
    expect(result.failures).toEqual([]);
    if (launcher === undefined) expect(result.released).toEqual([]);
    else expect(result.released).toEqual([expect.objectContaining({ kind: launcher.kind })]);
    cloud.tick();
    expect(await liveOf(CANCELLED)).toEqual([]);
    expect(await liveOf(BYSTANDER)).toHaveLength(1);
    if (launcher?.kind === 'AutoScalingGroup') expect([...cloud.groups.keys()]).toEqual([`ohf-${BYSTANDER}`]);
    if (launcher?.state !== undefined) {
      const states = [...cloud.fleets.values()].map((fleet) => fleet.state).sort();
      expect(states).toEqual(['active', launcher.state].sort());
    }

    const again = await provider.releaseRequestResources(CANCELLED);
    expect(again).toMatchObject({ released: [], terminated: [], failures: [] });
  });

  it('plans the calls on a dry run and changes nothing', async () => {
    const provider = testProvider();
    await provider.createInstances(createRequest(launchTemplate, 2, CANCELLED));
    const live = await liveOf(CANCELLED);
    const planned = await provider.releaseRequestResources(CANCELLED, { dryRun: true });
    expect(planned.terminated).toEqual([]);
    expect(planned.plannedCalls?.map((call) => call.operation)).toEqual(
      launcher === undefined ? ['TerminateInstances'] : [{ EC2Fleet: 'DeleteFleets', SpotFleet: 'CancelSpotFleetRequests', AutoScalingGroup: 'DeleteAutoScalingGroup' }[launcher.kind]],
    );
    expect(await liveOf(CANCELLED)).toEqual(live);
  });
});
