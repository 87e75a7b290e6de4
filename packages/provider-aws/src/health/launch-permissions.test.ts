import { RunInstancesCommand } from '@aws-sdk/client-ec2';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { FakeAwsCloud } from '../test-support/index.js';
import { SUBNETS, inputsOf, template, testProvider } from '../test-support/provider-fixtures.js';

const cloud = new FakeAwsCloud();
beforeEach(() => cloud.reset());
afterAll(() => cloud.restore());

describe('checkLaunchPermissions', () => {
  it('sends a dry-run RunInstances built from the template and reads DryRunOperation as permitted', async () => {
    const check = await testProvider().checkLaunchPermissions(template({ instanceProfile: 'ohf-workers' }));
    expect(check).toMatchObject({ templateId: 'workers', status: 'permitted', awsErrorCode: 'DryRunOperation' });
    expect(inputsOf(cloud.ec2, RunInstancesCommand)).toEqual([
      {
        DryRun: true,
        MinCount: 1,
        MaxCount: 1,
        ImageId: 'ami-0123456789abcdef0',
        InstanceType: 'm5.large',
        SubnetId: SUBNETS[0],
        KeyName: 'hpc-key',
        SecurityGroupIds: ['sg-0aa11bb22cc33dd44'],
        IamInstanceProfile: { Name: 'ohf-workers' },
        TagSpecifications: [
          { ResourceType: 'instance', Tags: [{ Key: 'team', Value: 'hpc' }] },
          { ResourceType: 'volume', Tags: [{ Key: 'team', Value: 'hpc' }] },
        ],
      },
    ]);
    expect(cloud.instances.size).toBe(0);
  });

  it('names the missing permission when AWS answers UnauthorizedOperation, and sends it once', async () => {
    cloud.failNextCall('forbidden', { operation: 'create', times: 3 });
    const check = await testProvider().checkLaunchPermissions(template());
    expect(check).toMatchObject({ status: 'forbidden', missingPermission: 'ec2:RunInstances', awsErrorCode: 'UnauthorizedOperation' });
    expect(check.message).toMatch(/grant ec2:RunInstances.*You are not authorized to perform this operation/);
    expect(cloud.count('RunInstances')).toBe(1);
  });

  it('reports what AWS refused in the template with its message', async () => {
    const check = await testProvider().checkLaunchPermissions(template({ imageId: 'ami-0fffffffffffffff0' }));
    expect(check).toMatchObject({ status: 'rejected', awsErrorCode: 'InvalidAMIID.NotFound' });
    expect(check.message).toMatch(/imageId.*The image id '\[ami-0fffffffffffffff0\]' does not exist/);
  });
});
