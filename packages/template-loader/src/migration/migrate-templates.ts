import { ConfigurationError, NotFoundError, ValidationError } from '@ohf/domain-core';
import { normalizeRecord } from '../format/normalize-record.js';
import type { ParsedTemplateFile } from '../format/parse-template-file.js';
import { readRawTemplateFile, replaceRecords, serializeTemplateFile } from '../format/raw-template-file.js';
import { jsonEqual, recordFromEntries } from '../format/serialize-record.js';
import { flattenFields } from '../merge/field-paths.js';
import { filesForTemplate, mergeTemplateFiles } from '../merge/merge-template-files.js';
import { loaderInternals } from '../loader/loader-state.js';

export interface MigrateTemplatesOptions {
  /** File name in the config directory to move templates out of, e.g. `templates.json`. */
  readonly from: string;
  /** Configured provider instance whose `{instance}_templates.json` receives them. */
  readonly toProvider: string;
  /** Only these templates; default every template of `from`. */
  readonly templateIds?: readonly string[];
  /** Compute and return the plan without writing. */
  readonly dryRun?: boolean;
}

export interface MigratedTemplate {
  readonly templateId: string;
  /** Field paths written into the instance file. */
  readonly fields: readonly string[];
}

export interface DroppedField {
  readonly templateId: string;
  readonly field: string;
  /** The higher-priority file whose value already wins; the moved value had no effect. */
  readonly overriddenBy: string;
}

export interface MigrationConflict {
  readonly templateId: string;
  readonly reason: string;
}

export interface MigrationPlan {
  readonly from: string;
  readonly to: string;
  readonly dryRun: boolean;
  /** True when files were written (false for a dry run or when nothing moves). */
  readonly written: boolean;
  readonly moved: readonly MigratedTemplate[];
  readonly droppedFields: readonly DroppedField[];
  /** Templates left where they are, because moving them would change what resolves. */
  readonly conflicts: readonly MigrationConflict[];
}

function mergedEntriesOf(parsed: ParsedTemplateFile, templateId: string) {
  const entries = new Map<string, unknown>();
  const rawValues = new Map<string, unknown>();
  for (const record of parsed.records) {
    if (record.templateId !== templateId) continue;
    for (const [path, value] of flattenFields(record.fields)) {
      if (value === null) {
        for (const key of [...entries.keys()]) if (key.startsWith(`${path}.`)) entries.delete(key);
      }
      entries.delete(path);
      entries.set(path, value);
      if (record.rawValues?.has(path)) rawValues.set(path, record.rawValues.get(path));
      else rawValues.delete(path);
    }
  }
  return { entries, rawValues };
}

/** The file (if any) among `files` that sets `path` or unsets one of its parents for `templateId`. */
function overridingFile(files: readonly ParsedTemplateFile[], templateId: string, path: string): string | undefined {
  for (const parsed of files) {
    for (const record of parsed.records) {
      if (record.templateId !== templateId) continue;
      for (const [entryPath, value] of flattenFields(record.fields)) {
        if (entryPath === path || (value === null && path.startsWith(`${entryPath}.`))) return parsed.file.name;
      }
    }
  }
  return undefined;
}

function resolvedValues(files: readonly ParsedTemplateFile[], templateId: string): Readonly<Record<string, unknown>> | undefined {
  return mergeTemplateFiles(filesForTemplate(files, templateId)).get(templateId)?.values;
}

/**
 * Moves templates from one hierarchy file into a provider-instance file. Only the fields the
 * source file actually wins are moved (the others were already overridden and are reported
 * as dropped); every template is re-resolved in memory with the new files and left in place,
 * as a conflict, if anything would resolve differently. The instance file is written before the
 * source file, so a crash in between leaves the template in both with the same resolution.
 */
