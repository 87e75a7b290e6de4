import type { Clock as DomainClock, IdGenerator as DomainIdGenerator } from '@ohf/domain-core';

/** The wall clock (domain-core's interface); injected so tests control time. */
export type Clock = DomainClock;
export const Clock = Symbol.for('ohf.Clock');

/** Source of uuids for request and machine ids; injected so tests can predict them. */
export type IdGenerator = DomainIdGenerator;
export const IdGenerator = Symbol.for('ohf.IdGenerator');
