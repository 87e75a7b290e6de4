import { BILLED_MACHINE_STATES, COST_GROUPINGS, summarizeCosts, type Clock, type CostSummary, type Machine, type MachineRepository } from '@ohf/domain-core';
import { z } from 'zod';
import { QueryOrganizationField } from '../shared/message-fields.js';

export const GetCostsSchema = z.object({
  type: z.literal('GetCosts'),
  organizationId: QueryOrganizationField,
  /** Start of the period (ISO 8601); absent: every machine from its launch. */
  since: z.iso.datetime({ offset: true }).optional(),
  groupBy: z.enum(COST_GROUPINGS).default('provider'),
  /** Only machines not yet ended: what runs now and costs per hour (cheap enough for every metrics scrape). */
  runningOnly: z.boolean().default(false),
});
export type GetCostsQuery = z.infer<typeof GetCostsSchema>;
export type GetCostsResult = CostSummary;

/** Machines read per page: large enough that a fleet of thousands takes a few reads. */
const PAGE_SIZE = 1000;

/**
 * What the machines cost: machine-hours × the hourly price recorded at launch, per provider
 * instance or template, and what those still running cost per hour now.
 */
export class GetCostsHandler {
  constructor(private readonly dependencies: { readonly machines: MachineRepository; readonly clock: Clock }) {}

  async handle(query: GetCostsQuery): Promise<GetCostsResult> {
    const machines: Machine[] = [];
    for (let offset = 0; ; offset += PAGE_SIZE) {
      const page = await this.dependencies.machines.list({
        limit: PAGE_SIZE,
        offset,
        ...(query.organizationId === undefined ? {} : { organizationId: query.organizationId }),
        ...(query.runningOnly ? { states: BILLED_MACHINE_STATES } : {}) });
      machines.push(...page.items);
      if (page.items.length < PAGE_SIZE || machines.length >= page.total) break;
    }
    return summarizeCosts(machines, {
      groupBy: query.groupBy,
      since: query.since === undefined ? null : new Date(query.since),
      now: this.dependencies.clock.now(),
    });
  }
}
