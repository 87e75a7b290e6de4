import type { Machine, MachineRequest } from '@ohf/domain-core';
import { NotFoundError } from '@ohf/domain-core';
import { z } from 'zod';
import type { HandlerContext } from '../bus/message-map.js';
import type { RequestTracker } from '../orchestration/request-tracker.js';
import { RequestIdField } from '../shared/message-fields.js';

export const ProvisionRequestSchema = z.object({
  type: z.literal('ProvisionRequest'),
  requestId: RequestIdField,
  /** Also ask the provider for machine states (default true). */
  refresh: z.boolean().default(true),
});
export type ProvisionRequestCommand = z.infer<typeof ProvisionRequestSchema>;

export interface ProvisionRequestResult {
  readonly request: MachineRequest;
  readonly machines: readonly Machine[];
}

/**
 * The continuation step of an acquire request, for background workers: reconcile by tags, top
 * up the shortfall (failing over as needed), refresh machine states, recompute the status.
 * Safe to run again and again; a final request is returned as it is.
 */
export class ProvisionRequestHandler {
  constructor(private readonly dependencies: { readonly tracker: RequestTracker }) {}

  async handle(command: ProvisionRequestCommand, context: HandlerContext): Promise<ProvisionRequestResult> {
    const [tracked] = await this.dependencies.tracker.track([command.requestId], {
      refresh: command.refresh,
      ...(context.signal === undefined ? {} : { signal: context.signal }),
    });
    if (tracked?.request === undefined) {
      throw new NotFoundError('REQUEST_NOT_FOUND', `Request "${command.requestId}" does not exist.`, {
        details: { requestId: command.requestId },
      });
    }
    return { request: tracked.request, machines: tracked.machines };
  }
}
