import type { ImageV1, LocationV1, SizeV1 } from '../../index.js';

/** The fake cloud's fixed catalog. */
export const IN_MEMORY_LOCATIONS: readonly LocationV1[] = [
  { id: 'mem-east-1', name: 'Memory East', country: 'US', available: true },
  { id: 'mem-west-1', name: 'Memory West', country: 'US', available: true },
  { id: 'mem-eu-1', name: 'Memory Europe', country: 'DE', available: true },
];

export const IN_MEMORY_SIZES: readonly SizeV1[] = [
  { id: 'small', name: 'Small', vcpus: 1, memoryMiB: 1024, diskGiB: 25, hourlyPriceUsd: 0.0075 },
  { id: 'medium', name: 'Medium', vcpus: 2, memoryMiB: 4096, diskGiB: 80, hourlyPriceUsd: 0.03 },
  { id: 'large', name: 'Large', vcpus: 4, memoryMiB: 8192, diskGiB: 160, hourlyPriceUsd: 0.06 },
];

export const IN_MEMORY_IMAGES: readonly ImageV1[] = [
  { id: 'memory/debian-12', name: 'Debian 12', distribution: 'debian' },
  { id: 'memory/ubuntu-24.04', name: 'Ubuntu 24.04', distribution: 'ubuntu' },
];

export const DEFAULT_LOCATION = 'mem-east-1';
export const DEFAULT_SIZE = 'small';
