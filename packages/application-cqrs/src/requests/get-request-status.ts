import { z } from 'zod';
import type { HandlerContext } from '../bus/message-map.js';
import { describeError } from '../orchestration/describe-error.js';
import type { RequestTracker, TrackedRequest } from '../orchestration/request-tracker.js';
import type { Logger } from '../ports/logger.js';
import type { ReconcileSchedule } from '../reconcile/reconcile-schedule.js';
import type { Reconciler } from '../reconcile/reconciler.js';
import { QueryOrganizationField } from '../shared/message-fields.js';

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
    organizationId: QueryOrganizationField,
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
  constructor(
    private readonly dependencies: {
      readonly tracker: RequestTracker;
      /** Reconciliation runs from status polls at most once per interval (see ReconcileSchedule). */
      readonly reconciliation?: { readonly reconciler: Reconciler; readonly schedule: ReconcileSchedule; readonly logger: Logger };
    },
  ) {}

  async handle(command: GetRequestStatusCommand, context: HandlerContext): Promise<GetRequestStatusResult> {
    const signalOption = context.signal === undefined ? {} : { signal: context.signal };
    const requests = await this.dependencies.tracker.track(command.requestIds, {
      provision: command.provision,
      ...(command.organizationId === undefined ? {} : { organizationId: command.organizationId }),
      ...signalOption,
    });
    await this.reconcileIfDue(signalOption);
    return { requests };
  }

  /** A poll is the heartbeat of a CLI deployment: when the interval has passed, this one reconciles. */
  private async reconcileIfDue(signalOption: { signal?: AbortSignal }): Promise<void> {
    const reconciliation = this.dependencies.reconciliation;
    if (reconciliation === undefined) return;
    try {
      if (!(await reconciliation.schedule.claim())) return;
      await reconciliation.schedule.record(await reconciliation.reconciler.reconcile(signalOption));
    } catch (error) {
      // The poll's answer matters more: the next interval tries again.
      reconciliation.logger.warn({ error: describeError(error) }, 'reconciliation during a status poll failed');
    }
  }
}
