import { BusinessRuleError, isRequestFinal, NotFoundError, type DomainEvent, type Machine, type MachineRequest } from '@ohf/domain-core';
import { z } from 'zod';
import type { HandlerContext } from '../bus/message-map.js';
import type { OrchestrationContext } from '../orchestration/orchestration-context.js';
import { updateRequest, withStatus } from '../orchestration/request-store.js';
import { DryRunField, RequestIdField } from '../shared/message-fields.js';
import type { ReturnMachinesHandler } from './return-machines.js';

export const CancelRequestSchema = z.object({
  type: z.literal('CancelRequest'),
  requestId: RequestIdField,
  /** Also return the machines already created (default false: they stay). */
  terminateMachines: z.boolean().default(false),
  dryRun: DryRunField,
});
export type CancelRequestCommand = z.infer<typeof CancelRequestSchema>;

export interface CancelRequestResult {
  readonly dryRun: boolean;
  readonly request: MachineRequest;
  /** The machines created so far (kept unless `terminateMachines`). */
  readonly machines: readonly Machine[];
  /** The return request terminating them, when asked to. */
  readonly returnRequestId?: string;
}

/**
 * Stops provisioning of an unfinished acquire request (status `cancelled`); machines already
 * created stay unless `terminateMachines`, which returns them through a return request.
 * Finished requests and return requests cannot be cancelled (CONFLICT).
 */
export class CancelRequestHandler {
  constructor(
    private readonly dependencies: { readonly context: OrchestrationContext; readonly returnMachines: ReturnMachinesHandler },
  ) {}

  async handle(command: CancelRequestCommand, handlerContext: HandlerContext): Promise<CancelRequestResult> {
    const { context } = this.dependencies;
    const request = await context.requests.findById(command.requestId);
    if (request === undefined) {
      throw new NotFoundError('REQUEST_NOT_FOUND', `Request "${command.requestId}" does not exist.`, { details: { requestId: command.requestId } });
    }
    if (request.kind !== 'acquire') {
      throw new BusinessRuleError('CONFLICT', `Request ${request.requestId} is a return request; only acquire requests can be cancelled.`, {
        details: { requestId: request.requestId },
      });
    }
    if (isRequestFinal(request)) {
      throw new BusinessRuleError('CONFLICT', `Request ${request.requestId} is already ${request.status}; only unfinished requests can be cancelled.`, {
        details: { requestId: request.requestId, status: request.status },
      });
    }
    const machines = await context.machines.findByRequestId(request.requestId);
    const alive = machines.filter((machine) => machine.state !== 'terminated');
    if (command.dryRun) return { dryRun: true, request, machines };

    const events: DomainEvent[] = [];
    const cancelled = await updateRequest(context.requests, request, (latest) => {
      if (isRequestFinal(latest)) {
        throw new BusinessRuleError('CONFLICT', `Request ${latest.requestId} finished (${latest.status}) while being cancelled.`, {
          details: { requestId: latest.requestId, status: latest.status },
        });
      }
      const changed = withStatus(latest, 'cancelled', 'Cancelled by the user.', context.clock);
      events.splice(0, events.length, ...changed.events);
      return changed.request;
    });
    await context.events.publish(...events);
    if (!command.terminateMachines || alive.length === 0) return { dryRun: false, request: cancelled, machines };

    const returned = await this.dependencies.returnMachines.handle(
      { type: 'ReturnMachines', machines: alive.map((machine) => ({ machineId: machine.machineId })), dryRun: false },
      handlerContext,
    );
    return {
      dryRun: false,
      request: cancelled,
      machines: returned.machines,
      ...(returned.requestId === undefined ? {} : { returnRequestId: returned.requestId }),
    };
  }
}
