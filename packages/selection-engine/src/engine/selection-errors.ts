import { BusinessRuleError, NotFoundError, type ErrorDetails } from '@ohf/domain-core';
import type { SelectionExplanation } from './selection-explanation.js';
import { TRANSIENT_SKIP_REASONS } from './selection-explanation.js';

export function providerNotFound(requested: string, available: readonly string[]): NotFoundError {
  const choices = available.length === 0 ? 'no instance is configured' : `configured instances: ${available.join(', ')}`;
  return new NotFoundError('PROVIDER_NOT_FOUND', `Provider instance '${requested}' not found in configuration (${choices})`, {
    details: { requested_provider: requested, available_providers: [...available] },
  });
}

export function providerTypeNotFound(requestedType: string, availableTypes: readonly string[], available: readonly string[]): NotFoundError {
  const choices = availableTypes.length === 0 ? 'no instance is configured' : `configured types: ${availableTypes.join(', ')}`;
  return new NotFoundError(
    'PROVIDER_NOT_FOUND',
    `No provider instance of type '${requestedType}' is configured (${choices}); add one under providers.providers or change the template's providerType`,
    {
      details: {
        requested_provider_type: requestedType,
        available_provider_types: [...availableTypes],
        available_providers: [...available],
      },
    },
  );
}

export function providerDisabled(requested: string, enabled: readonly string[]): BusinessRuleError {
  const choices = enabled.length === 0 ? 'no instance is enabled' : `enabled instances: ${enabled.join(', ')}`;
  return new BusinessRuleError(
    'PROVIDER_DISABLED',
    `Provider instance '${requested}' is disabled; set enabled: true in the configuration or use another instance (${choices})`,
    { details: { requested_provider: requested, available_providers: [...enabled] } },
  );
}

function skippedByInstance(explanation: SelectionExplanation): Record<string, string[]> {
  const skipped: Record<string, string[]> = {};
  for (const step of explanation.steps) {
    for (const candidate of step.candidates) {
      if (candidate.skipped.length === 0) continue;
      const reasons = (skipped[candidate.instance] ??= []);
      for (const detail of candidate.skipped) if (!reasons.includes(detail.reason)) reasons.push(detail.reason);
    }
  }
  return skipped;
}

/**
 * Waiting helps when some candidate was skipped only for reasons that lapse by themselves
 * (open circuit, capacity block, unhealthy with a retry-after): the caller may retry once the
 * earliest such candidate is free again. Candidates ruled out for good (wrong type, missing
 * capability, disabled, already tried) do not count either way.
 */
function retryHint(explanation: SelectionExplanation, nowMs: number): { retryable: boolean; retryAfterMs?: number } {
  let earliest: number | undefined;
  for (const step of explanation.steps) {
    for (const candidate of step.candidates) {
      if (candidate.skipped.length === 0) continue;
      if (!candidate.skipped.every((detail) => TRANSIENT_SKIP_REASONS.has(detail.reason) && detail.until !== null)) continue;
      const lapses = Math.max(...candidate.skipped.map((detail) => Date.parse(detail.until!)));
      earliest = earliest === undefined ? lapses : Math.min(earliest, lapses);
    }
  }
  if (earliest === undefined) return { retryable: false };
  return { retryable: true, retryAfterMs: Math.max(0, earliest - nowMs) };
}

export function noCandidate(
  code: 'NO_ENABLED_PROVIDERS' | 'NO_COMPATIBLE_PROVIDER',
  message: string,
  explanation: SelectionExplanation,
  nowMs: number,
  extraDetails: ErrorDetails = {},
): BusinessRuleError {
  const hint = code === 'NO_COMPATIBLE_PROVIDER' ? retryHint(explanation, nowMs) : { retryable: false };
  return new BusinessRuleError(code, message, {
    retryable: hint.retryable,
    ...(hint.retryAfterMs === undefined ? {} : { retryAfterMs: hint.retryAfterMs }),
    details: { ...extraDetails, skipped: skippedByInstance(explanation), explanation },
  });
}
