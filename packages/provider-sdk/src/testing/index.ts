/**
 * The conformance kit and the in-memory test double for provider authors and application
 * tests (published as @ohf/provider-sdk/testing). Nothing here belongs in production code.
 */
export { VERSION } from '../version.js';

export {
  runProviderConformance,
  OPTIONAL_MEMBERS_V1,
  type OptionalMemberV1,
  type ProviderConformanceOptions,
} from './conformance/run-provider-conformance.js';
export type {
  ConformanceHarness,
  ConformanceFailureKind,
  ConformanceOperation,
} from './conformance/conformance-harness.js';

export {
  createInMemoryProvider,
  type InMemoryProvider,
  type InMemoryProviderOptions,
  type InMemoryFaults,
} from './in-memory/in-memory-provider.js';
export {
  inMemoryProviderDefinition,
  InMemoryProviderSettingsSchema,
  InMemoryFaultsSchema,
  type InMemoryProviderSettings,
} from './in-memory/in-memory-provider-definition.js';
export {
  InMemoryCloud,
  InMemoryCloudError,
  type InMemoryCloudOptions,
  type InMemoryCloudOperation,
} from './in-memory/in-memory-cloud.js';
export type { StoredInstance as InMemoryInstanceRecord, InMemoryFailureKind } from './in-memory/in-memory-cloud-state.js';
export {
  IN_MEMORY_NATIVE_STATES,
  IN_MEMORY_STATE_MAP,
  type InMemoryNativeState,
} from './in-memory/in-memory-state-map.js';
export { IN_MEMORY_APPS, IN_MEMORY_IMAGES, IN_MEMORY_LOCATIONS, IN_MEMORY_SIZES } from './in-memory/in-memory-catalog.js';
