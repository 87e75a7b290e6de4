import { domainEvent, type Clock, type DomainEvent, type Machine } from '@ohf/domain-core';

/** One MachineReturnRequested per machine put on a return request. */
export function returnRequested(machines: readonly Machine[], returnRequestId: string, clock: Clock): DomainEvent[] {
  const now = clock.now();
  return machines.map((machine) =>
    domainEvent('MachineReturnRequested', { machineId: machine.machineId, requestId: returnRequestId, providerInstance: machine.providerInstance }, now),
  );
}
