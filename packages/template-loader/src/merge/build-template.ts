import { TemplateSchema, type Template } from '@ohf/domain-core';
import type { z } from 'zod';
import { createProblem, type TemplateProblem } from '../validation/template-problem.js';
import { DEFAULT_SOURCE, sourceForPath, type FieldSource, type FieldSources } from './field-source.js';

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

/** Turns merge paths back into a nested camelCase object. */
export function objectFromEntries(values: ReadonlyMap<string, unknown>): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const [path, value] of values) {
    const dot = path.indexOf('.');
    if (dot === -1) {
      result[path] = value;
      continue;
    }
    const field = path.slice(0, dot);
    const rest = path.slice(dot + 1);
    const container = (result[field] ??= {}) as Record<string, unknown>;
    if (field === 'providerOptions') {
      const secondDot = rest.indexOf('.');
      const provider = secondDot === -1 ? rest : rest.slice(0, secondDot);
      const options = (container[provider] ??= {}) as Record<string, unknown>;
      if (secondDot !== -1) options[rest.slice(secondDot + 1)] = value;
    } else {
      container[rest] = value;
    }
  }
  return result;
}

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
  readonly sources: Record<string, FieldSource>;
  readonly problems: TemplateProblem[];
}

/**
 * Builds the domain Template from merged values: fills the three attributes Host Factory
 * requires when no file gave them, then validates once against the Template schema.
 */
export function buildTemplate(
  templateId: string,
  values: ReadonlyMap<string, unknown>,
  mergedSources: ReadonlyMap<string, FieldSource>,
  definingFile: string | undefined,
): BuiltTemplate {
  const sources: Record<string, FieldSource> = Object.fromEntries(mergedSources);
  const problems: TemplateProblem[] = [];
  const candidate = objectFromEntries(values);

  const attributes = (candidate['attributes'] ??= {}) as Record<string, unknown>;
  const derived: string[] = [];
  for (const [name, value] of Object.entries(DEFAULT_ATTRIBUTES)) {
    if (attributes[name] === undefined) {
      attributes[name] = [...value];
      sources[`attributes.${name}`] = DEFAULT_SOURCE;
      derived.push(`${name}=${value[1]}`);
    }
  }
  if (derived.length > 0) {
    problems.push(
      createProblem(
        'derived-attributes',
        `No file sets attributes ${derived.map((entry) => entry.split('=')[0]).join(', ')}; assumed ${derived.join(', ')}. Set them so Host Factory schedules on real figures.`,
        { file: definingFile, templateId, field: 'attributes' },
      ),
    );
  }

  const parsed = TemplateSchema.safeParse(candidate);
  if (!parsed.success) {
    problems.push(...schemaProblems(parsed.error.issues, sources, templateId, definingFile));
    return { sources, problems };
  }
  return { template: parsed.data, sources, problems };
}
