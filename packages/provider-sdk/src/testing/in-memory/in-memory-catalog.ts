import type { AppV1, ImageV1, LocationV1, SizeV1 } from '../../index.js';

/** The fake cloud's fixed catalog. */
export const IN_MEMORY_LOCATIONS: readonly LocationV1[] = [
  { id: 'mem-east-1', name: 'Memory East', country: 'US', available: true },
  { id: 'mem-west-1', name: 'Memory West', country: 'US', available: true },
  { id: 'mem-eu-1', name: 'Memory Europe', country: 'DE', available: true },
];

const ALL_LOCATIONS = ['mem-east-1', 'mem-west-1', 'mem-eu-1'];
const size = (id: string, name: string, vcpus: number, memoryMiB: number, diskGiB: number, hourlyPriceUsd: number, monthlyPriceUsd: number): SizeV1 => ({
  id, name, vcpus, memoryMiB, diskGiB, hourlyPriceUsd, monthlyPriceUsd,
  gpus: 0, architecture: 'x86_64', transferGb: 1000, locations: ALL_LOCATIONS,
});

export const IN_MEMORY_SIZES: readonly SizeV1[] = [
  size('small', 'Small', 1, 1024, 25, 0.0075, 5),
  size('medium', 'Medium', 2, 4096, 80, 0.03, 20),
  size('large', 'Large', 4, 8192, 160, 0.06, 40),
];

export const IN_MEMORY_IMAGES: readonly ImageV1[] = [
  { id: 'memory/debian-12', name: 'Debian 12', distribution: 'debian', osFamily: 'debian', osVersion: '12' },
  { id: 'memory/ubuntu-24.04', name: 'Ubuntu 24.04', distribution: 'ubuntu', osFamily: 'ubuntu', osVersion: '24.04' },
];

export const IN_MEMORY_APPS: readonly AppV1[] = [
  { id: 'memory-wordpress', name: 'WordPress', kind: 'marketplace', imageIds: ['memory/ubuntu-24.04'] },
];

export const DEFAULT_LOCATION = 'mem-east-1';
export const DEFAULT_SIZE = 'small';
