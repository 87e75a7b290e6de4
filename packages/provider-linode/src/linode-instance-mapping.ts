import { decodeStringTags, type InstanceV1 } from '@ohf/provider-sdk';
import type { LinodeInstance } from './linode-api-schemas/linode-instance-schema.js';
import { linodeStatusToState } from './linode-state-map.js';

// Linode's private addresses come from 192.168.128.0/17; any RFC 1918 address is private.
const PRIVATE_IPV4 = /^(10\.|192\.168\.|172\.(1[6-9]|2\d|3[01])\.)/;

/** A Linode instance in the normalized shape; the raw status is kept beside the state. */
export function linodeInstanceToInstance(instance: LinodeInstance): InstanceV1 {
  const addresses = instance.ipv4 ?? [];
  const tags = instance.tags ?? [];
  return {
    id: String(instance.id),
    state: linodeStatusToState(instance.status),
    rawState: instance.status,
    name: instance.label,
    hostName: null,
    privateIpAddress: addresses.find((address) => PRIVATE_IPV4.test(address)) ?? null,
    publicIpAddress: addresses.find((address) => !PRIVATE_IPV4.test(address)) ?? null,
    ...(instance.type ? { instanceType: instance.type } : {}),
    ...(instance.region ? { location: instance.region } : {}),
    ...(instance.created ? { launchTime: toIsoTime(instance.created) } : {}),
    lifecycle: 'ondemand',
    tags: decodeStringTags(tags),
    providerMetadata: {
      label: instance.label,
      image: instance.image ?? null,
      ipv4: addresses,
      ipv6: instance.ipv6 ?? null,
      linodeTags: tags,
      ...(instance.specs ? { specs: instance.specs } : {}),
    },
  };
}

/** Linode writes times without a zone ('2018-01-01T00:01:01'); they are UTC. */
function toIsoTime(value: string): string {
  const withZone = /([zZ]|[+-]\d\d:?\d\d)$/.test(value) ? value : `${value}Z`;
  const parsed = Date.parse(withZone);
  return Number.isNaN(parsed) ? value : new Date(parsed).toISOString();
}
