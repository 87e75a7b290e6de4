import { z } from 'zod';
import type { TemplateFileReference } from '../hierarchy/template-files.js';
import { createProblem, type TemplateProblem } from '../validation/template-problem.js';
import type { Environment } from './expand-environment.js';
import { createConversionCache, normalizeRecord, type NormalizedRecord } from './normalize-record.js';

/** A template file accepts `{"templates": [...]}` (other top-level keys are kept) or a bare array. */
export const TemplateFileContentSchema = z.union([
  z.array(z.unknown()),
  z.looseObject({ templates: z.array(z.unknown()) }),
]);

export interface ParsedTemplateFile {
  readonly file: TemplateFileReference;
  readonly records: readonly NormalizedRecord[];
  /** Problems of the file itself and of records that have no template id. */
  readonly problems: readonly TemplateProblem[];
  /** True when the file could not be read as a list of templates at all. */
  readonly broken: boolean;
  /** For a broken file: the template ids its text still shows, so those templates can be reported invalid. */
  readonly brokenTemplateIds: readonly string[];
  /** Names of the `${…}` variables the file refers to: what the result also depends on. */
  readonly variables: readonly string[];
}

const variableReference = /\$\{([A-Za-z_][A-Za-z0-9_]*)/g;

function variablesInText(text: string): string[] {
  if (!text.includes('${')) return [];
  const names = new Set<string>();
  for (const match of text.matchAll(variableReference)) if (match[1] !== undefined) names.add(match[1]);
  return [...names];
}

const templateIdInText = /"(?:templateId|template_id)"\s*:\s*"([^"\\]{1,200})"/g;

function templateIdsInText(text: string): string[] {
  const ids = new Set<string>();
  for (const match of text.matchAll(templateIdInText)) if (match[1] !== undefined) ids.add(match[1]);
  return [...ids];
}

function describeJsonError(error: unknown, text: string): string {
  const message = error instanceof Error ? error.message : String(error);
  const position = /at position (\d+)/.exec(message);
  if (position?.[1] === undefined || /line \d+/.test(message)) return message;
  const before = text.slice(0, Number(position[1]));
  const line = before.split('\n').length;
  const column = before.length - before.lastIndexOf('\n');
  return `${message} (line ${line} column ${column})`;
}

export function brokenFile(file: TemplateFileReference, problem: TemplateProblem, text = ''): ParsedTemplateFile {
  return { file, records: [], problems: [problem], broken: true, brokenTemplateIds: templateIdsInText(text), variables: [] };
}

/** Parses one file's text; never throws for bad content, which becomes problems instead. */
export function parseTemplateFile(text: string, file: TemplateFileReference, environment: Environment | undefined): ParsedTemplateFile {
  let content: unknown;
  try {
    content = JSON.parse(text);
  } catch (error) {
    return brokenFile(
      file,
      createProblem('invalid-json', `Not valid JSON: ${describeJsonError(error, text)}`, { file: file.name }),
      text,
    );
  }
  const envelope = TemplateFileContentSchema.safeParse(content);
  if (!envelope.success) {
    return brokenFile(
      file,
      createProblem('invalid-file-shape', 'Expected {"templates": [ ... ]} or an array of templates.', {
        file: file.name,
        field: 'templates',
      }),
      text,
    );
  }
  const items = Array.isArray(envelope.data) ? envelope.data : envelope.data.templates;

  // Looking for `${…}` in every value of 10,000 templates costs ~10 ms; a file whose text holds
  // no "${" has none to find. A \u escape could spell one, so such files are still searched.
  const expansion = environment !== undefined && (text.includes('${') || text.includes('\\u')) ? environment : undefined;
  const records: NormalizedRecord[] = [];
  const problems: TemplateProblem[] = [];
  const firstIndexById = new Map<string, number>();
  const conversions = createConversionCache();
  for (let index = 0; index < items.length; index += 1) {
    const result = normalizeRecord(items[index], { file: file.name, recordIndex: index, environment: expansion, conversions });
    if (result.record === undefined) {
      problems.push(...result.problems);
      continue;
    }
    const earlier = firstIndexById.get(result.record.templateId);
    if (earlier === undefined) {
      firstIndexById.set(result.record.templateId, index);
    } else {
      // result.problems is the record's own (still mutable) list.
      result.problems.push(
        createProblem(
          'duplicate-template-id',
          `Template "${result.record.templateId}" is defined again (first at record ${earlier}); the later record overrides it field by field.`,
          { file: file.name, templateId: result.record.templateId, recordIndex: index },
        ),
      );
    }
    records.push(result.record);
  }
  return { file, records, problems, broken: false, brokenTemplateIds: [], variables: variablesInText(text) };
}
