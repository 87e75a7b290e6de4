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
/** An instance is asked for machines for a request (attempt 1, or a retry or failover after it). */
export interface ProvisionAttemptStarted extends EventBase<'ProvisionAttemptStarted'> {
  readonly requestId: string;
  readonly providerInstance: string;
  readonly providerType: string;
  /** 1 for the request's first attempt. */
  readonly attempt: number;
  readonly requestedCount: number;
}
/** What one attempt delivered: every started attempt ends with one (a failed one also has ProvisionAttemptFailed). */
export interface ProvisionAttemptEnded extends EventBase<'ProvisionAttemptEnded'> {
  readonly requestId: string;
  readonly providerInstance: string;
  readonly attempt: number;
  /** `succeeded`: all asked for delivered (or on their way); `partial`: some; `failed`: none. */
  readonly outcome: 'succeeded' | 'partial' | 'failed';
  readonly requestedCount: number;
  /** Machines created or on their way. */
  readonly deliveredCount: number;
  readonly errorCode?: ErrorCode;
  readonly errorMessage?: string;
}
/** Selection moved a request to another instance after one failed it. */
export interface ProviderFailover extends EventBase<'ProviderFailover'> {
  readonly requestId: string;
  readonly fromInstance: string;
  readonly toInstance: string;
  /** The failure that moved it: error code and message. */
  readonly reason: string;
}
/** Someone cancelled an unfinished acquire request. */
export interface RequestCancelled extends EventBase<'RequestCancelled'> {
  readonly requestId: string;
  /** Whether its machines are being returned too. */
  readonly terminateMachines: boolean;
}
/** A machine was put on a return request (it is being terminated). */
export interface MachineReturnRequested extends EventBase<'MachineReturnRequested'> {
  readonly machineId: string;
  /** The return request. */
  readonly requestId: string;
  readonly providerInstance: string;
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
  | ProvisionAttemptStarted
  | ProvisionAttemptEnded
  | ProviderFailover
  | RequestCancelled
  | MachineReturnRequested
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
