import { ProviderRegistry } from '@ohf/provider-sdk';

/**
 * The provider types Open Host Factory ships. Each is imported only when an instance of it is
 * first created, so a command that never touches AWS never pays for loading the AWS SDK.
 * `memory` is the provider-sdk's in-memory test double: useful for trials, demos and tests,
 * never for real machines.
 */
export function createDefaultProviderRegistry(): ProviderRegistry {
  const registry = new ProviderRegistry();
  registry.registerLazy('aws', async () => (await import('@ohf/provider-aws')).awsProviderDefinition);
  registry.registerLazy('linode', async () => (await import('@ohf/provider-linode')).linodeProviderDefinition);
  registry.registerLazy('digitalocean', async () => (await import('@ohf/provider-digitalocean')).digitalOceanProviderDefinition);
  registry.registerLazy('memory', async () => (await import('@ohf/provider-sdk/testing')).inMemoryProviderDefinition);
  return registry;
}
