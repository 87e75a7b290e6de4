import type { Instance as Ec2Instance } from '@aws-sdk/client-ec2';
import { XmlScanner } from '../xml/xml-scanner.js';

/**
 * The fields of an EC2 instance this provider reads (its mapping to a machine, termination,
 * lookups by name): what a DescribeInstances answer is read into. Typed as a part of the SDK's
 * `Instance`, so code given one cannot read a field the answer reader leaves out.
 */
export type DescribedInstance = Pick<
  Ec2Instance,
  | 'InstanceId'
  | 'ImageId'
  | 'InstanceType'
  | 'PrivateDnsName'
  | 'PublicDnsName'
  | 'PrivateIpAddress'
  | 'PublicIpAddress'
  | 'SubnetId'
  | 'VpcId'
  | 'InstanceLifecycle'
  | 'SpotInstanceRequestId'
  | 'Tags'
> & {
  /** A Date from the SDK's own reader; the answer's text from this one, which needs no Date to be mapped. */
  LaunchTime?: Date | string;
  State?: Pick<NonNullable<Ec2Instance['State']>, 'Name'>;
  Placement?: Pick<NonNullable<Ec2Instance['Placement']>, 'AvailabilityZone'>;
  StateReason?: Pick<NonNullable<Ec2Instance['StateReason']>, 'Code'>;
};

/** One page of a DescribeInstances answer, in the shape of the SDK's output. */
export interface DescribeInstancesPage {
  Reservations: Array<{ Instances: DescribedInstance[] }>;
  NextToken?: string;
}

type Mutable<Type> = { -readonly [Key in keyof Type]: Type[Key] };
type LeafReader = (instance: Mutable<DescribedInstance>, value: string) => void;

/** The wire names (the EC2 Query protocol's `xmlName`s) of the leaves read, and where they go. */
const INSTANCE_LEAVES: ReadonlyMap<string, LeafReader> = new Map<string, LeafReader>([
  ['instanceId', (instance, value) => (instance.InstanceId = value)],
  ['imageId', (instance, value) => (instance.ImageId = value)],
  ['instanceType', (instance, value) => (instance.InstanceType = value as Ec2Instance['InstanceType'])],
  ['launchTime', (instance, value) => (instance.LaunchTime = value)],
  ['privateDnsName', (instance, value) => (instance.PrivateDnsName = value)],
  ['dnsName', (instance, value) => (instance.PublicDnsName = value)],
  ['privateIpAddress', (instance, value) => (instance.PrivateIpAddress = value)],
  ['ipAddress', (instance, value) => (instance.PublicIpAddress = value)],
  ['subnetId', (instance, value) => (instance.SubnetId = value)],
  ['vpcId', (instance, value) => (instance.VpcId = value)],
  ['instanceLifecycle', (instance, value) => (instance.InstanceLifecycle = value as Ec2Instance['InstanceLifecycle'])],
  ['spotInstanceRequestId', (instance, value) => (instance.SpotInstanceRequestId = value)],
]);

/**
 * Reads a successful DescribeInstances answer (EC2 Query protocol XML) into the fields this
 * provider maps, as the SDK would have given them. The SDK's own reader builds a tree of the
 * whole answer and then every one of the ~60 fields of each instance: for 1,000-instance pages
 * that was most of a status poll's CPU and memory.
 */
export function readDescribeInstancesAnswer(xml: Buffer | string): DescribeInstancesPage {
  const scanner = new XmlScanner(xml);
  const page: DescribeInstancesPage = { Reservations: [] };
  const root = scanner.nextChild();
  if (root === undefined) return page;
  for (let name = scanner.nextChild(); name !== undefined; name = scanner.nextChild()) {
    if (name === 'reservationSet') {
      for (let item = scanner.nextChild(); item !== undefined; item = scanner.nextChild()) page.Reservations.push({ Instances: readReservation(scanner, item) });
    } else if (name === 'nextToken') {
      const token = scanner.text(name);
      if (token !== undefined) page.NextToken = token;
    } else {
      scanner.skip(name);
    }
  }
  return page;
}

function readReservation(scanner: XmlScanner, item: string): DescribedInstance[] {
  const instances: DescribedInstance[] = [];
  if (item !== 'item') {
    scanner.skip(item);
    return instances;
  }
  for (let name = scanner.nextChild(); name !== undefined; name = scanner.nextChild()) {
    if (name !== 'instancesSet') {
      scanner.skip(name);
      continue;
    }
    for (let child = scanner.nextChild(); child !== undefined; child = scanner.nextChild()) {
      if (child === 'item') instances.push(readInstance(scanner));
      else scanner.skip(child);
    }
  }
  return instances;
}

function readInstance(scanner: XmlScanner): DescribedInstance {
  const instance: Mutable<DescribedInstance> = {};
  for (let name = scanner.nextChild(); name !== undefined; name = scanner.nextChild()) {
    const leaf = INSTANCE_LEAVES.get(name);
    if (leaf !== undefined) {
      const value = scanner.text(name);
      if (value !== undefined) leaf(instance, value);
    } else if (name === 'instanceState') {
      instance.State = readMember(scanner, 'name', (value) => ({ Name: value as NonNullable<Ec2Instance['State']>['Name'] }));
    } else if (name === 'placement') {
      instance.Placement = readMember(scanner, 'availabilityZone', (value) => ({ AvailabilityZone: value }));
    } else if (name === 'stateReason') {
      instance.StateReason = readMember(scanner, 'code', (value) => ({ Code: value }));
    } else if (name === 'tagSet') {
      instance.Tags = readTags(scanner);
    } else {
      scanner.skip(name);
    }
  }
  return instance;
}

/** A structure of which one member is read: `{}` when the answer leaves it out, as the SDK gives it. */
function readMember<Shape extends object>(scanner: XmlScanner, member: string, shape: (value: string) => Shape): Shape | Record<string, never> {
  let read: Shape | undefined;
  for (let name = scanner.nextChild(); name !== undefined; name = scanner.nextChild()) {
    const value = name === member ? scanner.text(name) : (scanner.skip(name), undefined);
    if (value !== undefined) read = shape(value);
  }
  return read ?? {};
}

function readTags(scanner: XmlScanner): NonNullable<Ec2Instance['Tags']> {
  const tags: NonNullable<Ec2Instance['Tags']> = [];
  for (let item = scanner.nextChild(); item !== undefined; item = scanner.nextChild()) {
    if (item !== 'item') {
      scanner.skip(item);
      continue;
    }
    const tag: { Key?: string; Value?: string } = {};
    for (let name = scanner.nextChild(); name !== undefined; name = scanner.nextChild()) {
      const value = name === 'key' || name === 'value' ? scanner.text(name) : (scanner.skip(name), undefined);
      if (value === undefined) continue;
      if (name === 'key') tag.Key = value;
      else tag.Value = value;
    }
    tags.push(tag);
  }
  return tags;
}
