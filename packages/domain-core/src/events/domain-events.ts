import type { ErrorCode } from '@ohf/provider-sdk';
import type { MachineState } from '../machine/machine.js';
import type { RequestStatus } from '../request/machine-request.js';

interface EventBase<Type extends string> {
  readonly type: Type;
  readonly occurredAt: string;
}

export interface RequestCreated extends EventBase<'RequestCreated'> {
  readonly requestId: string;
  readonly kind: 'acquire' | 'return';
  readonly templateId?: string;
  readonly requestedCount: number;
}
export interface ProviderSelected extends EventBase<'ProviderSelected'> {
  readonly requestId: string;
  readonly providerInstance: string;
  readonly providerType: string;
  readonly explanation?: unknown;
}
export interface ProvisionAttemptFailed extends EventBase<'ProvisionAttemptFailed'> {
  readonly requestId: string;
  readonly providerInstance: string;
  readonly code: ErrorCode;
  readonly message: string;
  readonly retryable: boolean;
}
export interface RequestStatusChanged extends EventBase<'RequestStatusChanged'> {
  readonly requestId: string;
  readonly from: RequestStatus;
  readonly to: RequestStatus;
}
export interface MachineCreated extends EventBase<'MachineCreated'> {
  readonly machineId: string;
  readonly providerInstanceId: string;
  readonly requestId: string;
  readonly providerInstance: string;
}
export interface MachineStateChanged extends EventBase<'MachineStateChanged'> {
  readonly machineId: string;
  readonly from: MachineState;
  readonly to: MachineState;
}
export interface MachineTerminated extends EventBase<'MachineTerminated'> {
  readonly machineId: string;
  readonly requestId: string;
}
/** Someone booted, shut down or rebooted a machine through its provider. */
export interface MachineActionPerformed extends EventBase<'MachineActionPerformed'> {
  readonly machineId: string;
  readonly providerInstance: string;
  readonly action: 'boot' | 'shutdown' | 'reboot';
}
export interface ProviderHealthChanged extends EventBase<'ProviderHealthChanged'> {
  readonly providerInstance: string;
  readonly healthy: boolean;
  readonly message?: string;
}
export interface CircuitOpened extends EventBase<'CircuitOpened'> {
  readonly providerInstance: string;
  readonly consecutiveFailures: number;
}
export interface CircuitClosed extends EventBase<'CircuitClosed'> {
  readonly providerInstance: string;
}
export interface TemplateChanged extends EventBase<'TemplateChanged'> {
  readonly templateId: string;
  readonly change: 'created' | 'updated' | 'deleted';
}

export type DomainEvent =
  | RequestCreated
  | ProviderSelected
  | ProvisionAttemptFailed
  | RequestStatusChanged
  | MachineCreated
  | MachineStateChanged
  | MachineTerminated
  | MachineActionPerformed
  | ProviderHealthChanged
  | CircuitOpened
  | CircuitClosed
  | TemplateChanged;

export type DomainEventType = DomainEvent['type'];
export type DomainEventOf<Type extends DomainEventType> = Extract<DomainEvent, { type: Type }>;

/** Builds an event stamped with the clock's time. */
export function domainEvent<Type extends DomainEventType>(
  type: Type,
  payload: Omit<DomainEventOf<Type>, 'type' | 'occurredAt'>,
  now: Date,
): DomainEventOf<Type> {
  return { ...payload, type, occurredAt: now.toISOString() } as DomainEventOf<Type>;
}
