import { RebootInstancesCommand, StartInstancesCommand, StopInstancesCommand } from '@aws-sdk/client-ec2';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { FakeAwsCloud } from '../test-support/index.js';
import { inputsOf, testProvider } from '../test-support/provider-fixtures.js';

const cloud = new FakeAwsCloud();
beforeEach(() => cloud.reset());
afterAll(() => cloud.restore());

describe('performAction', () => {
  it.each([
    ['boot', StartInstancesCommand, 'stopped', 'running'],
    ['shutdown', StopInstancesCommand, 'running', 'stopped'],
    ['reboot', RebootInstancesCommand, 'running', 'running'],
  ] as const)('%s sends %s with the one instance id', async (action, command, before, after) => {
    const [id = ''] = cloud.seed(1);
    const instance = cloud.instances.get(id);
    if (instance) instance.state = before;
    expect(await testProvider().performAction(id, action)).toEqual({ id, action });
    expect(inputsOf(cloud.ec2, command)).toEqual([{ InstanceIds: [id] }]);
    expect((await testProvider().describeInstances([id]))[0]?.rawState).toBe(after);
  });

  it('reports an instance AWS does not know as MACHINE_NOT_FOUND and a terminated one as AWS refused it', async () => {
    await expect(testProvider().performAction('i-0000000000000dead', 'reboot')).rejects.toMatchObject({
      code: 'MACHINE_NOT_FOUND',
      retryable: false,
      message: expect.stringContaining('i-0000000000000dead'),
    });
    const [id = ''] = cloud.seed(1);
    const instance = cloud.instances.get(id);
    if (instance) instance.state = 'terminated';
    await expect(testProvider().performAction(id, 'boot')).rejects.toMatchObject({ code: 'API_ERROR', retryable: false, message: expect.stringContaining('IncorrectInstanceState') });
  });

  it('plans the call on a dry run and sends nothing', async () => {
    const [id = ''] = cloud.seed(1);
    expect(await testProvider().performAction(id, 'shutdown', { dryRun: true })).toEqual({
      id,
      action: 'shutdown',
      plannedCalls: [{ service: 'EC2', operation: 'StopInstances', input: { InstanceIds: [id] } }],
    });
    expect(cloud.count('StopInstances')).toBe(0);
  });
});
