import { z } from 'zod';
import type { HandlerContext } from '../bus/message-map.js';
import { DryRunField } from '../shared/message-fields.js';
import type { ReconcileSchedule } from './reconcile-schedule.js';
import type { Reconciler, ReconcileReport } from './reconciler.js';

export const ReconcileMachinesSchema = z.object({
  type: z.literal('ReconcileMachines'),
  dryRun: DryRunField,
  /** Only when the interval since the last run has passed (background workers); default: run now. */
  ifDue: z.boolean().default(false),
  /** Overrides `reconcile.terminate_orphans` for this run. */
  terminateOrphans: z.boolean().optional(),
});
export type ReconcileMachinesCommand = z.infer<typeof ReconcileMachinesSchema>;

export interface ReconcileMachinesResult {
  /** False when `ifDue` and the interval has not passed (or automatic runs are off). */
  readonly ran: boolean;
  readonly report?: ReconcileReport;
}

/**
 * Compares the instances carrying our tags on every enabled provider instance with storage
 * (see `Reconciler`): on demand (`ohfp machines reconcile`), or from a background worker with
 * `ifDue`. A run that is not a dry run resets the interval of the automatic runs.
 */
export class ReconcileMachinesHandler {
  constructor(private readonly dependencies: { readonly reconciler: Reconciler; readonly schedule: ReconcileSchedule }) {}

  async handle(command: ReconcileMachinesCommand, handlerContext: HandlerContext): Promise<ReconcileMachinesResult> {
    const { reconciler, schedule } = this.dependencies;
    if (command.ifDue && (command.dryRun || !(await schedule.claim()))) return { ran: false };
    const report = await reconciler.reconcile({
      dryRun: command.dryRun,
      ...(command.terminateOrphans === undefined ? {} : { terminateOrphans: command.terminateOrphans }),
      ...(handlerContext.signal === undefined ? {} : { signal: handlerContext.signal }),
    });
    await schedule.record(report);
    return { ran: true, report };
  }
}
