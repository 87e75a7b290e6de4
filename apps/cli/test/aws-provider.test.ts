import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  CreateFleetCommand,
  CreateLaunchTemplateCommand,
  DescribeInstancesCommand,
  TerminateInstancesCommand,
  type CreateFleetCommandInput,
  type CreateFleetCommandOutput,
  type CreateLaunchTemplateCommandInput,
  type DescribeInstancesCommandInput,
  type TerminateInstancesCommandInput,
} from '@aws-sdk/client-ec2';
import { GetParameterCommand } from '@aws-sdk/client-ssm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { awsError, FakeAwsCloud } from '@ohf/provider-aws/testing';
import { runCli } from '../src/run-cli.js';
import { CLI_ROOT, createWorkspace, type Workspace } from './cli-harness.js';

/**
 * The Host Factory flow through `ohfp` against the AWS provider. `runCli` runs in this process
 * so aws-sdk-client-mock answers the real SDK clients the provider creates (through the
 * stateful fake EC2/SSM of provider-aws's fixtures); storage, templates and logs are real files.
 */

const CREDENTIALS = { AWS_ACCESS_KEY_ID: 'AKIAOHFTESTEXAMPLE', AWS_SECRET_ACCESS_KEY: 'ohf-test-secret' } as const;

const AWS_CONFIGURATION = `
providers:
  selection_policy: PRIORITY
  default_provider_instance: aws-us-east-1
  fallback: [aws-us-west-2]
  providers:
    - name: aws-us-east-1
      type: aws
      priority: 1
      capabilities: [EC2Fleet, RunInstances]
      config: {region: us-east-1}
    - name: aws-us-west-2
      type: aws
      priority: 2
      capabilities: [EC2Fleet, RunInstances]
      config: {region: us-west-2}
storage:
  strategy: sqlite
`;

const FLEET_ONDEMAND = '{"template":{"templateId":"fleet-ondemand","machineCount":3}}';
const AL2023_AMI = 'ami-0abcdef1234567890';

interface Invocation {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
  json<T = Record<string, unknown>>(): T;
}

interface RequestStatus {
  requestId: string;
  status: string;
  message: string;
  machines: { machineId: string; name: string; result: string; status: string; privateIpAddress: string | null; instanceTags?: string }[];
}

/** One `ohfp` invocation in this process, so the aws-sdk-client-mock stubs answer its AWS calls. */
async function ohfp(workspace: Workspace, args: readonly string[]): Promise<Invocation> {
  let stdout = '';
  let stderr = '';
  const exitCode = await runCli({
    argv: args,
    environment: { ...workspace.environment, ...CREDENTIALS },
    currentDirectory: workspace.root,
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
    stderrIsTerminal: false,
  });
  return { exitCode, stdout, stderr, json: <T>() => JSON.parse(stdout) as T };
}

async function requestStatus(workspace: Workspace, requestId: string): Promise<RequestStatus> {
  const run = await ohfp(workspace, ['getRequestStatus', '--data', JSON.stringify({ requests: [{ requestId }] })]);
  expect(run.exitCode).toBe(0);
  const [request] = run.json<{ requests: RequestStatus[] }>().requests;
  return request!;
}

function awsWorkspace(): Workspace {
  const workspace = createWorkspace({ 'config.yaml': AWS_CONFIGURATION });
  copyFileSync(join(CLI_ROOT, '..', '..', 'examples', 'config', 'awsprov_templates.json'), join(workspace.configDirectory, 'awsprov_templates.json'));
  return workspace;
}

const cloud = new FakeAwsCloud();
const savedEnvironment: Record<string, string | undefined> = {};

