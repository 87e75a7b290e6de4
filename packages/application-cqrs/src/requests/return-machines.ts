import {
  BusinessRuleError,
  createReturnRequest,
  domainEvent,
  newRequestId,
  NotFoundError,
  OhfError,
  type Machine,
  type MachineRequest,
} from '@ohf/domain-core';
import { z } from 'zod';
import type { HandlerContext } from '../bus/message-map.js';
import { resolveMachines, type MachineReference } from '../orchestration/machine-resolver.js';
import type { MachineTermination, TerminationPlan } from '../orchestration/machine-termination.js';
import type { OrchestrationContext } from '../orchestration/orchestration-context.js';
import { evaluateReturnRequest } from '../orchestration/request-evaluation.js';
import { withStatus } from '../orchestration/request-store.js';
import { DryRunField, MachineReferenceSchema } from '../shared/message-fields.js';

export const ReturnMachinesSchema = z.object({
  type: z.literal('ReturnMachines'),
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
  readonly machines: readonly Machine[];
  /** References that match no machine we know (reported, not fatal). */
  readonly notFound: readonly MachineReference[];
  /** Dry run: the termination calls per provider instance. */
  readonly plan?: readonly TerminationPlan[];
}

export interface ReturnMachinesDependencies {
  readonly context: OrchestrationContext;
  readonly termination: MachineTermination;
}

/**
 * Returns machines: records a return request, marks the machines, terminates them at their
 * providers (one call per provider instance) and records what happened. Machines already gone
 * count as returned. The request completes only once every machine is terminated, which
 * status calls observe.
 */
export class ReturnMachinesHandler {
  constructor(private readonly dependencies: ReturnMachinesDependencies) {}

  async handle(command: ReturnMachinesCommand, handlerContext: HandlerContext): Promise<ReturnMachinesResult> {
    const { context, termination } = this.dependencies;
    if (command.idempotencyKey !== undefined && !command.dryRun) {
      const existing = await context.requests.findByIdempotencyKey(command.idempotencyKey);
      if (existing !== undefined) return this.replay(existing, command.idempotencyKey);
    }
    const resolved = await resolveMachines(context.machines, command.machines);
    if (resolved.found.length === 0) {
      throw new NotFoundError(
        'MACHINE_NOT_FOUND',
        `None of the ${command.machines.length} machines to return is known: ${describeReferences(resolved.unknown)}.`,
        { details: { notFound: resolved.unknown } },
      );
    }
    if (command.dryRun) {
      return { dryRun: true, created: false, machines: resolved.found, notFound: resolved.unknown, plan: await termination.plan(resolved.found) };
    }

    const requestId = newRequestId('return', context.ids);
    let request: MachineRequest;
    try {
      request = await context.requests.save(
        createReturnRequest(
          {
            requestId,
            machineIds: resolved.found.map((machine) => machine.machineId),
            ...(command.idempotencyKey === undefined ? {} : { idempotencyKey: command.idempotencyKey }),
          },
          context.clock,
        ),
      );
    } catch (error) {
      if (OhfError.isInstance(error) && error.code === 'CONFLICT' && command.idempotencyKey !== undefined) {
        const winner = await context.requests.findByIdempotencyKey(command.idempotencyKey);
        if (winner !== undefined) return this.replay(winner, command.idempotencyKey);
      }
      throw error;
    }
    const now = context.clock.now().toISOString();
    const marked = resolved.found.map((machine) => ({ ...machine, returnRequestId: requestId, updatedAt: now }));
    await context.machines.saveMany(marked);
    const started = withStatus(request, 'in_progress', 'Terminating machines.', context.clock);
    request = await context.requests.save(started.request);
    await context.events.publish(
      domainEvent('RequestCreated', { requestId, kind: 'return', requestedCount: marked.length }, context.clock.now()),
      ...started.events,
    );

    const terminated = await termination.terminate(marked, handlerContext.signal === undefined ? {} : { signal: handlerContext.signal });
    // Settle the status now: machines already gone complete the request at once.
    const verdict = evaluateReturnRequest(request, terminated.machines, terminated.problems);
    const settled = withStatus(request, verdict.status, verdict.message, context.clock);
    if (settled.request !== request) request = await context.requests.save(settled.request);
    await context.events.publish(...settled.events);
    return { dryRun: false, created: true, requestId, request, machines: terminated.machines, notFound: resolved.unknown };
  }

  private async replay(existing: MachineRequest, idempotencyKey: string): Promise<ReturnMachinesResult> {
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
    return { dryRun: false, created: false, requestId: existing.requestId, request: existing, machines, notFound: [] };
  }
}

function describeReferences(references: readonly MachineReference[]): string {
  return references
    .slice(0, 5)
    .map((reference) => reference.machineId ?? reference.name ?? '?')
    .join(', ')
    .concat(references.length > 5 ? ', …' : '');
}
