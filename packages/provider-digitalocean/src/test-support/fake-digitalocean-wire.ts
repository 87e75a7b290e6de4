import { HttpResponse } from 'msw';
import type { FakeDroplet } from './fake-digitalocean-cloud.js';

/** A droplet as the API v2 answers it: addresses appear once it is no longer `new`. */
export function dropletOnTheWire(droplet: FakeDroplet): Record<string, unknown> {
  const size = SIZES.find((candidate) => candidate.slug === droplet.size_slug) ?? SIZES[0]!;
  const region = REGIONS.find((candidate) => candidate.slug === droplet.region) ?? REGIONS[0]!;
  const hostPart = droplet.id % 250;
  const v4 =
    droplet.status === 'new'
      ? []
      : [
          { ip_address: `10.108.0.${hostPart}`, netmask: '255.255.240.0', gateway: '10.108.0.1', type: 'private' },
          { ip_address: `203.0.113.${hostPart}`, netmask: '255.255.255.0', gateway: '203.0.113.1', type: 'public' },
        ];
  return {
    id: droplet.id,
    name: droplet.name,
    memory: size.memory,
    vcpus: size.vcpus,
    disk: size.disk,
    locked: false,
    status: droplet.status,
    kernel: null,
    created_at: droplet.created_at,
    features: ['droplet_agent', 'private_networking'],
    backup_ids: [],
    next_backup_window: null,
    snapshot_ids: [],
    image: { id: 6_918_990, name: '24.04 (LTS) x64', distribution: 'Ubuntu', slug: typeof droplet.image === 'string' ? droplet.image : null, public: true, regions: ['nyc3'], type: 'base' },
    volume_ids: [],
    size,
    size_slug: droplet.size_slug,
    networks: { v4, v6: [] },
    region,
    tags: droplet.tags,
    vpc_uuid: droplet.vpc_uuid,
  };
}

export function error(status: number, id: string, message: string): Response {
  return HttpResponse.json({ id, message, request_id: `req-${status}-4d9d8375-3c56-4925-a3e7-eb137fed17e9` }, { status });
}

export function notFound(): Response {
  return error(404, 'not_found', 'The resource you were accessing could not be found.');
}

export const SIZES = [
  { slug: 's-1vcpu-1gb', memory: 1024, vcpus: 1, disk: 25, transfer: 1, price_monthly: 6, price_hourly: 0.00893, regions: ['nyc3', 'ams3'], available: true, description: 'Basic' },
  { slug: 's-2vcpu-4gb', memory: 4096, vcpus: 2, disk: 80, transfer: 4, price_monthly: 24, price_hourly: 0.03571, regions: ['nyc3'], available: true, description: 'Basic' },
  {
    slug: 'gpu-h100x1-80gb',
    memory: 245_760,
    vcpus: 20,
    disk: 720,
    transfer: 15,
    price_monthly: 2_522.16,
    price_hourly: 3.39,
    regions: ['nyc3'],
    available: true,
    description: 'H100 GPU - 1X',
    gpu_info: { count: 1, model: 'nvidia_h100', vram: { amount: 80, unit: 'gib' } },
  },
];

/** `GET /v2/1-clicks` answers every type; the provider asks for droplet apps. */
export const ONE_CLICKS = [
  { slug: 'wordpress', type: 'droplet' },
  { slug: 'docker-20-04', type: 'droplet' },
  { slug: 'monitoring', type: 'kubernetes' },
];

export const REGIONS = [
  { name: 'New York 3', slug: 'nyc3', features: ['backups', 'ipv6', 'metadata', 'install_agent'], available: true, sizes: ['s-1vcpu-1gb', 's-2vcpu-4gb'] },
  { name: 'Amsterdam 3', slug: 'ams3', features: ['backups', 'ipv6', 'metadata'], available: true, sizes: ['s-1vcpu-1gb'] },
];

export const IMAGES = [
  { id: 6_918_990, name: '24.04 (LTS) x64', distribution: 'Ubuntu', slug: 'ubuntu-24-04-x64', public: true, regions: ['nyc3', 'ams3'], type: 'base', min_disk_size: 15, status: 'available' },
  { id: 7_555_620, name: 'worker snapshot', distribution: 'Ubuntu', slug: null, public: false, regions: ['nyc3'], type: 'snapshot', min_disk_size: 25, status: 'available' },
];
