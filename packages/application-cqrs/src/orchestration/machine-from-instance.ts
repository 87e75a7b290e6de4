import { MachineSchema, newMachineId, type Clock, type IdGenerator, type Machine } from '@ohf/domain-core';
import type { InstanceV1 } from '@ohf/provider-sdk';

export interface MachineOrigin {
  readonly requestId: string;
  readonly templateId: string;
  readonly providerType: string;
  readonly providerInstance: string;
  readonly providerApi?: string;
  readonly priceType?: string;
}

/** A new Machine record for an instance a provider created (or one found by its tags). */
export function machineFromInstance(instance: InstanceV1, origin: MachineOrigin, clock: Clock, ids: IdGenerator): Machine {
  const now = clock.now().toISOString();
  return MachineSchema.parse({
    machineId: newMachineId(ids),
    providerInstanceId: instance.id,
    requestId: origin.requestId,
    templateId: origin.templateId,
    providerType: origin.providerType,
    providerInstance: origin.providerInstance,
    providerApi: origin.providerApi,
    state: instance.state,
    rawState: instance.rawState,
    privateIpAddress: instance.privateIpAddress ?? null,
    publicIpAddress: instance.publicIpAddress ?? null,
    hostName: instance.hostName ?? instance.name ?? null,
    priceType: instance.lifecycle ?? origin.priceType,
    instanceType: instance.instanceType,
    launchTime: instance.launchTime,
    tags: instance.tags ?? {},
    providerMetadata: instance.providerMetadata,
    createdAt: now,
    updatedAt: now,
  });
}

/** Machines are told apart by instance and cloud id: two clouds may reuse the same number. */
export function machineKey(providerInstance: string, providerInstanceId: string): string {
  return `${providerInstance}\u0000${providerInstanceId}`;
}
