/**
 * A small, stateful fake of the AWS APIs this provider calls, answered through
 * aws-sdk-client-mock so the provider runs its REAL SDK clients (command classes, clients,
 * error types) with no network. It is a test backend, never used by the package itself.
 */
import * as autoScalingModule from '@aws-sdk/client-auto-scaling';
import { AutoScalingClient, AutoScalingServiceException } from '@aws-sdk/client-auto-scaling';
import * as cloudWatchModule from '@aws-sdk/client-cloudwatch';
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import * as ec2Module from '@aws-sdk/client-ec2';
import { EC2Client, EC2ServiceException } from '@aws-sdk/client-ec2';
import * as ssmModule from '@aws-sdk/client-ssm';
import { SSMClient } from '@aws-sdk/client-ssm';
import * as stsModule from '@aws-sdk/client-sts';
import { STSClient } from '@aws-sdk/client-sts';
import type { ConformanceFailureKind, ConformanceHarness, ConformanceOperation } from '@ohf/provider-sdk/testing';
import { mockClient } from 'aws-sdk-client-mock';

// Wire inputs of many operations are read loosely here, as a real AWS endpoint reads JSON/query bodies.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Input = Record<string, any>;
type Handler = (input: Input) => unknown;

export interface FakeInstance {
  id: string;
  state: 'pending' | 'running' | 'stopping' | 'stopped' | 'shutting-down' | 'terminated';
  instanceType: string;
  subnetId: string | undefined;
  availabilityZone: string;
  imageId: string | undefined;
  tags: Record<string, string>;
  launchTime: Date;
  lifecycle: 'spot' | undefined;
  privateIp: string;
  /** A `tick` saw it shutting down: the next one terminates it. */
  shutdownSeen?: boolean;
}

interface FakeFleet {
  id: string;
  type: string;
  kind: 'ec2' | 'spot';
  targetCapacity: number;
  state: string;
  input: Input;
}

interface FakeGroup {
  name: string;
  desired: number;
  minSize: number;
  maxSize: number;
  tags: Array<{ Key: string; Value: string }>;
  input: Input;
}

const OPERATION_KIND: Readonly<Record<string, ConformanceOperation>> = {
  RunInstances: 'create',
  CreateFleet: 'create',
  RequestSpotFleet: 'create',
  CreateAutoScalingGroup: 'create',
  DescribeInstances: 'describe',
  TerminateInstances: 'terminate',
  TerminateInstanceInAutoScalingGroup: 'terminate',
  CancelSpotFleetRequests: 'terminate',
  DeleteFleets: 'terminate',
  DescribeAvailabilityZones: 'list',
  DescribeInstanceTypes: 'list',
  DescribeImages: 'list',
};

const FAULTS: Readonly<Record<ConformanceFailureKind, { name: string; status: number; fault: 'client' | 'server'; message: string }>> = {
  rate_limit: { name: 'RequestLimitExceeded', status: 503, fault: 'client', message: 'Request limit exceeded.' },
  server_error: { name: 'InternalError', status: 500, fault: 'server', message: 'An internal error has occurred' },
  unauthorized: { name: 'AuthFailure', status: 401, fault: 'client', message: 'AWS was not able to validate the provided access credentials' },
  forbidden: { name: 'UnauthorizedOperation', status: 403, fault: 'client', message: 'You are not authorized to perform this operation.' },
};

export function awsError(
  name: string,
  message: string,
  options: { status?: number; fault?: 'client' | 'server'; retryAfterSeconds?: number; service?: 'EC2' | 'AutoScaling' } = {},
): Error {
  const Exception = options.service === 'AutoScaling' ? AutoScalingServiceException : EC2ServiceException;
  const error = new Exception({
    name,
    message,
    $fault: options.fault ?? 'client',
    $metadata: { httpStatusCode: options.status ?? 400, requestId: `aws-request-${name}` },
  });
  if (options.retryAfterSeconds !== undefined) {
    Object.assign(error, { $response: { statusCode: options.status ?? 400, headers: { 'retry-after': String(options.retryAfterSeconds) } } });
  }
  return error;
}

export interface FakeAwsCloudOptions {
  /** The fake's clock (default: a fixed 2025-01-01). */
  now?: () => number;
  /** Runs before and after every answered call (a process sharing the fake through a file syncs here). */
  aroundCall?: { before(): void; after(): void };
}

