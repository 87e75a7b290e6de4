import type { Template } from '@ohf/domain-core';
import type { Environment } from '../format/expand-environment.js';
import { normalizeRecord } from '../format/normalize-record.js';
import { buildTemplate } from '../merge/build-template.js';
import { mergeFields } from '../merge/field-paths.js';
import type { FieldSources } from '../merge/field-source.js';
import { checkTemplate, type TemplateCheckOptions } from './check-template.js';
import type { TemplateProblem } from './template-problem.js';
import { applyValidationLevel, DEFAULT_VALIDATION_LEVEL, hasErrors, type ValidationLevel } from './validation-level.js';

export interface ValidateTemplateOptions extends TemplateCheckOptions {
  /** Default LENIENT. */
  readonly level?: ValidationLevel;
  /** Provenance of a resolved template, so problems name the file that set each field. */
  readonly sources?: FieldSources;
  /** What problems name as their file when no source is known; default "(input)". */
  readonly file?: string;
  /** Expand `${NAME}` references from this environment; without it they stay as written. */
  readonly environment?: Environment;
}

export interface TemplateValidationResult {
  readonly valid: boolean;
  readonly level: ValidationLevel;
  /** The domain Template, when the input could be built into one. */
  readonly template?: Template;
  /** All reported problems after the level was applied (STRICT turns warnings into errors). */
  readonly problems: readonly TemplateProblem[];
  readonly errors: readonly TemplateProblem[];
  readonly warnings: readonly TemplateProblem[];
}

export function validationResult(
  level: ValidationLevel,
  rawProblems: readonly TemplateProblem[],
  template: Template | undefined,
): TemplateValidationResult {
  const problems = applyValidationLevel(rawProblems, level);
  return {
    valid: template !== undefined && !hasErrors(problems),
    level,
    ...(template === undefined ? {} : { template }),
    problems,
    errors: problems.filter((problem) => problem.severity === 'error'),
    warnings: problems.filter((problem) => problem.severity === 'warning'),
  };
}

/**
 * Validates one template given in any accepted format (a domain Template, a Host Factory
 * camelCase record or a snake_case record), optionally against a provider instance.
 */
export function validateTemplate(input: unknown, options: ValidateTemplateOptions = {}): TemplateValidationResult {
  const level = options.level ?? DEFAULT_VALIDATION_LEVEL;
  const file = options.file ?? '(input)';
  const normalized = normalizeRecord(input, { file, recordIndex: 0, environment: options.environment });
  if (normalized.record === undefined) return validationResult(level, normalized.problems, undefined);

  const record = normalized.record;
  const sources = options.sources ?? {};
  // An input has nothing below it, so explicit nulls ("unset") just mean "absent".
  const values = record.hasUnset ? mergeFields({}, record.fields) : record.fields;
  const built = buildTemplate(record.templateId, values, () => sources, file);
  const problems = [...record.problems, ...built.problems];
  if (built.template !== undefined) problems.push(...checkTemplate(built.template, sources, options, file));
  return validationResult(level, problems, built.template);
}