export async function migrateTemplates(loader: object, options: MigrateTemplatesOptions): Promise<MigrationPlan> {
  const internals = loaderInternals(loader);
  const { hierarchy, environment, fileSystem } = internals;
  const instance = internals.providerInstances.find((candidate) => candidate.name === options.toProvider);
  if (instance === undefined) {
    throw new NotFoundError('PROVIDER_NOT_FOUND', `Provider instance "${options.toProvider}" is not configured; templates moved there would not load.`, {
      details: { requested_provider: options.toProvider, available_providers: internals.providerInstances.map((candidate) => candidate.name) },
    });
  }
  const fromRef = hierarchy.find((file) => file.name === options.from);
  if (fromRef === undefined) {
    throw new ValidationError(`"${options.from}" is not a template file of this configuration.`, {
      details: { field: 'from', available_files: hierarchy.map((file) => file.name) },
    });
  }
  const targetRef = hierarchy.find((file) => file.level === 'instance' && file.providerInstance === instance.name);
  if (targetRef === undefined || targetRef === fromRef) {
    throw new ValidationError(`Templates of ${options.from} are already in the file of "${instance.name}".`, { details: { field: 'from' } });
  }

  const state = await internals.loadState();
  const fromParsed = state.parsedFiles.find((parsed) => parsed.file === fromRef);
  if (fromParsed === undefined) {
    throw new ValidationError(`${options.from} does not exist in ${loaderConfigDirectory(hierarchy)}.`, { details: { field: 'from' } });
  }
  for (const parsed of [fromParsed, state.parsedFiles.find((candidate) => candidate.file === targetRef)]) {
    if (parsed?.broken) {
      throw new ConfigurationError(`${parsed.file.name} cannot be loaded (${parsed.problems[0]?.message}); fix it before migrating.`, {
        details: { file: parsed.file.name },
      });
    }
  }

  const idsInFile = [...new Set(fromParsed.records.map((record) => record.templateId))];
  if (options.templateIds !== undefined) {
    const missing = options.templateIds.filter((id) => !idsInFile.includes(id));
    if (missing.length > 0) {
      throw new ValidationError(`${options.from} does not define ${missing.map((id) => `"${id}"`).join(', ')}.`, {
        details: { field: 'templateIds', missing },
      });
    }
  }
  const selected = options.templateIds === undefined ? idsInFile : idsInFile.filter((id) => options.templateIds?.includes(id));

  const higherFiles = state.parsedFiles
    .filter((parsed) => parsed.file.priority > fromRef.priority)
    .sort((left, right) => right.file.priority - left.file.priority);
  const targetParsed = state.parsedFiles.find((parsed) => parsed.file === targetRef);
  const targetRaw = await readRawTemplateFile(fileSystem, targetRef.path, targetRef.name);
  const fromRaw = await readRawTemplateFile(fileSystem, fromRef.path, fromRef.name);

  const moved: MigratedTemplate[] = [];
  const droppedFields: DroppedField[] = [];
  const conflicts: MigrationConflict[] = [];

  for (const templateId of selected) {
    const source = mergedEntriesOf(fromParsed, templateId);
    const movedEntries = new Map<string, unknown>();
    const dropped: DroppedField[] = [];
    for (const [path, value] of source.entries) {
      // The id is what makes it a record at all; higher files defining the template do not override it.
      const overriddenBy = path === 'templateId' ? undefined : overridingFile(higherFiles, templateId, path);
      if (overriddenBy === undefined) movedEntries.set(path, value);
      else dropped.push({ templateId, field: path, overriddenBy });
    }

    // The instance file's own record keeps precedence where it already won.
    const target = targetParsed === undefined ? { entries: new Map(), rawValues: new Map() } : mergedEntriesOf(targetParsed, templateId);
    const targetWins = targetRef.priority > fromRef.priority;
    const combined = new Map<string, unknown>(targetWins ? movedEntries : target.entries);
    for (const [path, value] of targetWins ? target.entries : movedEntries) combined.set(path, value);
    const rawValues = new Map<string, unknown>();
    for (const [path, value] of source.rawValues) if (movedEntries.has(path)) rawValues.set(path, value);
    for (const [path, value] of target.rawValues) if (!movedEntries.has(path) || targetWins) rawValues.set(path, value);
    const record = recordFromEntries(combined, rawValues);

    // Prove it: resolve the template with the rewritten files and compare.
    const rewritten = normalizeRecord(record, { file: targetRef.name, recordIndex: 0, environment }).record;
    const simulated = state.parsedFiles
      .filter((parsed) => parsed.file !== targetRef)
      .map((parsed) => (parsed.file === fromRef ? { ...parsed, records: parsed.records.filter((entry) => entry.templateId !== templateId) } : parsed));
    simulated.push({
      file: targetRef,
      records: [...(targetParsed?.records.filter((entry) => entry.templateId !== templateId) ?? []), ...(rewritten === undefined ? [] : [rewritten])],
      problems: [],
      broken: false,
      brokenTemplateIds: [],
      variables: [],
    });
    if (!jsonEqual(resolvedValues(state.parsedFiles, templateId), resolvedValues(simulated, templateId))) {
      conflicts.push({
        templateId,
        reason: `Moving it into ${targetRef.name} would change how it resolves (a file between them sets or unsets the same fields).`,
      });
      continue;
    }
    replaceRecords(targetRaw, templateId, record, environment);
    replaceRecords(fromRaw, templateId, undefined, environment);
    moved.push({ templateId, fields: [...movedEntries.keys()] });
    droppedFields.push(...dropped);
  }

  const dryRun = options.dryRun ?? false;
  const write = !dryRun && moved.length > 0;
  if (write) {
    await fileSystem.writeFileAtomic(targetRef.path, serializeTemplateFile(targetRaw));
    internals.invalidate(targetRef.path);
    await fileSystem.writeFileAtomic(fromRef.path, serializeTemplateFile(fromRaw));
    internals.invalidate(fromRef.path);
  }
  return { from: fromRef.name, to: targetRef.name, dryRun, written: write, moved, droppedFields, conflicts };
}

function loaderConfigDirectory(hierarchy: readonly { path: string; name: string }[]): string {
  const first = hierarchy[0];
  return first === undefined ? 'the config directory' : first.path.slice(0, first.path.length - first.name.length - 1);
}