/** The JSON form of a fake cloud (see `FakeAwsCloud.exportState`). */
export interface FakeAwsCloudState {
  instances: Array<Omit<FakeInstance, 'launchTime'> & { launchTime: string }>;
  fleets: FakeFleet[];
  groups: FakeGroup[];
  launchTemplates: Array<{ id: string; name: string; versions: Input[] }>;
  ssmParameters: Record<string, string>;
  calls: Record<string, number>;
  pageSize: number;
  /** Most machines alive at once; null for no limit. */
  capacity: number | null;
  faults: Array<{ kind: ConformanceFailureKind; remaining: number; retryAfterSeconds: number | null }>;
  sequence: number;
  tokens: Record<string, unknown>;
}

export class FakeAwsCloud implements ConformanceHarness {
  readonly ec2 = mockClient(EC2Client);
  readonly autoScaling = mockClient(AutoScalingClient);
  readonly sts = mockClient(STSClient);
  readonly ssm = mockClient(SSMClient);
  readonly cloudWatch = mockClient(CloudWatchClient);

  readonly instances = new Map<string, FakeInstance>();
  readonly fleets = new Map<string, FakeFleet>();
  readonly groups = new Map<string, FakeGroup>();
  readonly launchTemplates = new Map<string, { id: string; name: string; versions: Input[] }>();
  readonly ssmParameters = new Map<string, string>([
    ['/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-6.1-x86_64', 'ami-0abcdef1234567890'],
  ]);
  readonly calls = new Map<string, number>();
  /** Describe-page size the fake uses for filter queries when MaxResults is bigger. */
  pageSize = 1000;
  #capacity = Number.POSITIVE_INFINITY;
  #faults: Array<{ kind: ConformanceFailureKind; remaining: number; retryAfterSeconds: number | undefined }> = [];
  #sequence = 0;
  #tokens = new Map<string, unknown>();
  #now: () => number;

  #aroundCall: FakeAwsCloudOptions['aroundCall'];

  constructor(options: FakeAwsCloudOptions = {}) {
    this.#now = options.now ?? (() => Date.parse('2025-01-01T00:00:00Z'));
    this.#aroundCall = options.aroundCall;
    this.#install();
  }

  reset(): void {
    this.instances.clear();
    this.fleets.clear();
    this.groups.clear();
    this.launchTemplates.clear();
    this.calls.clear();
    this.#tokens.clear();
    this.#sequence = 0;
    this.#faults = [];
    this.#capacity = Number.POSITIVE_INFINITY;
    this.pageSize = 1000;
    for (const stub of [this.ec2, this.autoScaling, this.sts, this.ssm, this.cloudWatch]) stub.reset();
    this.#install();
  }

  restore(): void {
    for (const stub of [this.ec2, this.autoScaling, this.sts, this.ssm, this.cloudWatch]) stub.restore();
  }

