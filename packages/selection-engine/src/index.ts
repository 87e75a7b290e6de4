export { VERSION } from './version.js';

export {
  SELECTION_POLICIES,
  SelectionPolicySchema,
  RANDOM_WEIGHTINGS,
  type SelectionPolicy,
  type RandomWeighting,
} from './config/selection-policy.js';
export {
  ProviderInstanceSchema,
  ProviderInstanceNameSchema,
  parseProviderInstance,
  type ProviderInstance,
  type ProviderInstanceInput,
} from './config/provider-instance.js';
export {
  SelectionCriteriaSchema,
  ResolvedSelectionCriteriaSchema,
  DEFAULT_SELECTION_CRITERIA,
  resolveSelectionCriteria,
  parseSelectionCriteria,
  type SelectionCriteria,
  type ResolvedSelectionCriteria,
} from './config/selection-criteria.js';
export {
  CircuitBreakerConfigSchema,
  DEFAULT_CIRCUIT_BREAKER_CONFIG,
  type CircuitBreakerConfig,
} from './config/circuit-breaker-config.js';
export {
  CAPACITY_BLOCK_KINDS,
  CAPACITY_BLOCK_SCOPES,
  DEFAULT_CAPACITY_BLOCK_TTL_SECONDS,
  CapacityBlockTtlSecondsSchema,
  capacityBlockKindOf,
  type CapacityBlockKind,
  type CapacityBlockTtlSeconds,
} from './config/capacity-block-kind.js';
export {
  EngineConfigurationSchema,
  SelectionEngineConfigSchema,
  parseEngineConfiguration,
  parseSelectionEngineConfig,
  type EngineConfiguration,
  type EngineConfigurationInput,
  type SelectionEngineConfig,
} from './config/engine-configuration.js';
export { HealthUpdateSchema, parseHealthUpdate, type HealthUpdate } from './config/health-update.js';
export { seededRandom, type RandomSource } from './random/random-source.js';
export { BREAKER_NEUTRAL_ERROR_CODES } from './health/breaker-neutral-errors.js';
export type { CircuitState } from './health/circuit-breaker.js';

export {
  SelectionEngine,
  createSelectionEngine,
  type SelectionEngineOptions,
  type SelectOptions,
  type ResolveOptions,
  type TemplateSelectionInput,
  type FailureInput,
  type OutcomeInput,
  type CapacityBlockInput,
  type CapacityBlockQuery,
  type OperationHandle,
  type HealthOptions,
} from './engine/selection-engine.js';
export type { EngineSettings } from './engine/engine-snapshot.js';
export {
  RESOLUTION_MODES,
  SelectionDecisionSchema,
  type ResolutionMode,
  type SelectionDecision,
  type SelectionRoute,
  type FailoverRecord,
} from './engine/selection-decision.js';
export {
  SKIP_REASONS,
  TRANSIENT_SKIP_REASONS,
  formatExplanation,
  type SkipReason,
  type SkipDetail,
  type CandidateExplanation,
  type ExplanationStep,
  type SelectionExplanation,
} from './engine/selection-explanation.js';
export type {
  CapacityBlockView,
  CircuitView,
  HealthHistoryEntry,
  HealthStatus,
  InstanceHealth,
  InstanceMetrics,
  MetricsOptions,
  RecentError,
} from './engine/instance-reports.js';
export type { LatencySummary, OperationMetrics } from './metrics/metrics-summary.js';
export {
  SelectionStateSchema,
  SELECTION_STATE_FORMAT,
  SELECTION_STATE_VERSION,
  type SelectionState,
  type ImportStateReport,
} from './engine/selection-state.js';
