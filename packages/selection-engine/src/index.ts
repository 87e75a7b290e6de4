export { VERSION } from './version.js';

// The engine
export { SelectionEngine, createSelectionEngine } from './engine/selection-engine.js';
export type {
  SelectionEngineOptions,
  SelectOptions,
  ResolveOptions,
  TemplateSelectionInput,
  FailureInput,
  OutcomeInput,
  CapacityBlockInput,
  CapacityBlockQuery,
  OperationHandle,
  HealthOptions,
} from './engine/selection-engine.js';
export type { EngineSettings } from './engine/engine-snapshot.js';
export type { RandomSource } from './random/random-source.js';

// Configuration: what the engine is built and changed with
export { SELECTION_POLICIES, type SelectionPolicy, type RandomWeighting } from './config/selection-policy.js';
export type { ProviderInstance, ProviderInstanceInput } from './config/provider-instance.js';
export { parseSelectionCriteria, type SelectionCriteria, type ResolvedSelectionCriteria } from './config/selection-criteria.js';
export { CandidatePriceSchema, CandidatePricesSchema, type CandidatePrice, type CandidatePrices } from './config/candidate-price.js';
export type { CircuitBreakerConfig } from './config/circuit-breaker-config.js';
export type { CapacityBlockKind, CapacityBlockTtlSeconds } from './config/capacity-block-kind.js';
export {
  parseEngineConfiguration,
  parseSelectionEngineConfig,
  type EngineConfiguration,
  type EngineConfigurationInput,
  type SelectionEngineConfig,
} from './config/engine-configuration.js';
export { parseHealthUpdate, type HealthUpdate } from './config/health-update.js';

// Decisions and their explanations
export {
  SelectionDecisionSchema,
  type ResolutionMode,
  type SelectionDecision,
  type SelectionRoute,
  type FailoverRecord,
} from './engine/selection-decision.js';
export {
  TRANSIENT_SKIP_REASONS,
  formatExplanation,
  type SkipReason,
  type SkipDetail,
  type CandidateExplanation,
  type ExplanationStep,
  type SelectionExplanation,
} from './engine/selection-explanation.js';

// Reports and state
export type { CircuitState } from './health/circuit-breaker.js';
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
export type { SelectionState, ImportStateReport } from './engine/selection-state.js';
