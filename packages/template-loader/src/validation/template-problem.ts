import type { ErrorCode } from '@ohf/domain-core';

/**
 * Every check the loader and the validator can report. The rule says what was checked; the
 * code is the stable error code of SPEC §3 that an API or CLI shows for it.
 */
export const TEMPLATE_RULES = {
  'file-unreadable': { code: 'INTERNAL', severity: 'error', critical: true },
  'invalid-json': { code: 'VALIDATION_ERROR', severity: 'error', critical: true },
  'invalid-file-shape': { code: 'VALIDATION_ERROR', severity: 'error', critical: true },
  'invalid-record': { code: 'VALIDATION_ERROR', severity: 'error', critical: true },
  'missing-template-id': { code: 'VALIDATION_ERROR', severity: 'error', critical: true },
  'broken-source-file': { code: 'VALIDATION_ERROR', severity: 'error', critical: true },
  'invalid-value': { code: 'VALIDATION_ERROR', severity: 'error', critical: true },
  schema: { code: 'VALIDATION_ERROR', severity: 'error', critical: true },
  'unknown-env-variable': { code: 'VALIDATION_ERROR', severity: 'error', critical: true },
  'api-not-supported': { code: 'API_NOT_SUPPORTED', severity: 'error', critical: true },
  'instance-limit-exceeded': { code: 'INSTANCE_LIMIT_EXCEEDED', severity: 'error', critical: true },
  'pricing-model-unsupported': { code: 'PRICING_MODEL_UNSUPPORTED', severity: 'error', critical: false },
  'fleet-type-incompatible': { code: 'FLEET_TYPE_INCOMPATIBLE', severity: 'error', critical: false },
  'provider-mismatch': { code: 'VALIDATION_ERROR', severity: 'error', critical: false },
  'unknown-provider-instance': { code: 'PROVIDER_NOT_FOUND', severity: 'warning', critical: false },
  'unknown-provider-type': { code: 'PROVIDER_NOT_FOUND', severity: 'warning', critical: false },
  'unknown-field': { code: 'VALIDATION_ERROR', severity: 'warning', critical: false },
  'duplicate-field': { code: 'VALIDATION_ERROR', severity: 'warning', critical: false },
  'duplicate-template-id': { code: 'VALIDATION_ERROR', severity: 'warning', critical: false },
  'ambiguous-instance-files': { code: 'VALIDATION_ERROR', severity: 'warning', critical: false },
  'derived-attributes': { code: 'VALIDATION_ERROR', severity: 'warning', critical: false },
  'conflicting-fields': { code: 'VALIDATION_ERROR', severity: 'warning', critical: false },
  'no-template-files': { code: 'VALIDATION_ERROR', severity: 'warning', critical: false },
} as const satisfies Record<string, { code: ErrorCode; severity: ProblemSeverity; critical: boolean }>;

export type TemplateRule = keyof typeof TEMPLATE_RULES;
export type ProblemSeverity = 'error' | 'warning';

/** One finding about a template file or a template, located as precisely as possible. */
export interface TemplateProblem {
  readonly severity: ProblemSeverity;
  readonly code: ErrorCode;
  readonly rule: TemplateRule;
  /** Critical problems are the ones BASIC validation still reports. */
  readonly critical: boolean;
  readonly message: string;
  /** File name within the config directory (or the label of the validated input). */
  readonly file?: string;
  readonly templateId?: string;
  /** Domain field path, e.g. `maxNumber`, `attributes.ncpus`, `subnetIds[1]`, `providerOptions.linode.region`. */
  readonly field?: string;
  /** Position of the record in its file, when the problem is about one record. */
  readonly recordIndex?: number;
}

export interface ProblemLocation {
  readonly file?: string | undefined;
  readonly templateId?: string | undefined;
  readonly field?: string | undefined;
  readonly recordIndex?: number | undefined;
  /** Overrides the rule's usual severity, for checks that are advisory in one situation and fatal in another. */
  readonly severity?: ProblemSeverity | undefined;
}

export function createProblem(rule: TemplateRule, message: string, location: ProblemLocation = {}): TemplateProblem {
  const definition = TEMPLATE_RULES[rule];
  const problem: { -readonly [Key in keyof TemplateProblem]: TemplateProblem[Key] } = {
    severity: location.severity ?? definition.severity,
    code: definition.code,
    rule,
    critical: definition.critical,
    message,
  };
  if (location.file !== undefined) problem.file = location.file;
  if (location.templateId !== undefined) problem.templateId = location.templateId;
  if (location.field !== undefined) problem.field = location.field;
  if (location.recordIndex !== undefined) problem.recordIndex = location.recordIndex;
  return problem;
}

/** `file › template › field: message`, the one-line form logs and the CLI print. */
export function formatProblem(problem: TemplateProblem): string {
  const where = [problem.file, problem.templateId, problem.field].filter((part) => part !== undefined).join(' › ');
  return `${problem.severity.toUpperCase()} ${problem.code}${where === '' ? '' : ` ${where}`}: ${problem.message}`;
}
