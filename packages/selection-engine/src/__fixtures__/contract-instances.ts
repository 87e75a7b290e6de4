import type { ProviderInstanceInput } from '../config/provider-instance.js';

/** The provider instances of the contract example configuration (contract/examples/config.yaml). */
export const CONTRACT_INSTANCES: readonly ProviderInstanceInput[] = [
  { name: 'aws-us-east-1', type: 'aws', enabled: true, priority: 1, weight: 10, capabilities: ['EC2Fleet', 'SpotFleet', 'RunInstances', 'ASG'] },
  { name: 'aws-us-west-2', type: 'aws', enabled: true, priority: 2, weight: 5, capabilities: ['EC2Fleet', 'RunInstances'] },
  { name: 'linode-main', type: 'linode', enabled: true, priority: 3, weight: 2 },
  { name: 'do-main', type: 'digitalocean', enabled: false, priority: 4, weight: 2 },
];

export const CONTRACT_FALLBACK: readonly string[] = ['aws-us-west-2', 'linode-main', 'do-main'];
