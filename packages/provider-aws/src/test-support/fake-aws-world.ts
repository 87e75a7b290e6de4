import type { ConformanceFailureKind, ConformanceOperation } from '@ohf/provider-sdk/testing';

// Wire inputs of many operations are read loosely here, as a real AWS endpoint reads JSON/query bodies.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Input = Record<string, any>;
export type Handler = (input: Input) => unknown;
/** A fault the next calls answer with: of one kind of operation only when `operation` is set. */
export type FakeFault = { kind: ConformanceFailureKind; remaining: number; retryAfterSeconds: number | undefined; operation?: ConformanceOperation };

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

export interface FakeFleet {
  id: string;
  type: string;
  kind: 'ec2' | 'spot';
  targetCapacity: number;
  state: string;
  input: Input;
}

export interface FakeGroup {
  name: string;
  desired: number;
  minSize: number;
  maxSize: number;
  tags: Array<{ Key: string; Value: string }>;
  input: Input;
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
  faults: Array<{ kind: ConformanceFailureKind; remaining: number; retryAfterSeconds: number | null; operation?: ConformanceOperation }>;
  sequence: number;
  tokens: Record<string, unknown>;
}

/**
 * What the fake AWS account holds (machines, fleets, groups, launch templates, SSM parameters)
 * and what AWS does with it in the background. The handlers of each service read and change it.
 */
export class FakeAwsWorld {
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
  /** Most machines alive at once. */
  capacity = Number.POSITIVE_INFINITY;
  /** Faults the next calls answer with, first one first. */
  faults: FakeFault[] = [];
  sequence = 0;
  /** Answers of idempotent calls by operation and client token. */
  tokens = new Map<string, unknown>();
  readonly now: () => number;

  constructor(now: () => number) {
    this.now = now;
  }

  /** Empties the account (SSM parameters stay). */
  clear(): void {
    this.instances.clear();
    this.fleets.clear();
    this.groups.clear();
    this.launchTemplates.clear();
    this.calls.clear();
    this.tokens.clear();
    this.sequence = 0;
    this.faults = [];
    this.capacity = Number.POSITIVE_INFINITY;
    this.pageSize = 1000;
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
      capacity: Number.isFinite(this.capacity) ? this.capacity : null,
      faults: this.faults.map((fault) => ({ ...fault, retryAfterSeconds: fault.retryAfterSeconds ?? null })),
      sequence: this.sequence,
      tokens: Object.fromEntries(this.tokens),
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
    this.capacity = state.capacity ?? Number.POSITIVE_INFINITY;
    this.faults = state.faults.map((fault) => ({ ...fault, retryAfterSeconds: fault.retryAfterSeconds ?? undefined }));
    this.sequence = state.sequence;
    this.tokens = new Map(Object.entries(state.tokens));
  }

  /** Adds running machines directly (for describe/terminate tests and benchmarks). */
  seed(count: number, tags: Record<string, string> = {}, instanceType = 'm5.large'): string[] {
    return this.launch(count, { instanceType, subnetId: 'subnet-0a1b2c3d4e5f60001', tags, state: 'running' }).map((instance) => instance.id);
  }

  live(): number {
    return [...this.instances.values()].filter((instance) => instance.state !== 'terminated' && instance.state !== 'shutting-down').length;
  }

  launch(
    count: number,
    options: { instanceType: string; subnetId: string | undefined; tags: Record<string, string>; state?: FakeInstance['state']; lifecycle?: 'spot'; imageId?: string },
  ): FakeInstance[] {
    const launched: FakeInstance[] = [];
    for (let index = 0; index < count; index += 1) {
      this.sequence += 1;
      const id = `i-${this.sequence.toString(16).padStart(17, '0')}`;
      const instance: FakeInstance = {
        id,
        state: options.state ?? 'pending',
        instanceType: options.instanceType,
        subnetId: options.subnetId,
        availabilityZone: 'us-east-1a',
        imageId: options.imageId,
        tags: { ...options.tags },
        launchTime: new Date(this.now()),
        lifecycle: options.lifecycle,
        privateIp: `10.0.${Math.floor(this.sequence / 250) % 250}.${(this.sequence % 250) + 1}`,
      };
      this.instances.set(id, instance);
      launched.push(instance);
    }
    return launched;
  }

  room(wanted: number): number {
    return Math.max(0, Math.min(wanted, this.capacity - this.live()));
  }