  /**
   * Everything the fake holds, as JSON: a process that ends (a built `ohfp` run) saves it and the
   * next one resumes it, so several processes share one fake cloud as they would share AWS.
   */
  exportState(): FakeAwsCloudState {
    return {
      instances: [...this.instances.values()].map((instance) => ({ ...instance, launchTime: instance.launchTime.toISOString() })),
      fleets: [...this.fleets.values()],
      groups: [...this.groups.values()],
      launchTemplates: [...this.launchTemplates.values()],
      ssmParameters: Object.fromEntries(this.ssmParameters),
      calls: Object.fromEntries(this.calls),
      pageSize: this.pageSize,
      capacity: Number.isFinite(this.#capacity) ? this.#capacity : null,
      faults: this.#faults.map((fault) => ({ ...fault, retryAfterSeconds: fault.retryAfterSeconds ?? null })),
      sequence: this.#sequence,
      tokens: Object.fromEntries(this.#tokens),
    };
  }

  /** Replaces what the fake holds with a state `exportState` produced. */
  importState(state: FakeAwsCloudState): void {
    this.instances.clear();
    for (const instance of state.instances) this.instances.set(instance.id, { ...instance, launchTime: new Date(instance.launchTime) });
    this.fleets.clear();
    for (const fleet of state.fleets) this.fleets.set(fleet.id, fleet);
    this.groups.clear();
    for (const group of state.groups) this.groups.set(group.name, group);
    this.launchTemplates.clear();
    for (const template of state.launchTemplates) this.launchTemplates.set(template.name, template);
    this.ssmParameters.clear();
    for (const [name, value] of Object.entries(state.ssmParameters)) this.ssmParameters.set(name, value);
    this.calls.clear();
    for (const [operation, count] of Object.entries(state.calls)) this.calls.set(operation, count);
    this.pageSize = state.pageSize;
    this.#capacity = state.capacity ?? Number.POSITIVE_INFINITY;
    this.#faults = state.faults.map((fault) => ({ ...fault, retryAfterSeconds: fault.retryAfterSeconds ?? undefined }));
    this.#sequence = state.sequence;
    this.#tokens = new Map(Object.entries(state.tokens));
  }

  failNextCall(kind: ConformanceFailureKind, options: { times?: number; retryAfterSeconds?: number } = {}): void {
    this.#faults.push({ kind, remaining: options.times ?? 1, retryAfterSeconds: options.retryAfterSeconds });
  }

  limitCapacity(maxMachines: number): void {
    this.#capacity = maxMachines;
  }

  callCount(operation: ConformanceOperation): number {
    let total = 0;
    for (const [name, count] of this.calls) if (OPERATION_KIND[name] === operation) total += count;
    return total;
  }

  /** Calls of one AWS operation, e.g. `count('DescribeInstances')`. */
  count(operation: string): number {
    return this.calls.get(operation) ?? 0;
  }

  removeOutOfBand(id: string): void {
    this.instances.delete(id);
  }

  /** Adds running machines directly (for describe/terminate tests and benchmarks). */
  seed(count: number, tags: Record<string, string> = {}, instanceType = 'm5.large'): string[] {
    return this.#launch(count, { instanceType, subnetId: 'subnet-0a1b2c3d4e5f60001', tags, state: 'running' }).map((instance) => instance.id);
  }

  #live(): number {
    return [...this.instances.values()].filter((instance) => instance.state !== 'terminated' && instance.state !== 'shutting-down').length;
  }

  #launch(
    count: number,
    options: { instanceType: string; subnetId: string | undefined; tags: Record<string, string>; state?: FakeInstance['state']; lifecycle?: 'spot'; imageId?: string },
  ): FakeInstance[] {
    const launched: FakeInstance[] = [];
    for (let index = 0; index < count; index += 1) {
      this.#sequence += 1;
      const id = `i-${this.#sequence.toString(16).padStart(17, '0')}`;
      const instance: FakeInstance = {
        id,
        state: options.state ?? 'pending',
        instanceType: options.instanceType,
        subnetId: options.subnetId,
        availabilityZone: 'us-east-1a',
        imageId: options.imageId,
        tags: { ...options.tags },
        launchTime: new Date(this.#now()),
        lifecycle: options.lifecycle,
        privateIp: `10.0.${Math.floor(this.#sequence / 250) % 250}.${(this.#sequence % 250) + 1}`,
      };
      this.instances.set(id, instance);
      launched.push(instance);
    }
    return launched;
  }

  #room(wanted: number): number {
    return Math.max(0, Math.min(wanted, this.#capacity - this.#live()));
  }

  #describe(instance: FakeInstance): Input {
    return {
      InstanceId: instance.id,
      InstanceType: instance.instanceType,
      ImageId: instance.imageId,
      State: { Name: instance.state, Code: 0 },
      SubnetId: instance.subnetId,
      PrivateIpAddress: instance.privateIp,
      PrivateDnsName: privateDnsName(instance),
      Placement: { AvailabilityZone: instance.availabilityZone },
      LaunchTime: instance.launchTime,
      ...(instance.lifecycle ? { InstanceLifecycle: instance.lifecycle } : {}),
      Tags: Object.entries(instance.tags).map(([Key, Value]) => ({ Key, Value })),
    };
  }

  #idempotent<Output>(operation: string, token: string | undefined, produce: () => Output): Output {
    if (!token) return produce();
    const key = `${operation}:${token}`;
    if (this.#tokens.has(key)) return this.#tokens.get(key) as Output;
    const output = produce();
    this.#tokens.set(key, output);
    return output;
  }

  #launchTemplateTags(specification: Input | undefined): Record<string, string> {
    if (!specification) return {};
    const template = [...this.launchTemplates.values()].find(
      (candidate) => candidate.id === specification['LaunchTemplateId'] || candidate.name === specification['LaunchTemplateName'],
    );
    if (!template) return {};
    const version = specification['Version'];
    const data =
      version === '$Latest' || version === '$Default' || version === undefined
        ? template.versions.at(-1)
        : template.versions[Number(version) - 1];
    return tagsOf(data?.['TagSpecifications'], 'instance');
  }

