import { awsError } from './fake-aws-error.js';
import type { FakeAwsWorld, FakeGroup, Handler } from './fake-aws-world.js';

/** The EC2 catalog: regions, zones, instance types (two pages), spot prices and images. */
export function fakeEc2CatalogHandlers(): Record<string, Handler> {
  return {
    DescribeRegions: () => ({ Regions: [{ RegionName: 'us-east-1', Endpoint: 'ec2.us-east-1.amazonaws.com' }] }),
    DescribeAvailabilityZones: () => ({
      AvailabilityZones: [
        { ZoneName: 'us-east-1a', ZoneId: 'use1-az1', State: 'available', RegionName: 'us-east-1', ZoneType: 'availability-zone' },
        { ZoneName: 'us-east-1b', ZoneId: 'use1-az2', State: 'impaired', RegionName: 'us-east-1', ZoneType: 'availability-zone' },
      ],
    }),
    DescribeInstanceTypes: (input) =>
      input['NextToken']
        ? { InstanceTypes: [{ InstanceType: 'c5.2xlarge', VCpuInfo: { DefaultVCpus: 8 }, MemoryInfo: { SizeInMiB: 16384 }, ProcessorInfo: { SupportedArchitectures: ['x86_64'] }, SupportedUsageClasses: ['on-demand', 'spot'], CurrentGeneration: true }] }
        : {
            InstanceTypes: [{ InstanceType: 'm5.large', VCpuInfo: { DefaultVCpus: 2 }, MemoryInfo: { SizeInMiB: 8192 }, ProcessorInfo: { SupportedArchitectures: ['x86_64'] }, SupportedUsageClasses: ['on-demand', 'spot'], CurrentGeneration: true }],
            NextToken: 'page-2',
          },
    // Two pages, latest first as EC2 answers: m5.large is cheapest in us-east-1b now, though 1a
    // was cheaper earlier (its older price comes on the second page).
    DescribeSpotPriceHistory: (input) =>
      input['NextToken']
        ? {
            SpotPriceHistory: [
              { InstanceType: 'm5.large', AvailabilityZone: 'us-east-1a', ProductDescription: 'Linux/UNIX', SpotPrice: '0.030000', Timestamp: new Date('2024-12-31T20:00:00Z') },
              { InstanceType: 'c5.2xlarge', AvailabilityZone: 'us-east-1a', ProductDescription: 'Linux/UNIX', SpotPrice: '0.148100', Timestamp: new Date('2024-12-31T22:00:00Z') },
            ],
          }
        : {
            SpotPriceHistory: [
              { InstanceType: 'm5.large', AvailabilityZone: 'us-east-1a', ProductDescription: 'Linux/UNIX', SpotPrice: '0.041200', Timestamp: new Date('2024-12-31T23:40:00Z') },
              { InstanceType: 'm5.large', AvailabilityZone: 'us-east-1b', ProductDescription: 'Linux/UNIX', SpotPrice: '0.038700', Timestamp: new Date('2024-12-31T23:10:00Z') },
            ],
            NextToken: 'spot-page-2',
          },
    DescribeImages: (input) =>
      input['ImageIds']
        ? { Images: (input['ImageIds'] as string[]).map((ImageId) => ({ ImageId, RootDeviceName: '/dev/sda1' })) }
        : { Images: [{ ImageId: 'ami-0123456789abcdef0', Name: 'hpc-base-2025', PlatformDetails: 'Linux/UNIX', Architecture: 'x86_64', State: 'available', RootDeviceName: '/dev/xvda' }] },
  };
}

/** Auto Scaling groups: create, describe, update, terminate a member, delete. */
export function fakeAutoScalingHandlers(world: FakeAwsWorld): Record<string, Handler> {
  return {
    CreateAutoScalingGroup: (input) => {
      const name = input['AutoScalingGroupName'];
      if (world.groups.has(name)) throw awsError('AlreadyExists', `AutoScalingGroup by this name already exists - A group with the name ${name} already exists`, { service: 'AutoScaling' });
      const group: FakeGroup = { name, desired: input['DesiredCapacity'], minSize: input['MinSize'], maxSize: input['MaxSize'], tags: input['Tags'] ?? [], input };
      world.groups.set(name, group);
      world.launch(world.room(group.desired), world.groupLaunch(group));
      return {};
    },
    DescribeAutoScalingGroups: (input) => ({
      AutoScalingGroups: (input['AutoScalingGroupNames'] as string[]).flatMap((name) => {
        const group = world.groups.get(name);
        return group ? [{ AutoScalingGroupName: name, DesiredCapacity: group.desired, MinSize: group.minSize, MaxSize: group.maxSize, Tags: group.tags }] : [];
      }),
    }),
    UpdateAutoScalingGroup: (input) => {
      const group = world.groups.get(input['AutoScalingGroupName']);
      if (group) {
        group.desired = input['DesiredCapacity'] ?? group.desired;
        group.maxSize = input['MaxSize'] ?? group.maxSize;
      }
      return {};
    },
    TerminateInstanceInAutoScalingGroup: (input) => {
      const instance = world.instances.get(input['InstanceId']);
      if (!instance) throw awsError('ValidationError', `Instance Id not found - No managed instance found for instance ID: ${input['InstanceId']}`, { service: 'AutoScaling' });
      const group = world.groups.get(instance.tags['aws:autoscaling:groupName'] ?? '');
      if (group && input['ShouldDecrementDesiredCapacity']) group.desired -= 1;
      instance.state = 'shutting-down';
      return { Activity: { ActivityId: `activity-${instance.id}`, StatusCode: 'InProgress' } };
    },
    DeleteAutoScalingGroup: (input) => {
      const name = input['AutoScalingGroupName'];
      for (const instance of world.instances.values()) if (instance.tags['aws:autoscaling:groupName'] === name) instance.state = 'terminated';
      world.groups.delete(name);
      return {};
    },
    DescribeAccountLimits: () => ({ MaxNumberOfAutoScalingGroups: 500, NumberOfAutoScalingGroups: world.groups.size }),
  };
}

/** STS (who am I, assume a role), SSM parameters and CloudWatch metrics. */
export function fakeIdentityAndMonitoringHandlers(world: FakeAwsWorld): { sts: Record<string, Handler>; ssm: Record<string, Handler>; cloudWatch: Record<string, Handler> } {
  return {
    sts: {
      GetCallerIdentity: () => ({ Account: '123456789012', Arn: 'arn:aws:iam::123456789012:user/ohf', UserId: 'AIDAEXAMPLE' }),
      AssumeRole: (input) => ({
        Credentials: { AccessKeyId: 'ASIAEXAMPLE', SecretAccessKey: 'secret', SessionToken: `session-for-${input['RoleSessionName']}`, Expiration: new Date(world.now() + 3_600_000) },
      }),
    },
    ssm: {
      GetParameter: (input) => {
        const value = world.ssmParameters.get(input['Name']);
        if (!value) throw Object.assign(awsError('ParameterNotFound', `Parameter ${input['Name']} not found.`), {});
        return { Parameter: { Name: input['Name'], Value: value, Type: 'String' } };
      },
    },
    cloudWatch: { PutMetricData: () => ({}) },
  };
}
