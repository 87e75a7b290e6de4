import type { BusinessRuleError } from '@ohf/domain-core';
import type { InstanceEntry } from './engine-snapshot.js';
import type { SelectionContext } from './selection-context.js';
import type { FailoverRecord, ResolutionMode } from './selection-decision.js';
import { noCandidate } from './selection-errors.js';
import { TRANSIENT_SKIP_REASONS, type ExplanationStep, type SelectionExplanation } from './selection-explanation.js';

/** The explanation of one decision: every step with its candidates, and a one-line summary. */
export function explainDecision(
  context: SelectionContext,
  mode: ResolutionMode,
  steps: readonly ExplanationStep[],
  chosen: InstanceEntry | undefined,
  source: string,
  subject: string,
  failover: FailoverRecord | null,
): SelectionExplanation {
  const candidates = steps.flatMap((step) => step.candidates);
  const skipped = candidates.filter((candidate) => candidate.skipped.length > 0).length;
  const after = failover === null ? '' : ` after ${failover.from} failed with ${failover.errorCode}`;
  const summary =
    chosen === undefined
      ? `No provider instance for ${subject}${after}: all ${candidates.length} candidates were skipped`
      : `Selected ${chosen.name} (${chosen.type}) for ${subject} from ${source} by ${context.policy}${after}; ` +
        `${skipped} of ${candidates.length} candidates skipped`;
  return {
    policy: context.policy,
    mode,
    summary,
    criteria: context.query.criteria,
    api: context.api ?? null,
    instanceTypes: context.instanceTypes ?? null,
    steps,
    selected: chosen?.name ?? null,
    decidedAt: new Date(context.nowMs).toISOString(),
  };
}

/** The error when no candidate qualified: NO_ENABLED_PROVIDERS or NO_COMPATIBLE_PROVIDER, saying why each was skipped. */
export function exhaustedError(
  context: SelectionContext,
  mode: ResolutionMode,
  explanation: SelectionExplanation,
  subject: string,
  tried: readonly string[] | undefined,
): BusinessRuleError {
  const candidates = explanation.steps.flatMap((step) => step.candidates);
  const configured = candidates.filter((candidate) => candidate.providerType !== null);
  const enabled = configured.filter((candidate) => !candidate.skipped.some((detail) => detail.reason === 'disabled'));
  const details = {
    mode,
    policy: context.policy,
    ...(context.api === undefined ? {} : { requested_api: context.api }),
    ...(tried === undefined ? {} : { tried: [...tried] }),
  };
  if (configured.length > 0 && enabled.length === 0) {
    const names = [...new Set(configured.map((candidate) => candidate.instance))].join(', ');
    return noCandidate(
      'NO_ENABLED_PROVIDERS',
      `No enabled provider instance for ${subject}: ${names} ${configured.length === 1 ? 'is' : 'are'} disabled; enable one in the configuration`,
      explanation,
      context.nowMs,
      details,
    );
  }
  if (configured.length === 0 && mode !== 'provider_api') {
    return noCandidate(
      'NO_ENABLED_PROVIDERS',
      `No provider instance is configured for ${subject}; add one under providers.providers`,
      explanation,
      context.nowMs,
      details,
    );
  }
  const reasons = [...new Map(candidates.map((candidate) => [candidate.instance, candidate])).values()]
    .map((candidate) => {
      // What lapses by itself is told in full (what blocks it, why, until when): the caller waits for it.
      const lapses = (detail: (typeof candidate.skipped)[number]) => TRANSIENT_SKIP_REASONS.has(detail.reason) && detail.until !== null;
      const reasons = [
        ...new Set(candidate.skipped.map((detail) => (lapses(detail) ? detail.message.replace(`${candidate.instance}: `, '') : detail.reason.replaceAll('_', ' ')))),
      ];
      return `${candidate.instance} (${reasons.join('; ')})`;
    })
    .join(', ');
  const what = context.api === undefined ? '' : ` with API ${context.api}`;
  const nobodyDeclares = mode === 'provider_api' && explanation.steps[0]?.candidates.length === 0;
  const message = nobodyDeclares
    ? `No configured provider instance declares ${context.api} for ${subject}; add it to an instance's capabilities` +
      (reasons === '' ? '' : ` (fallback candidates: ${reasons})`)
    : `No provider instance can serve ${subject}${what}: ${reasons}`;
  return noCandidate(
    'NO_COMPATIBLE_PROVIDER',
    message,
    explanation,
    context.nowMs,
    details,
  );
}