beforeAll(() => {
  // The SDK's default credential chain reads process.env, not the environment handed to ohfp.
  for (const [key, value] of Object.entries(CREDENTIALS)) {
    savedEnvironment[key] = process.env[key];
    process.env[key] = value;
  }
});
afterAll(() => {
  cloud.restore();
  for (const [key, value] of Object.entries(savedEnvironment)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
});
beforeEach(() => cloud.reset());

const inputsOf = <Input>(calls: readonly { args: readonly [{ input: unknown }] }[]): Input[] => calls.map((call) => call.args[0].input as Input);
const instanceTagsOf = (input: CreateFleetCommandInput): Record<string, string> =>
  Object.fromEntries(
    (input.TagSpecifications ?? []).filter((specification) => specification.ResourceType === 'instance').flatMap((specification) => specification.Tags ?? []).map((tag) => [tag.Key!, tag.Value!]),
  );

describe('ohfp against provider-aws (EC2 Fleet through the real SDK clients, mocked on the wire)', () => {
  it('lists the example AWS templates', async () => {
    const workspace = awsWorkspace();
    const run = await ohfp(workspace, ['getAvailableTemplates']);
    expect(run.exitCode).toBe(0);
    const { templates } = run.json<{ templates: { templateId: string; maxNumber: number }[] }>();
    expect(templates.map((template) => template.templateId)).toEqual(['fleet-ondemand', 'fleet-mixed', 'spot-batch', 'asg-workers', 'single-runinstances']);
    expect(templates[0]).toMatchObject({ templateId: 'fleet-ondemand', maxNumber: 50, vmType: 'm5.large', instanceTags: 'team=hpc;cost-center=4711' });
    // Listing templates never calls AWS.
    expect(cloud.calls.size).toBe(0);
  });

  it('requests, reports and returns machines through an instant EC2 Fleet', async () => {
    const workspace = awsWorkspace();
    const requested = await ohfp(workspace, ['requestMachines', '--data', FLEET_ONDEMAND]);
    expect(requested.exitCode).toBe(0);
    const { requestId, message } = requested.json<{ requestId: string; message: string }>();
    expect(requestId).toMatch(/^req-[0-9a-f-]{36}$/);
    expect(message).toBe('Request VM success from AWS.');

    // The SSM image id was resolved to the AMI the launch template carries.
    expect(inputsOf<{ Name: string }>(cloud.ssm.commandCalls(GetParameterCommand))).toEqual([{ Name: '/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-6.1-x86_64' }]);
    const [launchTemplate] = inputsOf<CreateLaunchTemplateCommandInput>(cloud.ec2.commandCalls(CreateLaunchTemplateCommand));
    expect(launchTemplate?.LaunchTemplateData).toMatchObject({ ImageId: AL2023_AMI, KeyName: 'hpc-key', SecurityGroupIds: ['sg-0aa11bb22cc33dd44'] });

    const fleets = inputsOf<CreateFleetCommandInput>(cloud.ec2.commandCalls(CreateFleetCommand));
    expect(fleets).toHaveLength(1);
    const [fleet] = fleets;
    expect(fleet).toMatchObject({
      Type: 'instant',
      TargetCapacitySpecification: { TotalTargetCapacity: 3, OnDemandTargetCapacity: 3, DefaultTargetCapacityType: 'on-demand' },
      LaunchTemplateConfigs: [
        {
          Overrides: [
            { InstanceType: 'm5.large', SubnetId: 'subnet-0a1b2c3d4e5f60001' },
            { InstanceType: 'm5.large', SubnetId: 'subnet-0a1b2c3d4e5f60002' },
          ],
        },
      ],
    });
    expect(fleet!.ClientToken).toContain(requestId);
    expect(instanceTagsOf(fleet!)).toEqual({
      team: 'hpc',
      'cost-center': '4711',
      'ohf:request-id': requestId,
      'ohf:template-id': 'fleet-ondemand',
      'ohf:provider-instance': 'aws-us-east-1',
    });
    const launchedIds = [...cloud.instances.keys()];
    expect(launchedIds).toHaveLength(3);

    // EC2 still reports the machines pending: the request is running, its machines executing.
    const starting = await requestStatus(workspace, requestId);
    expect(starting.status).toBe('running');
    expect(starting.machines.map((machine) => [machine.result, machine.status])).toEqual(Array(3).fill(['executing', 'pending']));
    const describedIds = inputsOf<DescribeInstancesCommandInput>(cloud.ec2.commandCalls(DescribeInstancesCommand)).flatMap((input) => input.InstanceIds ?? []);
    expect(new Set(describedIds)).toEqual(new Set(launchedIds));

    for (const instance of cloud.instances.values()) instance.state = 'running';
    const running = await requestStatus(workspace, requestId);
    expect(running.status).toBe('complete');
    expect(running.machines).toHaveLength(3);
    expect(running.machines.map((machine) => machine.machineId).sort()).toEqual([...launchedIds].sort());
    for (const machine of running.machines) {
      const instance = cloud.instances.get(machine.machineId)!;
      expect(machine).toMatchObject({
        result: 'succeed',
        status: 'running',
        privateIpAddress: instance.privateIp,
        name: `ip-${instance.privateIp.replaceAll('.', '-')}.ec2.internal`,
        instanceTags: 'team=hpc;cost-center=4711',
      });
    }

    const returned = await ohfp(workspace, ['requestReturnMachines', '--data', JSON.stringify({ machines: running.machines.map(({ name, machineId }) => ({ name, machineId })) })]);
    expect(returned.exitCode).toBe(0);
    const returnRequest = returned.json<{ requestId: string; message: string }>();
    expect(returnRequest).toEqual({ requestId: expect.stringMatching(/^ret-/), message: 'Delete VM success.' });
    const terminated = inputsOf<TerminateInstancesCommandInput>(cloud.ec2.commandCalls(TerminateInstancesCommand)).flatMap((input) => input.InstanceIds ?? []);
    expect(terminated.sort()).toEqual([...launchedIds].sort());

    const finished = await requestStatus(workspace, returnRequest.requestId);
    expect(finished.status).toBe('complete');
    expect(finished.machines.map((machine) => [machine.machineId, machine.result, machine.status]).sort()).toEqual(
      [...launchedIds].sort().map((id) => [id, 'succeed', 'terminated']),
    );
    expect([...cloud.instances.values()].every((instance) => instance.state === 'terminated')).toBe(true);
  });

  it('plans an AWS request with --dry-run without launching anything', async () => {
    const workspace = awsWorkspace();
    const run = await ohfp(workspace, ['requestMachines', '--dry-run', '--data', FLEET_ONDEMAND]);
    expect(run.exitCode).toBe(0);
    const plan = run.json<{ dryRun: boolean; providerInstance: string; plannedCalls: { operation?: string }[] }>();
    expect(plan).toMatchObject({ dryRun: true, providerInstance: 'aws-us-east-1' });
    expect(JSON.stringify(plan.plannedCalls)).toContain('CreateFleet');
    expect(cloud.ec2.commandCalls(CreateFleetCommand)).toHaveLength(0);
    expect(cloud.instances.size).toBe(0);
  });
});

/**
 * Makes CreateFleet in us-east-1 answer with no (or too little) capacity, the way EC2 does, and
 * launches what us-west-2 is asked for. The region is read from the client that sent the call.
 */
function shortOfCapacityInUsEast1(mode: 'fleet-errors' | 'thrown' | 'partial'): { regions: string[] } {
  const regions: string[] = [];
  cloud.ec2.on(CreateFleetCommand).callsFake(async (input: CreateFleetCommandInput, getClient): Promise<Partial<CreateFleetCommandOutput>> => {
    const region = await (getClient().config.region as () => Promise<string>)();
    regions.push(region);
    const override = input.LaunchTemplateConfigs![0]!.Overrides![0]!;
    const wanted = input.TargetCapacitySpecification!.TotalTargetCapacity!;
    const launch = (count: number): string[] => {
      const ids = cloud.seed(count, instanceTagsOf(input), override.InstanceType);
      for (const id of ids) cloud.instances.get(id)!.state = 'pending';
      return ids;
    };
    const noCapacity = {
      ErrorCode: 'InsufficientInstanceCapacity',
      ErrorMessage: `We currently do not have sufficient ${override.InstanceType} capacity in the Availability Zone you requested (us-east-1a).`,
      Lifecycle: 'on-demand' as const,
      LaunchTemplateAndOverrides: { Overrides: override },
    };
    const launched = (ids: string[]) =>
      ids.length === 0 ? [] : [{ InstanceIds: ids, InstanceType: override.InstanceType, Lifecycle: 'on-demand' as const, LaunchTemplateAndOverrides: { Overrides: override } }];
    if (region !== 'us-east-1') return { FleetId: `fleet-${region}`, Instances: launched(launch(wanted)), Errors: [] };
    if (mode === 'thrown') throw awsError('InsufficientInstanceCapacity', noCapacity.ErrorMessage, { status: 500, fault: 'server' });
    return { FleetId: 'fleet-us-east-1', Instances: launched(launch(mode === 'partial' ? 1 : 0)), Errors: [noCapacity] };
  });
  return { regions };
}

describe('failover from aws-us-east-1 to aws-us-west-2 on InsufficientInstanceCapacity', () => {
  it.each([
    ['in the instant fleet’s Errors', 'fleet-errors', 0],
    ['thrown by CreateFleet', 'thrown', 0],
    ['after part of the capacity', 'partial', 1],
  ] as const)('serves the request from the fallback when us-east-1 reports no capacity %s', async (_case, mode, servedByEast) => {
    const workspace = awsWorkspace();
    const { regions } = shortOfCapacityInUsEast1(mode);
    const requested = await ohfp(workspace, ['requestMachines', '--data', FLEET_ONDEMAND]);
    expect(requested.exitCode).toBe(0);
    const { requestId } = requested.json<{ requestId: string }>();

    let status = await requestStatus(workspace, requestId);
    for (let poll = 0; poll < 5 && status.machines.length < 3; poll += 1) status = await requestStatus(workspace, requestId);
    expect(regions).toEqual(['us-east-1', 'us-west-2']);
    const westFleet = inputsOf<CreateFleetCommandInput>(cloud.ec2.commandCalls(CreateFleetCommand))[1]!;
    expect(westFleet.TargetCapacitySpecification?.TotalTargetCapacity).toBe(3 - servedByEast);
    expect(instanceTagsOf(westFleet)).toMatchObject({ 'ohf:request-id': requestId, 'ohf:provider-instance': 'aws-us-west-2' });

    for (const instance of cloud.instances.values()) instance.state = 'running';
    const done = await requestStatus(workspace, requestId);
    expect(done.status).toBe('complete');
    expect(done.machines).toHaveLength(3);
    expect(done.machines.every((machine) => machine.result === 'succeed' && machine.status === 'running')).toBe(true);
    expect(done.machines.map((machine) => machine.machineId).sort()).toEqual([...cloud.instances.keys()].sort());

    const shown = await ohfp(workspace, ['machines', 'list', '--request', requestId]);
    const byProvider = new Map<string, number>();
    for (const machine of shown.json<{ machines: { providerInstance: string }[] }>().machines) {
      byProvider.set(machine.providerInstance, (byProvider.get(machine.providerInstance) ?? 0) + 1);
    }
    expect(Object.fromEntries(byProvider)).toEqual({ ...(servedByEast ? { 'aws-us-east-1': servedByEast } : {}), 'aws-us-west-2': 3 - servedByEast });
  });
});
