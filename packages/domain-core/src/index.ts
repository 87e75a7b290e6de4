export { VERSION } from './version.js';

export { ERROR_CODES, RETRYABLE_ERROR_CODES, isErrorCode, type ErrorCode } from './errors/error-codes.js';
export {
  OHF_ERROR_MARKER,
  OhfError,
  ValidationError,
  BusinessRuleError,
  NotFoundError,
  StorageError,
  ConfigurationError,
  ProviderError,
  CommandError,
  QueryError,
  toErrorEnvelope,
  type ErrorDetails,
  type ErrorEnvelope,
  type ErrorKind,
  type ErrorLayer,
  type OhfErrorLike,
  type OhfErrorOptions,
} from './errors/ohf-error.js';

export {
  TemplateIdSchema,
  RequestIdSchema,
  AcquireRequestIdSchema,
  ReturnRequestIdSchema,
  MachineIdSchema,
  newRequestId,
  newMachineId,
  requestKindOf,
  parseTemplateId,
  randomIdGenerator,
  systemClock,
  type TemplateId,
  type RequestId,
  type MachineId,
  type RequestKind,
  type IdGenerator,
  type Clock,
} from './shared/identifiers.js';
export { assertTransition, type TransitionTable } from './shared/state-machine.js';

export {
  TemplateSchema,
  TemplateAttributesSchema,
  AttributeValueSchema,
  PRICE_TYPES,
  FLEET_TYPES,
  AWS_PROVIDER_APIS,
  ALLOCATION_STRATEGIES,
  allowsCount,
  instanceTypesOf,
  parseInstanceTags,
  formatInstanceTags,
  type Template,
  type TemplateInput,
  type TemplateAttributes,
  type AttributeValue,
  type PriceType,
  type FleetType,
} from './template/template.js';

export {
  MachineRequestSchema,
  ProvisionAttemptSchema,
  AttemptErrorSchema,
  REQUEST_STATUSES,
  REQUEST_TRANSITIONS,
  FINAL_REQUEST_STATUSES,
  createAcquireRequest,
  createReturnRequest,
  transitionRequest,
  isRequestFinal,
  type MachineRequest,
  type ProvisionAttempt,
  type RequestStatus,
  type NewAcquireRequest,
  type NewReturnRequest,
} from './request/machine-request.js';

export {
  MachineSchema,
  MACHINE_STATES,
  MACHINE_TRANSITIONS,
  observeMachine,
  isMachineGone,
  type Machine,
  type MachineInput,
  type MachineState,
  type MachineObservation,
} from './machine/machine.js';

export {
  domainEvent,
  type DomainEvent,
  type DomainEventType,
  type DomainEventOf,
  type RequestCreated,
  type ProviderSelected,
  type ProvisionAttemptFailed,
  type RequestStatusChanged,
  type MachineCreated,
  type MachineStateChanged,
  type MachineTerminated,
  type ProviderHealthChanged,
  type CircuitOpened,
  type CircuitClosed,
  type TemplateChanged,
} from './events/domain-events.js';

export {
  TemplateRepository,
  RequestRepository,
  MachineRepository,
  type Page,
  type TemplateSearchCriteria,
  type RequestListFilter,
  type MachineListFilter,
} from './ports/repositories.js';
