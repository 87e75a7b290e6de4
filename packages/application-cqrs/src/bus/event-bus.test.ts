import { domainEvent } from '@ohf/domain-core';
import { describe, expect, it } from 'vitest';
import { InMemoryMetricsSink } from '../adapters/in-memory-metrics-sink.js';
import { MemoryLogger } from '../adapters/memory-logger.js';
import { APPLICATION_METRICS } from '../ports/metrics-sink.js';
import { EventBus } from './event-bus.js';

const now = new Date('2026-01-01T00:00:00Z');

describe('EventBus', () => {
  it('delivers events to subscribers of their type and to wildcard subscribers, in order', async () => {
    const bus = new EventBus();
    const seen: string[] = [];
    bus.subscribe('RequestCreated', (event) => {
      seen.push(`created:${event.requestId}`);
    });
    bus.subscribe('*', (event) => {
      seen.push(`any:${event.type}`);
    });
    await bus.publish(
      domainEvent('RequestCreated', { requestId: 'r1', kind: 'acquire', templateId: 't', requestedCount: 1 }, now),
      domainEvent('CircuitClosed', { providerInstance: 'a' }, now),
    );
    expect(seen).toEqual(['created:r1', 'any:RequestCreated', 'any:CircuitClosed']);
  });

  it('isolates a failing subscriber: logged, counted, the others still run', async () => {
    const logger = new MemoryLogger();
    const metrics = new InMemoryMetricsSink();
    const bus = new EventBus({ logger, metrics });
    const seen: string[] = [];
    bus.subscribe('CircuitOpened', () => {
      throw new Error('audit log is full');
    });
    const unsubscribe = bus.subscribe('CircuitOpened', (event) => {
      seen.push(event.providerInstance);
    });
    await bus.publish(domainEvent('CircuitOpened', { providerInstance: 'aws-a', consecutiveFailures: 5 }, now));
    expect(seen).toEqual(['aws-a']);
    expect(metrics.total(APPLICATION_METRICS.eventSubscriberFailuresTotal, { type: 'CircuitOpened' })).toBe(1);
    expect(logger.entries.some((entry) => entry.level === 'error' && JSON.stringify(entry.data).includes('audit log is full'))).toBe(true);
    unsubscribe();
    await bus.publish(domainEvent('CircuitOpened', { providerInstance: 'aws-b', consecutiveFailures: 5 }, now));
    expect(seen).toEqual(['aws-a']);
  });
});
