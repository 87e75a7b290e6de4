/**
 * The storage contract suite and its helpers (published as @ohf/persistence/testing).
 */
export { VERSION } from '../version.js';
export {
  PREVIOUS_RELEASE_STATE,
  runStorageContract,
  type CreateStorageSubject,
  type StorageContractContext,
  type StorageContractSubject,
} from './storage-contract.js';
export { ManualClock } from './manual-clock.js';
export { PREVIOUS_RELEASE_CREATED_AT, PREVIOUS_RELEASE_MACHINE, PREVIOUS_RELEASE_REQUEST } from './previous-release.js';
export {
  sampleApiKey,
  sampleDelivery,
  sampleEvent,
  sampleOrganization,
  sampleProviderInstance,
  sampleUser,
  sampleWebhook,
  secretHashOf,
} from './sample-tenancy.js';
export { sampleMachine, sampleRequest, sequentialUuid } from './sample-records.js';
export { EXACT_MARKUP_RULE, exactMarkupCases, samplePlan, sampleProviderCatalog, type ExactMarkupCase } from './sample-catalog.js';
export {
  createPostgresTestSchema,
  testDatabaseUrl,
  DEFAULT_TEST_DATABASE_URL,
  type PostgresTestSchema,
} from './postgres-test-schema.js';
