import { EC2Client } from '@aws-sdk/client-ec2';
import { STSClient } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import { describe, expect, it } from 'vitest';
import { AWS_SERVICES, CLIENT_CLASS_NAME, loadAwsSdkModule } from './aws-services.js';

describe('loadAwsSdkModule', () => {
  it('gives the very SDK module an import gives, so mocks installed on the imported clients answer the provider', async () => {
    const ec2 = await loadAwsSdkModule('EC2');
    expect(ec2[CLIENT_CLASS_NAME.EC2]).toBe(EC2Client);
    expect(typeof ec2['DescribeInstancesCommand']).toBe('function');
    expect((await loadAwsSdkModule('STS'))[CLIENT_CLASS_NAME.STS]).toBe(STSClient);

    const sts = mockClient(STSClient);
    try {
      sts.onAnyCommand().resolves({ Account: '123456789012' });
      const loaded = await loadAwsSdkModule('STS');
      const Client = loaded['STSClient'] as typeof STSClient;
      const Command = loaded['GetCallerIdentityCommand'] as new (input: object) => never;
      await expect(new Client({ region: 'us-east-1' }).send(new Command({}))).resolves.toEqual({ Account: '123456789012' });
    } finally {
      sts.restore();
    }
  });

  it('loads every service this provider calls', async () => {
    for (const service of AWS_SERVICES) {
      expect(typeof (await loadAwsSdkModule(service))[CLIENT_CLASS_NAME[service]], service).toBe('function');
    }
  });
});
