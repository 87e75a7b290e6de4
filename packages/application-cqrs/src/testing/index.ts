/**
 * In-memory ports for tests and benchmarks (published as @ohf/application-cqrs/testing):
 * repositories, provider instances, a manual clock, sequential ids, a logger and a metrics sink
 * that remember what they were given.
 */
export { InMemoryRequestRepository } from '../adapters/in-memory-request-repository.js';
export { InMemoryMachineRepository } from '../adapters/in-memory-machine-repository.js';
export { InMemoryTemplateRepository } from '../adapters/in-memory-template-repository.js';
export { InMemoryAuditLog } from '../adapters/in-memory-audit-log.js';
export { InMemoryTenancyRepository } from '../adapters/in-memory-tenancy-repository.js';
export { InMemoryStateStore } from '../adapters/in-memory-state-store.js';
export { InMemoryCatalogRepository } from '../adapters/in-memory-catalog-repository.js';
export { InMemoryProviderInstances, type InMemoryProviderInstance } from '../adapters/in-memory-provider-instances.js';
export { InMemoryMetricsSink, type RecordedMetric } from '../adapters/in-memory-metrics-sink.js';
export { MemoryLogger, type LogEntry } from '../adapters/memory-logger.js';
export { ManualClock } from '../adapters/manual-clock.js';
export { SequentialIdGenerator } from '../adapters/sequential-id-generator.js';
