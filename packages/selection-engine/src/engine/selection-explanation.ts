import type { CandidatePrice } from '../config/candidate-price.js';
import type { ResolvedSelectionCriteria } from '../config/selection-criteria.js';
import type { SelectionPolicy } from '../config/selection-policy.js';
import type { ResolutionMode } from './selection-decision.js';

/** Why a candidate was not chosen. */
export const SKIP_REASONS = [
  'not_configured',
  'disabled',
  'already_tried',
  'excluded',
  'type_mismatch',
  'missing_capability',
  'circuit_open',
  'capacity_blocked',
  'unhealthy',
  'below_min_success_rate',
  'over_max_response_time',
  'over_max_price',
] as const;

export type SkipReason = (typeof SKIP_REASONS)[number];

/** Reasons that pass by themselves with time: a selection failing only on these is retryable. */
export const TRANSIENT_SKIP_REASONS: ReadonlySet<SkipReason> = new Set<SkipReason>([
  'circuit_open',
  'capacity_blocked',
  'unhealthy',
]);

export interface SkipDetail {
  readonly reason: SkipReason;
  readonly message: string;
  /** ISO time at which this reason lapses, when it lapses by itself. */
  readonly until: string | null;
}

export interface CandidateExplanation {
  readonly instance: string;
  readonly providerType: string | null;
  readonly eligible: boolean;
  /** Named in `preferStrategies`. */
  readonly preferred: boolean;
  /** The policy's figure for this candidate (see `scoreLabel`); null when it has none. */
  readonly score: number | null;
  /** 1 for the chosen candidate, then the order the policy would pick the rest in. */
  readonly rank: number | null;
  readonly selected: boolean;
  readonly skipped: readonly SkipDetail[];
  /** The plan this candidate would launch and its price; present when the selection was given prices (null: none known). */
  readonly plan?: CandidatePrice | null;
}

/** One place candidates were looked for: a pool of the route or the fallback list. */
export interface ExplanationStep {
  readonly source: string;
  readonly description: string;
  readonly scoreLabel: string;
  readonly candidates: readonly CandidateExplanation[];
  readonly selected: string | null;
}

export interface SelectionExplanation {
  readonly policy: SelectionPolicy;
  readonly mode: ResolutionMode;
  readonly summary: string;
  readonly criteria: ResolvedSelectionCriteria;
  readonly api: string | null;
  readonly instanceTypes: readonly string[] | null;
  readonly steps: readonly ExplanationStep[];
  readonly selected: string | null;
  readonly decidedAt: string;
}

/** Renders an explanation as lines of text for logs and `--dry-run` output. */
export function formatExplanation(explanation: SelectionExplanation): string {
  const lines = [explanation.summary];
  for (const step of explanation.steps) {
    lines.push(`  ${step.description}`);
    for (const candidate of step.candidates) {
      const mark = candidate.selected ? '→' : candidate.eligible ? '·' : '✗';
      const score = candidate.score === null ? '' : ` ${step.scoreLabel}=${Number(candidate.score.toFixed(3))}`;
      const rank = candidate.rank === null ? '' : ` rank ${candidate.rank}`;
      const skipped = candidate.skipped.length === 0 ? '' : ` skipped: ${candidate.skipped.map((skip) => skip.message).join('; ')}`;
      const plan = candidate.plan === undefined ? '' : ` plan ${describePlan(candidate.plan)}`;
      lines.push(`    ${mark} ${candidate.instance}${candidate.preferred ? ' (preferred)' : ''}${plan}${score}${rank}${skipped}`);
    }
  }
  return lines.join('\n');
}

/** `g6-standard-2 at 0.036 USD/h`, or what is missing. */
function describePlan(plan: CandidatePrice | null): string {
  if (plan === null) return 'unknown';
  return plan.priceHourly === null ? `${plan.planId} at an unknown price` : `${plan.planId} at ${plan.priceHourly} ${plan.currency}/h`;
}
