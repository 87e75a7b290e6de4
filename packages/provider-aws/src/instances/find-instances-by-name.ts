import type { AwsCallScope } from '../aws-api.js';
import { tagsToRecord } from '../tags/aws-tags.js';
import type { DescribedInstance } from './describe-instances-answer.js';
import { chunk, describeEc2Instances, describePages, DESCRIBE_BATCH_SIZE, isEc2InstanceId } from './describe-instances.js';

/** AWS takes at most 200 values per filter. */
const FILTER_VALUES_PER_CALL = 200;
const IPV4_ADDRESS = /^\d{1,3}(?:\.\d{1,3}){3}$/;
/** IP-based host names, `ip-10-0-57-7.ec2.internal` or `ip-10-0-57-7`: the private address is in the name. */
const IP_HOST_NAME = /^ip-(\d{1,3})-(\d{1,3})-(\d{1,3})-(\d{1,3})(?:\..+)?$/i;
/** Resource-based host names, `i-0123456789abcdef0.ec2.internal`: the instance id is in the name. */
const RESOURCE_HOST_NAME = /^(i-[0-9a-f]+)(?:\..+)?$/i;

/**
 * The instances a scheduler names by host name (IBM's plugin sends the private DNS name, e.g.
 * `ip-10-0-57-7.ec2.internal`), by private IP address or by their `Name` tag. AWS derives
 * private DNS names from the address or the id, so those names are looked up by address or id
 * (one call for all of them, whatever VPC they were given in); other names by private DNS name
 * and by `Name` tag. Each filter takes 200 values per call: a few calls for any number of names.
 */
export async function findEc2InstancesByName(scope: AwsCallScope, names: readonly string[]): Promise<DescribedInstance[]> {
  const addresses = new Set<string>();
  const ids = new Set<string>();
  const others = new Set<string>();
  for (const name of new Set(names)) {
    if (name === '') continue;
    const ipHostName = IP_HOST_NAME.exec(name);
    const resourceHostName = RESOURCE_HOST_NAME.exec(name);
    if (IPV4_ADDRESS.test(name)) addresses.add(name);
    else if (ipHostName) addresses.add(ipHostName.slice(1, 5).join('.'));
    else if (resourceHostName && isEc2InstanceId(resourceHostName[1]!.toLowerCase())) ids.add(resourceHostName[1]!.toLowerCase());
    else others.add(name);
  }
  const found = new Map<string, DescribedInstance>();
  const keep = (instances: readonly DescribedInstance[]) => {
    for (const instance of instances) if (instance.InstanceId) found.set(instance.InstanceId, instance);
  };
  const byFilter = async (filter: string, values: ReadonlySet<string>) => {
    for (const batch of chunk([...values], FILTER_VALUES_PER_CALL)) {
      keep(await describePages(scope, { Filters: [{ Name: filter, Values: batch }], MaxResults: DESCRIBE_BATCH_SIZE }));
    }
  };
  await byFilter('private-ip-address', addresses);
  await byFilter('private-dns-name', others);
  await byFilter('tag:Name', others);
  if (ids.size > 0) keep(await describeEc2Instances(scope, [...ids]));
  // Derived host names stand for their first label too: `ip-10-0-57-7.ec2.internal` or `i-0abc….ec2.internal`.
  const wanted = new Set(names.flatMap((name) => (IP_HOST_NAME.test(name) || RESOURCE_HOST_NAME.test(name) ? [name, name.split('.')[0]!] : [name])));
  // Found by an address or id derived from a name: kept only when one of its own names was asked for.
  return [...found.values()].filter((instance) => namesOf(instance).some((name) => wanted.has(name)));
}

/** Every name a scheduler may know an instance by. */
export function namesOf(instance: DescribedInstance): string[] {
  const names = [instance.InstanceId, instance.PrivateIpAddress, instance.PrivateDnsName, tagsToRecord(instance.Tags)['Name']];
  const dnsName = instance.PrivateDnsName ?? '';
  if (dnsName.includes('.')) names.push(dnsName.slice(0, dnsName.indexOf('.')));
  return names.filter((name): name is string => name !== undefined && name !== '');
}
