import type { TemplateFileReference } from '../hierarchy/template-file-hierarchy.js';
import type { ParsedTemplateFile } from '../format/parse-template-file.js';
import { createProblem, type TemplateProblem } from '../validation/template-problem.js';
import type { FieldSource } from './field-source.js';

/** A template's fields after field-by-field override, before schema validation. */
export interface MergedTemplate {
  readonly templateId: string;
  /** Merge path → value, see NormalizedRecord. */
  readonly values: Map<string, unknown>;
  readonly sources: Map<string, FieldSource>;
  /** Files that define the template (broken ones included), highest priority first. */
  readonly files: TemplateFileReference[];
  readonly problems: TemplateProblem[];
}

function sourceOf(file: TemplateFileReference): FieldSource {
  return Object.freeze({ level: file.level, file: file.name, priority: file.priority });
}

function unset(merged: MergedTemplate, path: string): void {
  merged.values.delete(path);
  merged.sources.delete(path);
  const prefix = `${path}.`;
  for (const key of [...merged.values.keys()]) {
    if (key.startsWith(prefix)) {
      merged.values.delete(key);
      merged.sources.delete(key);
    }
  }
}

/**
 * Applies every record from the lowest-priority file to the highest, so for each field path
 * the highest-priority file that sets it wins. Templates keep the order in which they first
 * appear in that walk (the base files' order, new templates of override files after).
 */
export function mergeTemplateFiles(files: readonly ParsedTemplateFile[]): Map<string, MergedTemplate> {
  const ascending = [...files].sort((left, right) => left.file.priority - right.file.priority);
  const merged = new Map<string, MergedTemplate>();
  const entryFor = (templateId: string): MergedTemplate => {
    let entry = merged.get(templateId);
    if (entry === undefined) {
      entry = { templateId, values: new Map(), sources: new Map(), files: [], problems: [] };
      merged.set(templateId, entry);
    }
    return entry;
  };

  for (const parsed of ascending) {
    const source = sourceOf(parsed.file);
    for (const record of parsed.records) {
      const entry = entryFor(record.templateId);
      if (entry.files[0] !== parsed.file) entry.files.unshift(parsed.file);
      if (record.problems.length > 0) entry.problems.push(...record.problems);
      for (const [path, value] of record.entries) {
        if (value === null) {
          unset(entry, path);
        } else {
          entry.values.set(path, value);
          entry.sources.set(path, source);
        }
      }
    }
    if (parsed.broken) {
      const reason = parsed.problems[0]?.message ?? 'the file could not be read';
      for (const templateId of parsed.brokenTemplateIds) {
        const entry = entryFor(templateId);
        if (entry.files[0] !== parsed.file) entry.files.unshift(parsed.file);
        entry.problems.push(
          createProblem(
            'broken-source-file',
            `Defined in ${parsed.file.name}, which cannot be loaded (${reason}); the template is unusable until the file is fixed.`,
            { file: parsed.file.name, templateId },
          ),
        );
      }
    }
  }

  for (const entry of merged.values()) {
    const instanceFiles = entry.files.filter((file) => file.level === 'instance');
    if (instanceFiles.length > 1) {
      entry.problems.push(
        createProblem(
          'ambiguous-instance-files',
          `Defined in several provider-instance files (${instanceFiles.map((file) => file.name).join(', ')}); ${instanceFiles[0]?.name} wins field by field.`,
          { file: instanceFiles[0]?.name, templateId: entry.templateId },
        ),
      );
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
