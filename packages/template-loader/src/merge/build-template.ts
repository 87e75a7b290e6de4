import { TemplateSchema, type Template } from '@ohf/domain-core';
import type { z } from 'zod';
import { parseTemplateFastPath } from '../validation/template-fast-path.js';
import { createProblem, type TemplateProblem } from '../validation/template-problem.js';
import { sourceForPath, type FieldSources } from './field-source.js';

/**
 * Attributes Host Factory needs but the seed's snake_case records never carry. Without an
 * instance-type catalogue (that would need a cloud SDK) the loader assumes the smallest
 * common machine and says so with a `derived-attributes` warning.
 */
export const DEFAULT_ATTRIBUTES = Object.freeze({
  type: Object.freeze(['String', 'X86_64']) as readonly ['String', string],
  ncpus: Object.freeze(['Numeric', '1']) as readonly ['Numeric', string],
  nram: Object.freeze(['Numeric', '1024']) as readonly ['Numeric', string],
});

export function issuePath(path: readonly PropertyKey[]): string {
  let text = '';
  for (const segment of path) {
    if (typeof segment === 'number') text += `[${segment}]`;
    else text += text === '' ? String(segment) : `.${String(segment)}`;
  }
  return text;
}

export function schemaProblems(
  issues: readonly z.core.$ZodIssue[],
  sources: FieldSources,
  templateId: string | undefined,
  fallbackFile?: string,
): TemplateProblem[] {
  return issues.map((issue) => {
    const field = issuePath(issue.path);
    const missing = issue.code === 'invalid_type' && issue.message.endsWith('received undefined');
    const message = missing ? `${field} is required but no file sets it.` : `${field === '' ? 'template' : field}: ${issue.message}`;
    return createProblem('schema', message, {
      file: sourceForPath(sources, field)?.file ?? fallbackFile,
      templateId,
      field: field === '' ? undefined : field,
    });
  });
}

export interface BuiltTemplate {
  readonly template?: Template;
  /** Attribute paths filled with DEFAULT_ATTRIBUTES because no file set them. */
  readonly derivedPaths: readonly string[];
  readonly problems: TemplateProblem[];
}

/**
 * Builds the domain Template from merged values: fills the three attributes Host Factory
 * requires when no file gave them, then validates once against the Template schema (through
 * its fast-path twin when that one is sure).
 * `sourcesFor` is only called when a schema problem needs to name a file.
 */
export function buildTemplate(
  templateId: string,
  values: Readonly<Record<string, unknown>>,
  sourcesFor: (derivedPaths: readonly string[]) => FieldSources,
  definingFile: string | undefined,
): BuiltTemplate {
  const problems: TemplateProblem[] = [];
  let candidate = values;

  const attributes = (typeof values['attributes'] === 'object' && values['attributes'] !== null ? values['attributes'] : {}) as Record<string, unknown>;
  let derivedPaths: string[] | undefined;
  let derivedText: string[] | undefined;
  for (const name of ATTRIBUTE_NAMES) {
    if (attributes[name] === undefined) {
      (derivedPaths ??= []).push(`attributes.${name}`);
      (derivedText ??= []).push(`${name}=${DEFAULT_ATTRIBUTES[name][1]}`);
    }
  }
  if (derivedText !== undefined) {
    // `values` may be a record's own object: the filled-in attributes go on a copy.
    const filled: Record<string, unknown> = { ...attributes };
    for (const name of ATTRIBUTE_NAMES) filled[name] ??= [...DEFAULT_ATTRIBUTES[name]];
    candidate = { ...values, attributes: filled };
    problems.push(
      createProblem(
        'derived-attributes',
        `No file sets attributes ${derivedText.map((entry) => entry.split('=')[0]).join(', ')}; assumed ${derivedText.join(', ')}. Set them so Host Factory schedules on real figures.`,
        { file: definingFile, templateId, field: 'attributes' },
      ),
    );
  }

  const derived = derivedPaths ?? NO_PATHS;
  // The fast path answers for the usual valid template; the schema decides everything else and names the issues.
  const quick = parseTemplateFastPath(candidate);
  if (quick !== undefined) return { template: quick, derivedPaths: derived, problems };
  const parsed = TemplateSchema.safeParse(candidate);
  if (!parsed.success) {
    problems.push(...schemaProblems(parsed.error.issues, sourcesFor(derived), templateId, definingFile));
    return { derivedPaths: derived, problems };
  }
  return { template: parsed.data, derivedPaths: derived, problems };
}

const ATTRIBUTE_NAMES = ['type', 'ncpus', 'nram'] as const;
const NO_PATHS: readonly string[] = Object.freeze([]);
