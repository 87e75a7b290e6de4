import type { InstanceV1 } from '@ohf/provider-sdk';
import type { Droplet } from './digitalocean-api-schemas/droplet-schema.js';
import { decodeDigitalOceanTags } from './digitalocean-tags.js';
import { mapDropletStatus } from './digitalocean-state-map.js';

/** A droplet as a normalized instance; the droplet status is kept as `rawState`. */
export function dropletToInstance(droplet: Droplet): InstanceV1 {
  const addressOf = (type: 'private' | 'public'): string | null =>
    droplet.networks.v4.find((network) => network.type === type)?.ip_address ?? null;
  const instance: InstanceV1 = {
    id: String(droplet.id),
    state: mapDropletStatus(droplet.status),
    rawState: droplet.status,
    name: droplet.name,
    hostName: droplet.name,
    privateIpAddress: addressOf('private'),
    publicIpAddress: addressOf('public'),
    lifecycle: 'ondemand',
    tags: decodeDigitalOceanTags(droplet.tags ?? []),
    providerMetadata: {
      ...(droplet.vcpus === undefined ? {} : { vcpus: droplet.vcpus }),
      ...(droplet.memory === undefined ? {} : { memoryMiB: droplet.memory }),
      ...(droplet.disk === undefined ? {} : { diskGiB: droplet.disk }),
      ...(droplet.locked === undefined ? {} : { locked: droplet.locked }),
      ...(droplet.vpc_uuid === undefined ? {} : { vpcUuid: droplet.vpc_uuid }),
      ...(droplet.image?.slug ? { image: droplet.image.slug } : droplet.image?.id === undefined ? {} : { image: droplet.image.id }),
      tagNames: droplet.tags ?? [],
    },
  };
  if (droplet.size_slug !== undefined) instance.instanceType = droplet.size_slug;
  if (droplet.region?.slug !== undefined) instance.location = droplet.region.slug;
  if (droplet.created_at !== undefined) instance.launchTime = droplet.created_at;
  return instance;
}
