import { z } from 'zod';
import type { HandlerContext } from '../bus/message-map.js';
import type { RequestTracker, TrackedRequest } from '../orchestration/request-tracker.js';

const RequestIdListSchema = z.array(z.string().min(1)).min(1, 'give at least one request id').max(1000);

/**
 * Accepts the Host Factory shapes as they are: `requestIds: [...]`, `requests: [{requestId}]`
 * or a single `requestId`.
 */
export const GetRequestStatusSchema = z.preprocess(
  (value) => {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
    const input = value as Record<string, unknown>;
    if (input['requestIds'] !== undefined) return input;
    if (Array.isArray(input['requests'])) {
      return {
        ...input,
        requestIds: input['requests'].map((entry: unknown) =>
          entry !== null && typeof entry === 'object' ? (entry as { requestId?: unknown }).requestId : entry,
        ),
      };
    }
    if (typeof input['requestId'] === 'string') return { ...input, requestIds: [input['requestId']] };
    return input;
  },
  z.object({
    type: z.literal('GetRequestStatus'),
    requestIds: RequestIdListSchema,
    /** Continue provisioning of unfinished acquire requests (default true). */
    provision: z.boolean().default(true),
  }),
);
export type GetRequestStatusCommand = z.infer<typeof GetRequestStatusSchema>;

export interface GetRequestStatusResult {
  /** In the order asked; unknown ids have `found: false`. */
  readonly requests: readonly TrackedRequest[];
}

/**
 * The status poll (Host Factory getRequestStatus): unfinished acquire requests take their next
 * provisioning step, machine states are refreshed in batches per provider instance, return
 * requests complete when their machines are gone. It writes, so it is a command.
 */
export class GetRequestStatusHandler {
  constructor(private readonly dependencies: { readonly tracker: RequestTracker }) {}

  async handle(command: GetRequestStatusCommand, context: HandlerContext): Promise<GetRequestStatusResult> {
    const requests = await this.dependencies.tracker.track(command.requestIds, {
      provision: command.provision,
      ...(context.signal === undefined ? {} : { signal: context.signal }),
    });
    return { requests };
  }
}
