import { BILLED_MACHINE_STATES, BusinessRuleError, type Machine, type OrganizationQuotas } from '@ohf/domain-core';
import type { CandidatePrices } from '@ohf/selection-engine';
import type { OrchestrationContext } from '../orchestration/orchestration-context.js';

/** Machines read per page when summing what an organization's machines cost. */
const PAGE_SIZE = 1000;

export interface QuotaQuestion {
  readonly organizationId: string;
  /** Machines the request asks for. */
  readonly count: number;
  /** The instance selection chose (absent while the request would wait for one). */
  readonly providerInstance?: string;
  /** Candidate prices selection was given; the chosen instance's price prices the new machines. */
  readonly prices?: CandidatePrices;
}

/**
 * The organization quotas RequestMachines checks before it stores anything. Running machines
 * are the organization's machines not yet ended (every state but terminated and failed) plus
 * what its unfinished acquire requests still owe; hourly spend is the hourly prices of its
 * billed machines plus the new machines at the chosen instance's catalog price (when known).
 * Without a tenancy repository, or an organization without quotas, nothing is checked.
 */
export class OrganizationQuotaCheck {
  constructor(private readonly context: OrchestrationContext) {}

  async check(question: QuotaQuestion): Promise<void> {
    const tenancy = this.context.tenancy;
    if (tenancy === undefined) return;
    const quotas = (await tenancy.findOrganization(question.organizationId))?.quotas;
    if (quotas === undefined || (quotas.maxRunningMachines === undefined && quotas.maxHourlySpend === undefined)) return;
    const alive = await this.aliveMachines(question.organizationId);
    await this.checkRunning(question, quotas, alive);
    this.checkSpend(question, quotas, alive);
  }

  private async checkRunning(question: QuotaQuestion, quotas: OrganizationQuotas, alive: readonly Machine[]): Promise<void> {
    const maximum = quotas.maxRunningMachines;
    if (maximum === undefined) return;
    const current = alive.length + (await this.owedMachines(question.organizationId));
    if (current + question.count <= maximum) return;
    throw quotaExceeded(
      'maxRunningMachines',
      maximum,
      current,
      question.count,
      `Organization "${question.organizationId}" may run at most ${maximum} machines (maxRunningMachines); it has ${current} running or on order, and ${question.count} more would bring it to ${current + question.count}.`,
    );
  }

  private checkSpend(question: QuotaQuestion, quotas: OrganizationQuotas, alive: readonly Machine[]): void {
    const maximum = quotas.maxHourlySpend;
    if (maximum === undefined) return;
    const current = roundCents(alive.reduce((sum, machine) => sum + (machine.priceHourly ?? 0), 0));
    const price = question.providerInstance === undefined ? null : (question.prices?.[question.providerInstance]?.priceHourly ?? null);
    const requested = roundCents(question.count * (price ?? 0));
    if (current + requested <= maximum) return;
    const priced = price === null ? 'at an unknown price' : `at ${price} per hour each`;
    throw quotaExceeded(
      'maxHourlySpend',
      maximum,
      current,
      requested,
      `Organization "${question.organizationId}" may spend at most ${maximum} per hour (maxHourlySpend); its machines cost ${current} per hour, and ${question.count} more ${priced} would bring it to ${roundCents(current + requested)}.`,
    );
  }

  /** The organization's machines not yet ended, read in pages. */
  private async aliveMachines(organizationId: string): Promise<Machine[]> {
    const machines: Machine[] = [];
    for (let offset = 0; ; offset += PAGE_SIZE) {
      const page = await this.context.machines.list({ organizationId, states: BILLED_MACHINE_STATES, limit: PAGE_SIZE, offset });
      machines.push(...page.items);
      if (page.items.length < PAGE_SIZE || machines.length >= page.total) return machines;
    }
  }

  /** Machines the organization's unfinished acquire requests asked for and have not got yet. */
  private async owedMachines(organizationId: string): Promise<number> {
    const { requests, machines } = this.context;
    const unfinished = await requests.list({ organizationId, kind: 'acquire', statuses: ['pending', 'in_progress'], limit: 1000 });
    let owed = 0;
    for (const request of unfinished.items) {
      const created = (await machines.findByRequestId(request.requestId)).length;
      owed += Math.max(0, request.requestedCount - created);
    }
    return owed;
  }
}

function quotaExceeded(limit: keyof OrganizationQuotas, maximum: number, current: number, requested: number, message: string): BusinessRuleError {
  return new BusinessRuleError('QUOTA_EXCEEDED', message, { retryable: false, details: { limit, maximum, current, requested } });
}

/** Prices are sums of decimals: round to a hundredth of a cent so messages read as amounts. */
function roundCents(amount: number): number {
  return Math.round(amount * 10_000) / 10_000;
}
