import {
  BusinessRuleError,
  createReturnRequest,
  domainEvent,
  newRequestId,
  OhfError,
  type Machine,
  type MachineRequest,
  type ReturnLookup,
} from '@ohf/domain-core';
import { z } from 'zod';
import type { HandlerContext } from '../bus/message-map.js';
import { resolveMachines, type MachineReference } from '../orchestration/machine-resolver.js';
import type { MachineTermination, TerminationPlan } from '../orchestration/machine-termination.js';
import type { OrchestrationContext } from '../orchestration/orchestration-context.js';
import { evaluateReturnRequest } from '../orchestration/request-evaluation.js';
import { updateStatus } from '../orchestration/request-store.js';
import { resolveUnknownMachines } from '../orchestration/return-lookups.js';
import { DryRunField, MachineReferenceSchema, CommandOrganizationField } from '../shared/message-fields.js';
import { auditRecordsOf, originOf, withEvents } from '../events/audit-records.js';
import { returnRequested } from '../orchestration/return-events.js';

export const ReturnMachinesSchema = z.object({
  type: z.literal('ReturnMachines'),
  organizationId: CommandOrganizationField,
  /** By our id (`m-…`) or the cloud's id as `machineId`, or by host name / IP as `name`. */
  machines: z.array(MachineReferenceSchema).min(1, 'give at least one machine').max(10_000),
  idempotencyKey: z.string().min(1).max(255).optional(),
  dryRun: DryRunField,
});
export type ReturnMachinesCommand = z.infer<typeof ReturnMachinesSchema>;

export interface ReturnMachinesResult {
  readonly dryRun: boolean;
  readonly created: boolean;
  /** `ret-…`; absent in a dry run. */
  readonly requestId?: string;
  readonly request?: MachineRequest;
  /** The machines being returned: those storage knew and those found at a provider carrying our tags. */
  readonly machines: readonly Machine[];
  /** References that resolved to no machine of ours (the scheduler's names), reported in `lookups`. */
  readonly notFound: readonly MachineReference[];
  /** What looking those references up at the providers found (see ReturnLookup). */
  readonly lookups: readonly ReturnLookup[];
  /** Dry run: the termination calls per provider instance. */
  readonly plan?: readonly TerminationPlan[];
}

export interface ReturnMachinesDependencies {
  readonly context: OrchestrationContext;
  readonly termination: MachineTermination;
}

/**
 * Returns machines: records a return request, marks the machines, terminates them at their
 * providers (one call per provider instance) and records what happened. Machines storage does
 * not know are looked up at every enabled provider instance, by id and by name (see
 * `resolveUnknownMachines`): ours are recorded and returned, others reported. Every call that
 * is not a dry run records a return request, even when nothing is known or no provider can be
 * asked, so the scheduler always gets a request id whose status ends.
 */
export class ReturnMachinesHandler {
  constructor(private readonly dependencies: ReturnMachinesDependencies) {}

  async handle(command: ReturnMachinesCommand, handlerContext: HandlerContext): Promise<ReturnMachinesResult> {
    const { context, termination } = this.dependencies;
    if (command.idempotencyKey !== undefined && !command.dryRun) {
      const existing = await context.requests.findByIdempotencyKey(command.idempotencyKey);
      if (existing !== undefined) return this.replay(existing, command.idempotencyKey, command.organizationId);
    }
    const signalOption = handlerContext.signal === undefined ? {} : { signal: handlerContext.signal };
    const resolved = await resolveMachines(context.machines, command.machines, command.organizationId);
    const looked = await resolveUnknownMachines(context, resolved.unknown, { ...signalOption, dryRun: command.dryRun, organizationId: command.organizationId });
    const found = [...new Map([...resolved.found, ...looked.machines].map((machine) => [machine.machineId, machine])).values()];
    const notFound = referencesOf(looked.lookups);
    if (command.dryRun) {
      return { dryRun: true, created: false, machines: found, notFound, lookups: looked.lookups, plan: await termination.plan(found) };
    }

    const requestId = newRequestId('return', context.ids);
    let request: MachineRequest;
    try {
      request = await context.requests.save(
        createReturnRequest(
          {
            requestId,
            organizationId: command.organizationId,
            machineIds: found.map((machine) => machine.machineId),
            lookups: looked.lookups,
            ...(command.idempotencyKey === undefined ? {} : { idempotencyKey: command.idempotencyKey }),
          },
          context.clock,
        ),
      );
    } catch (error) {
      if (OhfError.isInstance(error) && error.code === 'CONFLICT' && command.idempotencyKey !== undefined) {
        const winner = await context.requests.findByIdempotencyKey(command.idempotencyKey);
        if (winner !== undefined) return this.replay(winner, command.idempotencyKey, command.organizationId);
      }
      throw error;
    }
    const origin = originOf(command.organizationId, handlerContext);
    const now = context.clock.now().toISOString();
    const marked = found.map((machine) => ({ ...machine, returnRequestId: requestId, updatedAt: now }));
    const returning = returnRequested(marked, requestId, context.clock);
    if (marked.length > 0) await context.machines.saveMany(marked, withEvents(auditRecordsOf(returning, origin)));
    // From its first save on, a worker may take the request up too (and save it in between):
    // each later change is applied again to the stored version, and one the worker already made
    // final stays as the worker left it.
    const created = domainEvent('RequestCreated', { requestId, kind: 'return', requestedCount: request.requestedCount }, context.clock.now());
    const started = await updateStatus(context.requests, request, 'in_progress', 'Terminating machines.', context.clock, (events) =>
      auditRecordsOf([created, ...events], origin),
    );
    request = started.request;
    await context.events.publish(created, ...returning, ...started.events);

    const terminated = await termination.terminate(marked, signalOption);
    // Settle the status now: machines already gone (and lookups already decided) may end the request at once.
    const verdict = evaluateReturnRequest(request, terminated.machines, terminated.problems);
    if (verdict.status !== request.status || verdict.message !== request.message) {
      const settled = await updateStatus(context.requests, request, verdict.status, verdict.message, context.clock, (events) =>
        auditRecordsOf(events, { organizationId: command.organizationId }),
      );
      request = settled.request;
      await context.events.publish(...settled.events);
    }
    return { dryRun: false, created: true, requestId, request, machines: terminated.machines, notFound, lookups: request.lookups };
  }

  private async replay(existing: MachineRequest, idempotencyKey: string, organizationId: string): Promise<ReturnMachinesResult> {
    if (existing.organizationId !== organizationId) {
      throw new BusinessRuleError('CONFLICT', `Idempotency key "${idempotencyKey}" is already in use; choose another key.`, { details: { field: 'idempotencyKey' } });
    }
    if (existing.kind !== 'return') {
      throw new BusinessRuleError('CONFLICT', `Idempotency key "${idempotencyKey}" belongs to acquire request ${existing.requestId}.`, {
        details: { requestId: existing.requestId, field: 'idempotencyKey' },
      });
    }
    const machines: Machine[] = [];
    for (const machineId of existing.machineIds) {
      const machine = await this.dependencies.context.machines.findById(machineId);
      if (machine !== undefined) machines.push(machine);
    }
    return { dryRun: false, created: false, requestId: existing.requestId, request: existing, machines, notFound: referencesOf(existing.lookups), lookups: existing.lookups };
  }
}

function referencesOf(lookups: readonly ReturnLookup[]): MachineReference[] {
  return lookups.map((lookup) => ({ ...(lookup.machineId === undefined ? {} : { machineId: lookup.machineId }), ...(lookup.name === undefined ? {} : { name: lookup.name }) }));
}
