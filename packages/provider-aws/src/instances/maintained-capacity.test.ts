import { EC2Client, TerminateInstancesCommand } from '@aws-sdk/client-ec2';
import { OHF_TAG_KEYS, type ProviderTemplateV1 } from '@ohf/provider-sdk';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { FakeAwsCloud } from '../test-support/index.js';
import { createRequest, template, testProvider } from '../test-support/provider-fixtures.js';

/**
 * Maintained capacity: a `maintain` EC2 Fleet, a `maintain` Spot Fleet and an Auto Scaling group
 * launch replacements when members die. The fake cloud does the same (on every describe), so
 * these tests would see a replacement: first that one appears when a member is terminated
 * behind the fleet's back, then that none appears when members are returned through the
 * provider, which shrinks the fleet or group first.
 */

const cloud = new FakeAwsCloud();
beforeEach(() => cloud.reset());
afterAll(() => cloud.restore());

const FLEET_ROLE = 'arn:aws:iam::123456789012:role/aws-ec2-spot-fleet-tagging-role';

const MAINTAINED: ReadonlyArray<readonly [string, ProviderTemplateV1]> = [
  ['a maintain EC2 Fleet', template({ providerApi: 'EC2Fleet', fleetType: 'maintain' })],
  ['a maintain Spot Fleet', template({ providerApi: 'SpotFleet', fleetType: 'maintain', priceType: 'spot', fleetRole: FLEET_ROLE })],
  ['an Auto Scaling group', template({ providerApi: 'ASG' })],
];

/** The request's machines that are alive, as the cloud reports them after its background work. */
async function liveMembers(requestId: string): Promise<string[]> {
  const found = await testProvider().findInstancesByTag({ [OHF_TAG_KEYS.requestId]: requestId });
  return found
    .filter((instance) => instance.state !== 'terminated' && instance.state !== 'shutting_down')
    .map((instance) => instance.id)
    .sort();
}

describe.each(MAINTAINED)('returning machines of %s', (_kind, maintainedTemplate) => {
  const requestId = 'req-00000000-0000-4000-8000-00000000cafe';

  async function launchThree(): Promise<string[]> {
    await testProvider().createInstances(createRequest(maintainedTemplate, 3, requestId));
    const members = await liveMembers(requestId);
    expect(members).toHaveLength(3);
    return members;
  }

  it('a member terminated behind its back is replaced (the fake maintains capacity as AWS does)', async () => {
    const [victim, ...rest] = await launchThree();
    await new EC2Client({ region: 'us-east-1' }).send(new TerminateInstancesCommand({ InstanceIds: [victim!] }));
    cloud.tick();
    const members = await liveMembers(requestId);
    expect(members).toHaveLength(3);
    expect(members).not.toContain(victim);
    expect(members).toEqual(expect.arrayContaining(rest));
  });

  it('one member returned through the provider is not replaced', async () => {
    const [returned, ...kept] = await launchThree();
    const result = await testProvider().terminateInstances([returned!]);
    expect(result.failures).toEqual([]);
    cloud.tick();
    expect(await liveMembers(requestId)).toEqual(kept);
  });

  it('two of three returned in one call leave one member and no replacement', async () => {
    const [first, second, kept] = await launchThree();
    await testProvider().terminateInstances([first!, second!]);
    cloud.tick();
    expect(await liveMembers(requestId)).toEqual([kept]);
  });

  it('members returned one after another, down to the last, leave nothing running and nothing relaunched', async () => {
    const members = await launchThree();
    for (const member of members) {
      await testProvider().terminateInstances([member]);
      cloud.tick();
    }
    expect(await liveMembers(requestId)).toEqual([]);
  });
});