  #install(): void {
    const ec2: Record<string, Handler> = {
      DescribeInstances: (input) => {
        // Fleets and groups replace lost members in the background; a describe is when anyone would notice.
        this.tick();
        const ids: string[] | undefined = input['InstanceIds'];
        if (ids && ids.length > 0) {
          const missing = ids.filter((id) => !this.instances.has(id));
          if (missing.length > 0) {
            throw awsError(
              'InvalidInstanceID.NotFound',
              missing.length === 1 ? `The instance ID '${missing[0]}' does not exist` : `The instance IDs '${missing.join(', ')}' do not exist`,
            );
          }
          return { Reservations: [{ Instances: ids.map((id) => this.#describe(this.instances.get(id) as FakeInstance)) }] };
        }
        const filters: Array<{ Name: string; Values: string[] }> = input['Filters'] ?? [];
        const matching = [...this.instances.values()].filter((instance) =>
          filters.every((filter) => {
            if (filter.Values.length > 200) throw awsError('InvalidParameterValue', `The filter '${filter.Name}' has more than 200 values.`);
            if (filter.Name.startsWith('tag:')) return filter.Values.includes(instance.tags[filter.Name.slice(4)] ?? '\u0000');
            const value = instanceFilterValue(instance, filter.Name);
            if (value === undefined) throw awsError('InvalidParameterValue', `The filter '${filter.Name}' is invalid`);
            return value.some((candidate) => filter.Values.includes(candidate));
          }),
        );
        const size = Math.min(input['MaxResults'] ?? 1000, this.pageSize);
        const start = Number(input['NextToken'] ?? 0);
        const page = matching.slice(start, start + size);
        return {
          Reservations: page.length > 0 ? [{ Instances: page.map((instance) => this.#describe(instance)) }] : [],
          ...(start + size < matching.length ? { NextToken: String(start + size) } : {}),
        };
      },
      RunInstances: (input) =>
        this.#idempotent('RunInstances', input['ClientToken'], () => {
          const room = this.#room(input['MaxCount']);
          if (room < input['MinCount']) {
            throw awsError('InsufficientInstanceCapacity', `We currently do not have sufficient ${input['InstanceType']} capacity in the Availability Zone you requested.`, { status: 500, fault: 'server' });
          }
          const launched = this.#launch(room, {
            instanceType: input['InstanceType'],
            subnetId: input['SubnetId'],
            imageId: input['ImageId'],
            tags: tagsOf(input['TagSpecifications'], 'instance'),
            ...(input['InstanceMarketOptions']?.MarketType === 'spot' ? { lifecycle: 'spot' as const } : {}),
          });
          return { ReservationId: `r-${this.#sequence}`, Instances: launched.map((instance) => this.#describe(instance)) };
        }),
      TerminateInstances: (input) => {
        const ids: string[] = input['InstanceIds'];
        const missing = ids.filter((id) => !this.instances.has(id));
        if (missing.length > 0) {
          throw awsError('InvalidInstanceID.NotFound', `The instance IDs '${missing.join(', ')}' do not exist`);
        }
        return {
          TerminatingInstances: ids.map((id) => {
            const instance = this.instances.get(id) as FakeInstance;
            const previous = instance.state;
            instance.state = 'terminated';
            return { InstanceId: id, PreviousState: { Name: previous }, CurrentState: { Name: 'terminated' } };
          }),
        };
      },
      CreateLaunchTemplate: (input) =>
        this.#idempotent('CreateLaunchTemplate', input['ClientToken'], () => {
          if (this.launchTemplates.has(input['LaunchTemplateName'])) {
            throw awsError('InvalidLaunchTemplateName.AlreadyExistsException', `Launch template name already in use.`);
          }
          const id = `lt-${(this.launchTemplates.size + 1).toString(16).padStart(17, '0')}`;
          this.launchTemplates.set(input['LaunchTemplateName'], { id, name: input['LaunchTemplateName'], versions: [input['LaunchTemplateData']] });
          return { LaunchTemplate: { LaunchTemplateId: id, LaunchTemplateName: input['LaunchTemplateName'], LatestVersionNumber: 1 } };
        }),
      CreateLaunchTemplateVersion: (input) =>
        this.#idempotent('CreateLaunchTemplateVersion', input['ClientToken'], () => {
          const template = [...this.launchTemplates.values()].find(
            (candidate) => candidate.id === input['LaunchTemplateId'] || candidate.name === input['LaunchTemplateName'],
          );
          if (!template) throw awsError('InvalidLaunchTemplateId.NotFound', 'The specified launch template does not exist.');
          template.versions.push(input['LaunchTemplateData']);
          return {
            LaunchTemplateVersion: { LaunchTemplateId: template.id, LaunchTemplateName: template.name, VersionNumber: template.versions.length },
          };
        }),
      CreateFleet: (input) =>
        this.#idempotent('CreateFleet', input['ClientToken'], () => {
          const fleetId = `fleet-${(this.fleets.size + 1).toString(16).padStart(8, '0')}-0000-0000-0000-000000000000`;
          const config = input['LaunchTemplateConfigs'][0];
          const override = config.Overrides?.[0] ?? {};
          const weight = override.WeightedCapacity ?? 1;
          const total = input['TargetCapacitySpecification'].TotalTargetCapacity;
          const wanted = Math.ceil(total / weight);
          const room = this.#room(wanted);
          const spot = input['TargetCapacitySpecification'].DefaultTargetCapacityType === 'spot';
          const tags = {
            ...this.#launchTemplateTags(config.LaunchTemplateSpecification),
            ...tagsOf(input['TagSpecifications'], 'instance'),
            'aws:ec2:fleet-id': fleetId,
          };
          const launched = this.#launch(room, { instanceType: override.InstanceType, subnetId: override.SubnetId, tags, ...(spot ? { lifecycle: 'spot' as const } : {}) });
          this.fleets.set(fleetId, { id: fleetId, type: input['Type'], kind: 'ec2', targetCapacity: total, state: 'active', input });
          if (input['Type'] !== 'instant') return { FleetId: fleetId, Errors: [] };
          return {
            FleetId: fleetId,
            Instances: launched.length > 0
              ? [{ InstanceIds: launched.map((instance) => instance.id), InstanceType: override.InstanceType, Lifecycle: spot ? 'spot' : 'on-demand', LaunchTemplateAndOverrides: { Overrides: override } }]
              : [],
            Errors: room < wanted
              ? [{ ErrorCode: 'InsufficientInstanceCapacity', ErrorMessage: `There is no ${override.InstanceType} capacity`, Lifecycle: spot ? 'spot' : 'on-demand', LaunchTemplateAndOverrides: { Overrides: override } }]
              : [],
          };
        }),
      DescribeFleets: (input) => {
        const ids: string[] | undefined = input['FleetIds'];
        const filters: Array<{ Name: string; Values: string[] }> = input['Filters'] ?? [];
        const fleets = (ids && ids.length > 0 ? ids.flatMap((id) => this.fleets.get(id) ?? []) : [...this.fleets.values()])
          .filter((fleet) => fleet.kind === 'ec2')
          .filter((fleet) =>
            filters.every((filter) => {
              if (filter.Name === 'fleet-state') return filter.Values.includes(fleet.state);
              if (filter.Name === 'type') return filter.Values.includes(fleet.type);
              throw awsError('InvalidParameterValue', `The filter '${filter.Name}' is invalid`);
            }),
          );
        return this.#page(fleets, input, 'Fleets', (fleet) => ({
          FleetId: fleet.id,
          Type: fleet.type,
          FleetState: fleet.state,
          TargetCapacitySpecification: { TotalTargetCapacity: fleet.targetCapacity },
          LaunchTemplateConfigs: fleet.input['LaunchTemplateConfigs'],
          Tags: Object.entries(tagsOf(fleet.input['TagSpecifications'], 'fleet')).map(([Key, Value]) => ({ Key, Value })),
        }));
      },
      DescribeFleetInstances: (input) => ({ ActiveInstances: this.#members('aws:ec2:fleet-id', input['FleetId']) }),
      DeleteFleets: (input) => {
        for (const id of input['FleetIds'] as string[]) this.#deleteFleet('aws:ec2:fleet-id', id, input['TerminateInstances']);
        return { SuccessfulFleetDeletions: (input['FleetIds'] as string[]).map((FleetId) => ({ FleetId })) };
      },
      ModifyFleet: (input) => {
        const fleet = this.fleets.get(input['FleetId']);
        if (fleet) fleet.targetCapacity = input['TargetCapacitySpecification'].TotalTargetCapacity;
        return { Return: true };
      },
      RequestSpotFleet: (input) =>
        this.#idempotent('RequestSpotFleet', input['SpotFleetRequestConfig'].ClientToken, () => {
          const config = input['SpotFleetRequestConfig'];
          const id = `sfr-${(this.fleets.size + 1).toString(16).padStart(8, '0')}-0000-0000-0000-000000000000`;
          const launch = config.LaunchTemplateConfigs[0];
          const override = launch.Overrides?.[0] ?? {};
          const room = this.#room(Math.ceil(config.TargetCapacity / (override.WeightedCapacity ?? 1)));
          this.#launch(room, {
            instanceType: override.InstanceType,
            subnetId: override.SubnetId,
            lifecycle: 'spot',
            tags: { ...this.#launchTemplateTags(launch.LaunchTemplateSpecification), 'aws:ec2spot:fleet-request-id': id },
          });
          this.fleets.set(id, { id, type: config.Type, kind: 'spot', targetCapacity: config.TargetCapacity, state: 'active', input: config });
          return { SpotFleetRequestId: id };
        }),
      DescribeSpotFleetInstances: (input) => ({ ActiveInstances: this.#members('aws:ec2spot:fleet-request-id', input['SpotFleetRequestId']) }),
      DescribeSpotFleetRequests: (input) => {
        const ids: string[] | undefined = input['SpotFleetRequestIds'];
        const fleets = (ids && ids.length > 0 ? ids.flatMap((id) => this.fleets.get(id) ?? []) : [...this.fleets.values()]).filter(
          (fleet) => fleet.kind === 'spot',
        );
        return this.#page(fleets, input, 'SpotFleetRequestConfigs', (fleet) => ({
          SpotFleetRequestId: fleet.id,
          SpotFleetRequestState: fleet.state,
          SpotFleetRequestConfig: { ...fleet.input, TargetCapacity: fleet.targetCapacity },
          Tags: Object.entries(tagsOf(fleet.input['TagSpecifications'], 'spot-fleet-request')).map(([Key, Value]) => ({ Key, Value })),
        }));
      },
      CancelSpotFleetRequests: (input) => {
        for (const id of input['SpotFleetRequestIds'] as string[]) this.#deleteFleet('aws:ec2spot:fleet-request-id', id, input['TerminateInstances']);
        return { SuccessfulFleetRequests: (input['SpotFleetRequestIds'] as string[]).map((SpotFleetRequestId) => ({ SpotFleetRequestId })) };
      },
      ModifySpotFleetRequest: (input) => {
        const fleet = this.fleets.get(input['SpotFleetRequestId']);
        if (fleet) fleet.targetCapacity = input['TargetCapacity'];
        return { Return: true };
      },
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
      DescribeImages: (input) =>
        input['ImageIds']
          ? { Images: (input['ImageIds'] as string[]).map((ImageId) => ({ ImageId, RootDeviceName: '/dev/sda1' })) }
          : { Images: [{ ImageId: 'ami-0123456789abcdef0', Name: 'hpc-base-2025', PlatformDetails: 'Linux/UNIX', Architecture: 'x86_64', State: 'available', RootDeviceName: '/dev/xvda' }] },
    };
    const autoScaling: Record<string, Handler> = {
      CreateAutoScalingGroup: (input) => {
        const name = input['AutoScalingGroupName'];
        if (this.groups.has(name)) throw awsError('AlreadyExists', `AutoScalingGroup by this name already exists - A group with the name ${name} already exists`, { service: 'AutoScaling' });
        const group: FakeGroup = { name, desired: input['DesiredCapacity'], minSize: input['MinSize'], maxSize: input['MaxSize'], tags: input['Tags'] ?? [], input };
        this.groups.set(name, group);
        this.#launch(this.#room(group.desired), this.#groupLaunch(group));
        return {};
      },
      DescribeAutoScalingGroups: (input) => ({
        AutoScalingGroups: (input['AutoScalingGroupNames'] as string[]).flatMap((name) => {
          const group = this.groups.get(name);
          return group ? [{ AutoScalingGroupName: name, DesiredCapacity: group.desired, MinSize: group.minSize, MaxSize: group.maxSize, Tags: group.tags }] : [];
        }),
      }),
      UpdateAutoScalingGroup: (input) => {
        const group = this.groups.get(input['AutoScalingGroupName']);
        if (group) {
          group.desired = input['DesiredCapacity'] ?? group.desired;
          group.maxSize = input['MaxSize'] ?? group.maxSize;
        }
        return {};
      },
      TerminateInstanceInAutoScalingGroup: (input) => {
        const instance = this.instances.get(input['InstanceId']);
        if (!instance) throw awsError('ValidationError', `Instance Id not found - No managed instance found for instance ID: ${input['InstanceId']}`, { service: 'AutoScaling' });
        const group = this.groups.get(instance.tags['aws:autoscaling:groupName'] ?? '');
        if (group && input['ShouldDecrementDesiredCapacity']) group.desired -= 1;
        instance.state = 'shutting-down';
        return { Activity: { ActivityId: `activity-${instance.id}`, StatusCode: 'InProgress' } };
      },
      DeleteAutoScalingGroup: (input) => {
        const name = input['AutoScalingGroupName'];
        for (const instance of this.instances.values()) if (instance.tags['aws:autoscaling:groupName'] === name) instance.state = 'terminated';
        this.groups.delete(name);
        return {};
      },
      DescribeAccountLimits: () => ({ MaxNumberOfAutoScalingGroups: 500, NumberOfAutoScalingGroups: this.groups.size }),
    };
    const sts: Record<string, Handler> = {
      GetCallerIdentity: () => ({ Account: '123456789012', Arn: 'arn:aws:iam::123456789012:user/ohf', UserId: 'AIDAEXAMPLE' }),
      AssumeRole: (input) => ({
        Credentials: { AccessKeyId: 'ASIAEXAMPLE', SecretAccessKey: 'secret', SessionToken: `session-for-${input['RoleSessionName']}`, Expiration: new Date(this.#now() + 3_600_000) },
      }),
    };
    const ssm: Record<string, Handler> = {
      GetParameter: (input) => {
        const value = this.ssmParameters.get(input['Name']);
        if (!value) throw Object.assign(awsError('ParameterNotFound', `Parameter ${input['Name']} not found.`), {});
        return { Parameter: { Name: input['Name'], Value: value, Type: 'String' } };
      },
    };
    const cloudWatch: Record<string, Handler> = { PutMetricData: () => ({}) };

    this.#route(this.ec2, ec2Module, ec2);
    this.#route(this.autoScaling, autoScalingModule, autoScaling);
    this.#route(this.sts, stsModule, sts);
    this.#route(this.ssm, ssmModule, ssm);
    this.#route(this.cloudWatch, cloudWatchModule, cloudWatch);
  }

  /**
   * What AWS does in the background. For maintained capacity: an active `maintain` EC2 Fleet or
   * Spot Fleet, and an Auto Scaling group, launch replacements whenever their live members fall
   * short of the target (or desired) capacity — members terminated by anyone, or reclaimed.
   * Machines shutting down finish terminating a tick later. Every DescribeInstances runs it first;
   * tests may call it too.
   */
  tick(): void {
    for (const instance of this.instances.values()) {
      if (instance.state !== 'shutting-down') continue;
      // Seen shutting down once, terminated the next time: AWS takes a moment.
      if (instance.shutdownSeen === true) instance.state = 'terminated';
      else instance.shutdownSeen = true;
    }
    for (const fleet of this.fleets.values()) {
      if (fleet.type !== 'maintain' || fleet.state !== 'active') continue;
      const tagKey = fleet.kind === 'ec2' ? 'aws:ec2:fleet-id' : 'aws:ec2spot:fleet-request-id';
      const launch = fleet.input['LaunchTemplateConfigs'][0];
      const override = launch.Overrides?.[0] ?? {};
      const weights = new Map<string, number>((launch.Overrides ?? []).map((entry: Input) => [entry.InstanceType, entry.WeightedCapacity ?? 1]));
      const live = this.#liveMembers(tagKey, fleet.id).reduce((sum, instance) => sum + (weights.get(instance.instanceType) ?? 1), 0);
      const missing = Math.ceil((fleet.targetCapacity - live) / (override.WeightedCapacity ?? 1));
      if (missing <= 0) continue;
      const tags =
        fleet.kind === 'ec2'
          ? { ...this.#launchTemplateTags(launch.LaunchTemplateSpecification), ...tagsOf(fleet.input['TagSpecifications'], 'instance'), [tagKey]: fleet.id }
          : { ...this.#launchTemplateTags(launch.LaunchTemplateSpecification), [tagKey]: fleet.id };
      const spot = fleet.kind === 'spot' || fleet.input['TargetCapacitySpecification']?.DefaultTargetCapacityType === 'spot';
      this.#launch(this.#room(missing), { instanceType: override.InstanceType, subnetId: override.SubnetId, tags, state: 'running', ...(spot ? { lifecycle: 'spot' as const } : {}) });
    }
    for (const group of this.groups.values()) {
      const missing = group.desired - this.#liveMembers('aws:autoscaling:groupName', group.name).length;
      if (missing <= 0) continue;
      this.#launch(this.#room(missing), { ...this.#groupLaunch(group), state: 'running' });
    }
  }

  #liveMembers(tagKey: string, id: string): FakeInstance[] {
    return [...this.instances.values()].filter(
      (instance) => instance.tags[tagKey] === id && instance.state !== 'terminated' && instance.state !== 'shutting-down',
    );
  }

  #groupLaunch(group: FakeGroup): { instanceType: string; subnetId: string | undefined; tags: Record<string, string> } {
    const input = group.input;
    const override = input['MixedInstancesPolicy']?.LaunchTemplate?.Overrides?.[0] ?? {};
    return {
      instanceType: override.InstanceType ?? 'm5.large',
      subnetId: String(input['VPCZoneIdentifier'] ?? '').split(',')[0] || undefined,
      tags: {
        ...this.#launchTemplateTags(input['MixedInstancesPolicy']?.LaunchTemplate?.LaunchTemplateSpecification),
        ...Object.fromEntries(group.tags.filter((tag: Input) => tag['PropagateAtLaunch']).map((tag) => [tag.Key, tag.Value])),
        'aws:autoscaling:groupName': group.name,
      },
    };
  }

  /** One page of a Describe* listing that takes MaxResults and NextToken. */
  #page<Item>(items: readonly Item[], input: Input, key: string, render: (item: Item) => Input): Input {
    const size = Math.min(input['MaxResults'] ?? 1000, this.pageSize);
    const start = Number(input['NextToken'] ?? 0);
    return {
      [key]: items.slice(start, start + size).map(render),
      ...(start + size < items.length ? { NextToken: String(start + size) } : {}),
    };
  }

  #members(tagKey: string, fleetId: string): Input[] {
    return [...this.instances.values()]
      .filter((instance) => instance.tags[tagKey] === fleetId && instance.state !== 'terminated' && instance.state !== 'shutting-down')
      .map((instance) => ({ InstanceId: instance.id, InstanceType: instance.instanceType }));
  }

  #deleteFleet(tagKey: string, fleetId: string, terminateInstances: boolean): void {
    const fleet = this.fleets.get(fleetId);
    // The states AWS reports: an EC2 Fleet is deleted, a Spot Fleet request cancelled.
    if (fleet?.kind === 'ec2') fleet.state = terminateInstances ? 'deleted_terminating' : 'deleted_running';
    if (fleet?.kind === 'spot') fleet.state = terminateInstances ? 'cancelled_terminating' : 'cancelled_running';
    if (!terminateInstances) return;
    for (const instance of this.instances.values()) if (instance.tags[tagKey] === fleetId) instance.state = 'terminated';
  }

  #route(
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- one router for five differently typed client stubs
    stub: { on(command: any): { callsFake(fake: (input: Input) => unknown): unknown } },
    module: Record<string, unknown>, handlers: Record<string, Handler>): void {
    for (const [operation, handler] of Object.entries(handlers)) {
      stub.on(module[`${operation}Command`]).callsFake(async (input: Input) => {
        this.#aroundCall?.before();
        try {
          return this.#answer(operation, handler, input);
        } finally {
          this.#aroundCall?.after();
        }
      });
    }
  }

  #answer(operation: string, handler: Handler, input: Input): unknown {
    this.calls.set(operation, (this.calls.get(operation) ?? 0) + 1);
    const fault = this.#faults[0];
    if (fault) {
      fault.remaining -= 1;
      if (fault.remaining <= 0) this.#faults.shift();
      const shape = FAULTS[fault.kind];
      throw awsError(shape.name, shape.message, {
        status: shape.status,
        fault: shape.fault,
        ...(fault.retryAfterSeconds === undefined ? {} : { retryAfterSeconds: fault.retryAfterSeconds }),
      });
    }
    return handler(structuredClone(input));
  }
}

function tagsOf(specifications: Input[] | undefined, resourceType: string): Record<string, string> {
  const tags: Record<string, string> = {};
  for (const specification of specifications ?? []) {
    if (specification['ResourceType'] !== resourceType) continue;
    for (const tag of specification['Tags'] ?? []) tags[tag.Key] = tag.Value;
  }
  return tags;
}

/** The values of one DescribeInstances filter for an instance; undefined for a filter the fake does not know. */
function instanceFilterValue(instance: FakeInstance, name: string): string[] | undefined {
  switch (name) {
    case 'instance-state-name':
      return [instance.state];
    case 'instance-id':
      return [instance.id];
    case 'private-ip-address':
      return [instance.privateIp];
    case 'private-dns-name':
      return [privateDnsName(instance)];
    case 'tag-key':
      return Object.keys(instance.tags);
    default:
      return undefined;
  }
}

function privateDnsName(instance: FakeInstance): string {
  return `ip-${instance.privateIp.replaceAll('.', '-')}.ec2.internal`;
}