  describe(instance: FakeInstance): Input {
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

  idempotent<Output>(operation: string, token: string | undefined, produce: () => Output): Output {
    if (!token) return produce();
    const key = `${operation}:${token}`;
    if (this.tokens.has(key)) return this.tokens.get(key) as Output;
    const output = produce();
    this.tokens.set(key, output);
    return output;
  }

  launchTemplateTags(specification: Input | undefined): Record<string, string> {
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
      const live = this.liveMembers(tagKey, fleet.id).reduce((sum, instance) => sum + (weights.get(instance.instanceType) ?? 1), 0);
      const missing = Math.ceil((fleet.targetCapacity - live) / (override.WeightedCapacity ?? 1));
      if (missing <= 0) continue;
      const tags =
        fleet.kind === 'ec2'
          ? { ...this.launchTemplateTags(launch.LaunchTemplateSpecification), ...tagsOf(fleet.input['TagSpecifications'], 'instance'), [tagKey]: fleet.id }
          : { ...this.launchTemplateTags(launch.LaunchTemplateSpecification), [tagKey]: fleet.id };
      const spot = fleet.kind === 'spot' || fleet.input['TargetCapacitySpecification']?.DefaultTargetCapacityType === 'spot';
      this.launch(this.room(missing), { instanceType: override.InstanceType, subnetId: override.SubnetId, tags, state: 'running', ...(spot ? { lifecycle: 'spot' as const } : {}) });
    }
    for (const group of this.groups.values()) {
      const missing = group.desired - this.liveMembers('aws:autoscaling:groupName', group.name).length;
      if (missing <= 0) continue;
      this.launch(this.room(missing), { ...this.groupLaunch(group), state: 'running' });
    }
  }

  liveMembers(tagKey: string, id: string): FakeInstance[] {
    return [...this.instances.values()].filter(
      (instance) => instance.tags[tagKey] === id && instance.state !== 'terminated' && instance.state !== 'shutting-down',
    );
  }

  groupLaunch(group: FakeGroup): { instanceType: string; subnetId: string | undefined; tags: Record<string, string> } {
    const input = group.input;
    const override = input['MixedInstancesPolicy']?.LaunchTemplate?.Overrides?.[0] ?? {};
    return {
      instanceType: override.InstanceType ?? 'm5.large',
      subnetId: String(input['VPCZoneIdentifier'] ?? '').split(',')[0] || undefined,
      tags: {
        ...this.launchTemplateTags(input['MixedInstancesPolicy']?.LaunchTemplate?.LaunchTemplateSpecification),
        ...Object.fromEntries(group.tags.filter((tag: Input) => tag['PropagateAtLaunch']).map((tag) => [tag.Key, tag.Value])),
        'aws:autoscaling:groupName': group.name,
      },
    };
  }

  /** One page of a Describe* listing that takes MaxResults and NextToken. */
  page<Item>(items: readonly Item[], input: Input, key: string, render: (item: Item) => Input): Input {
    const size = Math.min(input['MaxResults'] ?? 1000, this.pageSize);
    const start = Number(input['NextToken'] ?? 0);
    return {
      [key]: items.slice(start, start + size).map(render),
      ...(start + size < items.length ? { NextToken: String(start + size) } : {}),
    };
  }

  members(tagKey: string, fleetId: string): Input[] {
    return [...this.instances.values()]
      .filter((instance) => instance.tags[tagKey] === fleetId && instance.state !== 'terminated' && instance.state !== 'shutting-down')
      .map((instance) => ({ InstanceId: instance.id, InstanceType: instance.instanceType }));
  }

  deleteFleet(tagKey: string, fleetId: string, terminateInstances: boolean): void {
    const fleet = this.fleets.get(fleetId);
    // The states AWS reports: an EC2 Fleet is deleted, a Spot Fleet request cancelled.
    if (fleet?.kind === 'ec2') fleet.state = terminateInstances ? 'deleted_terminating' : 'deleted_running';
    if (fleet?.kind === 'spot') fleet.state = terminateInstances ? 'cancelled_terminating' : 'cancelled_running';
    if (!terminateInstances) return;
    for (const instance of this.instances.values()) if (instance.tags[tagKey] === fleetId) instance.state = 'terminated';
  }
}

export function tagsOf(specifications: Input[] | undefined, resourceType: string): Record<string, string> {
  const tags: Record<string, string> = {};
  for (const specification of specifications ?? []) {
    if (specification['ResourceType'] !== resourceType) continue;
    for (const tag of specification['Tags'] ?? []) tags[tag.Key] = tag.Value;
  }
  return tags;
}

/** The values of one DescribeInstances filter for an instance; undefined for a filter the fake does not know. */
export function instanceFilterValue(instance: FakeInstance, name: string): string[] | undefined {
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
