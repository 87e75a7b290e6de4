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
  /** NO_PROBLEMS until the first one: most templates have none, and 10,000 empty arrays are garbage to collect. */
  problems: TemplateProblem[];
}

const NO_VALUES: Readonly<Record<string, unknown>> = Object.freeze({});
const NO_PROBLEMS: TemplateProblem[] = Object.freeze([]) as unknown as TemplateProblem[];

function addProblems(state: MergeState, problems: readonly TemplateProblem[]): void {
  if (state.problems === NO_PROBLEMS) state.problems = [...problems];
  else state.problems.push(...problems);
}

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
      state = { templateId, values: NO_VALUES, layers: [], files: [], problems: NO_PROBLEMS };
      merged.set(templateId, state);
    }
    return state;
  };

  for (const parsed of ascending) {
    for (const record of parsed.records) {
      const layer: MergeLayer = { file: parsed.file, fields: record.fields };
      let state = merged.get(record.templateId);
      if (state === undefined) {
        // Arrays of one written out, rather than push() on empty ones, which reserves room for 16:
        // most templates never get a second record, and this keeps 10,000 of them lighter.
        state = {
          templateId: record.templateId,
          // Most templates live in one file: their record's fields are used as they are, without a copy.
          values: record.hasUnset ? mergeFields(NO_VALUES, record.fields) : record.fields,
          layers: [layer],
          files: [parsed.file],
          problems: record.problems.length > 0 ? [...record.problems] : NO_PROBLEMS,
        };
        merged.set(record.templateId, state);
        continue;
      }
      if (state.files[0] !== parsed.file) state.files.unshift(parsed.file);
      if (record.problems.length > 0) addProblems(state, record.problems);
      state.layers.push(layer);
      state.values = state.values === NO_VALUES && !record.hasUnset ? record.fields : mergeFields(state.values, record.fields);
    }
    if (parsed.broken) {
      const reason = parsed.problems[0]?.message ?? 'the file could not be read';
      for (const templateId of parsed.brokenTemplateIds) {
        const state = stateFor(templateId);
        if (state.files[0] !== parsed.file) state.files.unshift(parsed.file);
        addProblems(state, [
          createProblem(
            'broken-source-file',
            `Defined in ${parsed.file.name}, which cannot be loaded (${reason}); the template is unusable until the file is fixed.`,
            { file: parsed.file.name, templateId },
          ),
        ]);
      }
    }
  }

  for (const state of merged.values()) {
    if (state.files.length > 1) {
      const instanceFiles = state.files.filter((file) => file.level === 'instance');
      if (instanceFiles.length > 1) {
        addProblems(state, [
          createProblem(
            'ambiguous-instance-files',
            `Defined in several provider-instance files (${instanceFiles.map((file) => file.name).join(', ')}); ${instanceFiles[0]?.name} wins field by field.`,
            { file: instanceFiles[0]?.name, templateId: state.templateId },
          ),
        ]);
      }
    }
  }
  return merged;
}

/** The same files reduced to one template's records: merging them resolves just that template. */
export function filesForTemplate(files: readonly ParsedTemplateFile[], templateId: string): ParsedTemplateFile[] {
  return files.map((parsed) => ({
    ...parsed,
    records: parsed.records.filter((record) => record.templateId === templateId),
    brokenTemplateIds: parsed.brokenTemplateIds.filter((id) => id === templateId),
  }));
}
