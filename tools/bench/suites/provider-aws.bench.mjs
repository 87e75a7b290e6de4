// AWS API economy, counted through aws-sdk-client-mock with the provider's real SDK clients:
// - the status of 5,000 machines costs ≤ 5 DescribeInstances calls (1,000 ids per call);
// - 1,000 machines through an EC2Fleet instant fleet cost 1 CreateFleet call.
// The mock answers from an in-process table, so the figures are call counts, not network time.
import { performance } from 'node:perf_hooks';
import { CreateFleetCommand, CreateLaunchTemplateCommand, DescribeInstancesCommand, EC2Client } from '@aws-sdk/client-ec2';
import { createAwsProvider } from '@ohf/provider-aws';
import { mockClient } from 'aws-sdk-client-mock';

const STATUS_MACHINES = 5000;
const STATUS_CALL_TARGET = 5;
const FLEET_MACHINES = 1000;
const FLEET_CALL_TARGET = 1;

const idOf = (index) => `i-${index.toString(16).padStart(17, '0')}`;

export default async function run({ report }) {
  const ec2 = mockClient(EC2Client);
  try {
    const instances = new Map();
    for (let index = 0; index < STATUS_MACHINES; index += 1) {
      instances.set(idOf(index), {
        InstanceId: idOf(index),
        InstanceType: 'm5.large',
        State: { Name: index % 7 === 0 ? 'pending' : 'running' },
        PrivateIpAddress: `10.0.${Math.floor(index / 250)}.${index % 250}`,
        PrivateDnsName: `ip-10-0-${Math.floor(index / 250)}-${index % 250}.ec2.internal`,
        LaunchTime: new Date('2026-01-01T00:00:00Z'),
        Tags: [{ Key: 'ohf:request-id', Value: 'req-bench' }],
      });
    }
    ec2.on(DescribeInstancesCommand).callsFake(async (input) => ({
      Reservations: [{ Instances: (input.InstanceIds ?? []).map((id) => instances.get(id)).filter(Boolean) }],
    }));
    ec2.on(CreateLaunchTemplateCommand).resolves({ LaunchTemplate: { LaunchTemplateId: 'lt-0000000000000bench', LatestVersionNumber: 1 } });
    ec2.on(CreateFleetCommand).callsFake(async (input) => ({
      FleetId: 'fleet-bench',
      Instances: [
        {
          InstanceIds: Array.from({ length: input.TargetCapacitySpecification.TotalTargetCapacity }, (_, index) => idOf(100_000 + index)),
          InstanceType: 'm5.large',
          Lifecycle: 'on-demand',
          LaunchTemplateAndOverrides: { Overrides: { InstanceType: 'm5.large', SubnetId: 'subnet-0a1b2c3d4e5f60001', WeightedCapacity: 1 } },
        },
      ],
      Errors: [],
    }));

    const provider = createAwsProvider({ region: 'us-east-1' }, { instanceName: 'aws-bench', env: {}, sleep: async () => {} });

    const ids = [...instances.keys()];
    let started = performance.now();
    const described = await provider.describeInstances(ids);
    const statusMs = performance.now() - started;
    const describeCalls = ec2.commandCalls(DescribeInstancesCommand).length;
    const statusOk = described.length === STATUS_MACHINES;
    report({
      name: `DescribeInstances calls for the status of ${STATUS_MACHINES} machines (ratio target/measured, ≥ 1 passes)`,
      value: describeCalls,
      unit: 'calls',
      target: `≤ ${STATUS_CALL_TARGET}`,
      ratio: STATUS_CALL_TARGET / describeCalls,
      pass: statusOk && describeCalls <= STATUS_CALL_TARGET,
    });
    report({ name: `status of ${STATUS_MACHINES} machines, wall time (mocked AWS, informative)`, value: statusMs, unit: 'ms' });

    started = performance.now();
    const result = await provider.createInstances({
      requestId: 'req-00000000-0000-4000-8000-00000000bench',
      idempotencyKey: 'req-00000000-0000-4000-8000-00000000bench',
      attempt: 1,
      count: FLEET_MACHINES,
      tags: { 'ohf:request-id': 'req-00000000-0000-4000-8000-00000000bench', 'ohf:template-id': 'bench', 'ohf:provider-instance': 'aws-bench' },
      template: {
        templateId: 'bench',
        providerApi: 'EC2Fleet',
        fleetType: 'instant',
        imageId: 'ami-0123456789abcdef0',
        vmType: 'm5.large',
        subnetIds: ['subnet-0a1b2c3d4e5f60001'],
      },
    });
    const fleetMs = performance.now() - started;
    const fleetCalls = ec2.commandCalls(CreateFleetCommand).length;
    const fleetOk = result.instances.length === FLEET_MACHINES;
    report({
      name: `CreateFleet calls for ${FLEET_MACHINES} machines through EC2Fleet instant (ratio target/measured, ≥ 1 passes)`,
      value: fleetCalls,
      unit: 'calls',
      target: `≤ ${FLEET_CALL_TARGET}`,
      ratio: FLEET_CALL_TARGET / fleetCalls,
      pass: fleetOk && fleetCalls <= FLEET_CALL_TARGET,
    });
    report({ name: `${FLEET_MACHINES} machines through EC2Fleet instant, wall time (mocked AWS, informative)`, value: fleetMs, unit: 'ms' });
    await provider.dispose();
  } finally {
    ec2.restore();
  }
}
