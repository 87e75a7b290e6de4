import { domainEvent, MachineSchema, newMachineId, type Clock, type DomainEvent, type IdGenerator, type LaunchCost, type Machine } from '@ohf/domain-core';
import { OHF_TAG_KEYS, type InstanceV1 } from '@ohf/provider-sdk';

export interface MachineOrigin extends LaunchCost {
  /** The organization of the request that launched it; default the default organization. */
  readonly organizationId?: string;
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
    organizationId: origin.organizationId,
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
    planId: origin.planId,
    priceHourly: origin.priceHourly,
    currency: origin.currency,
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

/** Whether we launched the instance: everything we create carries the request id tag. */
export function isLaunchedByUs(instance: InstanceV1): boolean {
  return (instance.tags[OHF_TAG_KEYS.requestId] ?? '') !== '';
}

/**
 * A Machine record for an instance we launched but do not track (records lost, or never
 * written): its request and template come from its tags.
 */
export function machineFromTaggedInstance(
  instance: InstanceV1,
  where: { readonly providerInstance: string; readonly providerType: string; readonly organizationId?: string },
  clock: Clock,
  ids: IdGenerator,
): Machine {
  return machineFromInstance(
    instance,
    {
      ...(where.organizationId === undefined ? {} : { organizationId: where.organizationId }),
      requestId: instance.tags[OHF_TAG_KEYS.requestId] ?? '',
      templateId: instance.tags[OHF_TAG_KEYS.templateId] ?? '',
      providerType: where.providerType,
      providerInstance: where.providerInstance,
    },
    clock,
    ids,
  );
}

/** The MachineCreated event of a machine recorded now. */
export function machineCreatedEvent(machine: Machine, clock: Clock): DomainEvent {
  return domainEvent(
    'MachineCreated',
    {
      machineId: machine.machineId,
      providerInstanceId: machine.providerInstanceId,
      requestId: machine.requestId,
      providerInstance: machine.providerInstance,
    },
    clock.now(),
  );
}
