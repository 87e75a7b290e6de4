/**
 * Operation names provider calls are recorded under (selection metrics, per-operation
 * breakdowns of getProviderMetrics, the `operation` metric label). They follow the strategy
 * guide's operation types.
 */
export const PROVIDER_OPERATIONS = {
  createInstances: 'CREATE_INSTANCES',
  terminateInstances: 'TERMINATE_INSTANCES',
  describeInstances: 'GET_INSTANCE_STATUS',
  findInstancesByTag: 'FIND_INSTANCES_BY_TAG',
  findInstancesByName: 'FIND_INSTANCES_BY_NAME',
  findInstancesByTagKey: 'FIND_INSTANCES_BY_TAG_KEY',
  releaseRequestResources: 'RELEASE_REQUEST_RESOURCES',
  validateTemplate: 'VALIDATE_TEMPLATE',
  healthCheck: 'HEALTH_CHECK',
  listCatalog: 'LIST_CATALOG',
  performAction: 'PERFORM_ACTION',
} as const;

export type ProviderOperation = (typeof PROVIDER_OPERATIONS)[keyof typeof PROVIDER_OPERATIONS];
