import type { AuditLog } from '@ohf/domain-core';
import { z } from 'zod';
import { requireAuditLog } from './require-audit-log.js';

export const PruneEventsSchema = z.object({
  type: z.literal('PruneEvents'),
  /** Events that occurred before this time (ISO 8601) are deleted. */
  before: z.iso.datetime({ offset: true }),
});
export type PruneEventsCommand = z.infer<typeof PruneEventsSchema>;

export interface PruneEventsResult {
  readonly deleted: number;
}

/** Retention: deletes the audit events older than a cutoff, for every organization. */
export class PruneEventsHandler {
  constructor(private readonly dependencies: { readonly audit: AuditLog | undefined }) {}

  async handle(command: PruneEventsCommand): Promise<PruneEventsResult> {
    const deleted = await requireAuditLog(this.dependencies.audit).deleteBefore(new Date(command.before).toISOString());
    return { deleted };
  }
}
