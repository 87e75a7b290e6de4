import type { TemplateProblem } from './template-problem.js';

/**
 * STRICT: warnings count as errors. LENIENT: only errors fail. BASIC: only critical checks
 * (the template can be read, built and provisioned through its API) are reported at all.
 */
export const VALIDATION_LEVELS = ['STRICT', 'LENIENT', 'BASIC'] as const;
export type ValidationLevel = (typeof VALIDATION_LEVELS)[number];

export const DEFAULT_VALIDATION_LEVEL: ValidationLevel = 'LENIENT';

/** Filters and promotes problems for a level; the result's errors decide validity. */
export function applyValidationLevel(problems: readonly TemplateProblem[], level: ValidationLevel): TemplateProblem[] {
  switch (level) {
    case 'BASIC':
      return problems.filter((problem) => problem.critical);
    case 'STRICT':
      return problems.map((problem) => (problem.severity === 'warning' ? { ...problem, severity: 'error' } : problem));
    case 'LENIENT':
      return [...problems];
  }
}

export function hasErrors(problems: readonly TemplateProblem[]): boolean {
  return problems.some((problem) => problem.severity === 'error');
}
