export { VERSION } from './version.js';

// The vocabulary (error codes, machine states) is the provider spec's: one list, owned by provider-sdk.
export { ERROR_CODES, RETRYABLE_ERROR_CODES, isErrorCode, type ErrorCode } from '@ohf/provider-sdk';
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
  newRequestId,
  newMachineId,
  randomIdGenerator,
  systemClock,
  type RequestId,
  type MachineId,
  type RequestKind,
  type IdGenerator,
  type Clock,
} from './shared/identifiers.js';
export { identifierProblem, freeTextProblem, MAX_IDENTIFIER_LENGTH } from './shared/identifier-text.js';

export {
  TemplateSchema,
  TemplateAttributesSchema,
  AttributeValueSchema,
  PRICE_TYPES,
  FLEET_TYPES,
  AWS_PROVIDER_APIS,
  ALLOCATION_STRATEGIES,
  allowsCount,
  availableNumberOf,
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
  REQUEST_STATUSES,
  createAcquireRequest,
  createReturnRequest,
  transitionRequest,
  isRequestFinal,
  type MachineRequest,
  type ProvisionAttempt,
  type RequestStatus,
  type NewAcquireRequest,
  type NewReturnRequest,
  type ReturnLookup,
  type ReturnLookupOutcome,
} from './request/machine-request.js';

export {
  MachineSchema,
  MACHINE_STATES,
  observeMachine,
  observationChanges,
  type Machine,
  type MachineInput,
  type MachineState,
  type MachineObservation,
} from './machine/machine.js';
export { safeParseMachine } from './machine/parse-machine.js';

export {
  domainEvent,
  type DomainEvent,
  type DomainEventType,
  type DomainEventOf,
  type RequestCreated,
  type ProviderSelected,
  type ProvisionAttemptFailed,
  type ProvisionAttemptStarted,
  type ProvisionAttemptEnded,
  type ProviderFailover,
  type RequestCancelled,
  type MachineReturnRequested,
  type RequestStatusChanged,
  type MachineCreated,
  type MachineStateChanged,
  type MachineActionPerformed,
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
  type OutstandingFilter,
  type RequestWithMachines,
  type MachineListFilter,
  StateStore,
  WorkQueue,
  type StoredState,
  type StatePutOptions,
  type ClaimWorkOptions,
  type WorkLease,
  type WorkClaim,
  type RenewLeaseOptions,
  type ReleaseWorkOptions,
} from './ports/repositories.js';
export { readRequestWithMachines } from './ports/read-request-with-machines.js';

export {
  CURRENCIES,
  CurrencySchema,
  HOURS_PER_MONTH,
  CatalogPlanSchema,
  CatalogRegionSchema,
  CatalogImageSchema,
  CatalogAppSchema,
  type Currency,
  type CatalogPlan,
  type CatalogPlanInput,
  type CatalogRegion,
  type CatalogImage,
  type CatalogApp,
  type ProviderCatalog,
} from './catalog/catalog-records.js';
export {
  MarkupRuleSchema,
  PricingConfigSchema,
  markupRuleFor,
  monthlyPriceFromHourly,
  priceWithMarkup,
  type MarkupRule,
  type MarkupRuleInput,
  type PricingConfig,
  type PlanPrice,
} from './catalog/markup.js';
export {
  PLAN_SORT_KEYS,
  PlanQuerySchema,
  compareByPrice,
  planMatches,
  queryPlans,
  type PlanQuery,
  type PlanQueryInput,
  type PricedPlan,
} from './catalog/plan-query.js';
export { CatalogRepository, type CatalogScope } from './catalog/catalog-repository.js';
export { LaunchCostSchema, type LaunchCost } from './catalog/launch-cost.js';
export {
  BILLED_MACHINE_STATES,
  COST_GROUPINGS,
  billedInterval,
  summarizeCosts,
  type CostGroup,
  type CostGrouping,
  type CostOptions,
  type CostSummary,
} from './catalog/machine-costs.js';

export {
  DEFAULT_ORGANIZATION_ID,
  OrganizationIdSchema,
  OrganizationQuotasSchema,
  OrganizationSchema,
  ORGANIZATION_ROLES,
  UserSchema,
  MembershipSchema,
  ApiKeyRecordSchema,
  roleAllows,
  isApiKeyActive,
  type Organization,
  type OrganizationQuotas,
  type OrganizationRole,
  type RolePermission,
  type User,
  type Membership,
  type ApiKeyRecord,
} from './tenancy/organization.js';
export {
  ProviderInstanceRecordSchema,
  type ProviderInstanceRecord,
  type ProviderInstanceRecordInput,
} from './tenancy/provider-instance-record.js';
export { TenancyRepository, ProviderInstanceRepository } from './tenancy/tenancy-repository.js';
export {
  ActorSchema,
  EventSourceSchema,
  AuditEventInputSchema,
  AuditEventSchema,
  AuditLog,
  SYSTEM_ACTOR,
  CLI_ACTOR,
  type Actor,
  type EventSource,
  type AuditEvent,
  type AuditEventInput,
  type AuditEventFilter,
  type SaveOptions,
} from './audit/audit-event.js';
export {
  WebhookSchema,
  WebhookDeliverySchema,
  WEBHOOK_DELIVERY_STATUSES,
  WebhookRepository,
  type Webhook,
  type WebhookDelivery,
  type WebhookDeliveryStatus,
} from './audit/webhook.js';
