import type { TemplateFileReference } from '../hierarchy/template-files.js';
import type { ParsedTemplateFile } from '../format/parse-template-file.js';
import { createProblem, type TemplateProblem } from '../validation/template-problem.js';
import { mergeFields } from './field-paths.js';

/** One record's contribution, in the order it was applied. */
export interface MergeLayer {
  readonly file: TemplateFileReference;
  readonly fields: Readonly<Record<string, unknown>>;
}

/** A template's fields after field-by-field override, before schema validation. */
export interface MergedTemplate {
  readonly templateId: string;
  /** Domain-shaped merged fields (no nulls left). Never mutated; may be a record's own object. */
  readonly values: Readonly<Record<string, unknown>>;
  /** The records applied, lowest priority first; provenance is computed from them on demand. */
  readonly layers: readonly MergeLayer[];
  /** Files that define the template (broken ones included), highest priority first. */
  readonly files: readonly TemplateFileReference[];
  readonly problems: readonly TemplateProblem[];
}

interface MergeState {
  readonly templateId: string;
  values: Readonly<Record<string, unknown>>;
  readonly layers: MergeLayer[];
  readonly files: TemplateFileReference[];
  readonly problems: TemplateProblem[];
}

const NO_VALUES: Readonly<Record<string, unknown>> = Object.freeze({});

/**
 * Applies every record from the lowest-priority file to the highest, so for each field path
 * the highest-priority file that sets it wins. Templates keep the order in which they first
 * appear in that walk (the base files' order, new templates of override files after).
 */
export function mergeTemplateFiles(files: readonly ParsedTemplateFile[]): Map<string, MergedTemplate> {
  const ascending = [...files].sort((left, right) => left.file.priority - right.file.priority);
  const merged = new Map<string, MergeState>();
  const stateFor = (templateId: string): MergeState => {
    let state = merged.get(templateId);
    if (state === undefined) {
      state = { templateId, values: NO_VALUES, layers: [], files: [], problems: [] };
      merged.set(templateId, state);
    }
    return state;
  };

  for (const parsed of ascending) {
    for (const record of parsed.records) {
      const state = stateFor(record.templateId);
      if (state.files[0] !== parsed.file) state.files.unshift(parsed.file);
      if (record.problems.length > 0) state.problems.push(...record.problems);
      state.layers.push({ file: parsed.file, fields: record.fields });
      // Most templates live in one file: their record's fields are used as they are, without a copy.
      state.values = state.values === NO_VALUES && !record.hasUnset ? record.fields : mergeFields(state.values, record.fields);
    }
    if (parsed.broken) {
      const reason = parsed.problems[0]?.message ?? 'the file could not be read';
      for (const templateId of parsed.brokenTemplateIds) {
        const state = stateFor(templateId);
        if (state.files[0] !== parsed.file) state.files.unshift(parsed.file);
        state.problems.push(
          createProblem(
            'broken-source-file',
            `Defined in ${parsed.file.name}, which cannot be loaded (${reason}); the template is unusable until the file is fixed.`,
            { file: parsed.file.name, templateId },
          ),
        );
      }
    }
  }

  const result = new Map<string, MergedTemplate>();
  for (const state of merged.values()) {
    if (state.files.length > 1) {
      const instanceFiles = state.files.filter((file) => file.level === 'instance');
      if (instanceFiles.length > 1) {
        state.problems.push(
          createProblem(
            'ambiguous-instance-files',
            `Defined in several provider-instance files (${instanceFiles.map((file) => file.name).join(', ')}); ${instanceFiles[0]?.name} wins field by field.`,
            { file: instanceFiles[0]?.name, templateId: state.templateId },
          ),
        );
      }
    }
    result.set(state.templateId, state);
  }
  return result;
}

/** The same files reduced to one template's records: merging them resolves just that template. */
export function filesForTemplate(files: readonly ParsedTemplateFile[], templateId: string): ParsedTemplateFile[] {
  return files.map((parsed) => ({
    ...parsed,
    records: parsed.records.filter((record) => record.templateId === templateId),
    brokenTemplateIds: parsed.brokenTemplateIds.filter((id) => id === templateId),
  }));
}
