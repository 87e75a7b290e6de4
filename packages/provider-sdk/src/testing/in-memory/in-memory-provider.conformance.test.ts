import { OPTIONAL_MEMBERS_V1, runProviderConformance } from '../conformance/run-provider-conformance.js';
import { IN_MEMORY_NATIVE_STATES, IN_MEMORY_STATE_MAP } from './in-memory-state-map.js';
import { createInMemoryProvider } from './in-memory-provider.js';

const provider = createInMemoryProvider({ instanceName: 'memory-conformance' });

runProviderConformance({
  name: 'in-memory test double',
  createProvider: () => createInMemoryProvider({ instanceName: 'memory-conformance', cloud: provider.cloud }),
  harness: provider.harness,
  fixtures: {
    template: { templateId: 'memory-small', vmType: 'small', imageId: 'memory/debian-12', providerOptions: { memory: { location: 'mem-eu-1' } } },
    nativeStates: IN_MEMORY_NATIVE_STATES,
    stateMap: IN_MEMORY_STATE_MAP,
  },
  capabilities: { describeBatchSize: 100, supportsDryRun: true },
  optionalMembers: OPTIONAL_MEMBERS_V1,
});

// A batch size of 1 exercises the other side of the batching check.
const unbatched = createInMemoryProvider({ instanceName: 'memory-unbatched', capabilities: { describeBatchSize: 1 } });

runProviderConformance({
  name: 'in-memory test double without batched reads',
  createProvider: () => createInMemoryProvider({ instanceName: 'memory-unbatched', cloud: unbatched.cloud, capabilities: { describeBatchSize: 1 } }),
  harness: unbatched.harness,
  fixtures: { template: { templateId: 'memory-small' } },
});
