import type { InstanceTypeInfo } from '@aws-sdk/client-ec2';
import type { SizeV1 } from '@ohf/provider-sdk';

/** EC2's architecture names as the catalog's two: Mac instances run the same instruction sets. */
const ARCHITECTURE_OF: Readonly<Record<string, 'x86_64' | 'arm64'>> = {
  x86_64: 'x86_64',
  x86_64_mac: 'x86_64',
  i386: 'x86_64',
  arm64: 'arm64',
  arm64_mac: 'arm64',
};

/** The type's architecture; arm64 wins for the rare type that lists both. */
function architectureOf(type: InstanceTypeInfo): 'x86_64' | 'arm64' | undefined {
  const architectures = (type.ProcessorInfo?.SupportedArchitectures ?? []).flatMap((name) => ARCHITECTURE_OF[name] ?? []);
  return architectures.includes('arm64') ? 'arm64' : architectures[0];
}

/**
 * An instance type as a size, its prices still unknown: vCPUs, memory, instance-store disk
 * (0 for EBS-only types), GPUs (every accelerator of `GpuInfo`) and architecture.
 */
export function instanceTypeToSize(type: InstanceTypeInfo & { InstanceType: string }): SizeV1 {
  const architecture = architectureOf(type);
  const gpus = (type.GpuInfo?.Gpus ?? []).reduce((total, gpu) => total + (gpu.Count ?? 0), 0);
  const gpuModels = (type.GpuInfo?.Gpus ?? []).flatMap((gpu) => (gpu.Name ? [`${gpu.Manufacturer ?? ''} ${gpu.Name}`.trim()] : []));
  return {
    id: type.InstanceType,
    name: type.InstanceType,
    vcpus: type.VCpuInfo?.DefaultVCpus ?? 0,
    memoryMiB: type.MemoryInfo?.SizeInMiB ?? 0,
    diskGiB: type.InstanceStorageInfo?.TotalSizeInGB ?? 0,
    hourlyPriceUsd: null,
    gpus,
    ...(architecture ? { architecture } : {}),
    providerMetadata: {
      architectures: type.ProcessorInfo?.SupportedArchitectures ?? [],
      usageClasses: type.SupportedUsageClasses ?? [],
      currentGeneration: type.CurrentGeneration ?? false,
      ...(gpuModels.length > 0 ? { gpuModels } : {}),
    },
  };
}
