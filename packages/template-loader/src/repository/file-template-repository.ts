import {
  ConfigurationError,
  StorageError,
  TemplateSchema,
  ValidationError,
  type Template,
  type TemplateRepository,
  type TemplateSearchCriteria,
} from '@ohf/domain-core';
import { normalizeRecord } from '../format/normalize-record.js';
import { readRawTemplateFile, replaceRecords, serializeTemplateFile } from '../format/raw-template-file.js';
import { jsonEqual, recordFromEntries } from '../format/serialize-record.js';
import { MAIN_TEMPLATE_FILE } from '../hierarchy/template-files.js';
import type { LoaderInternals, LoaderState } from '../loader/loader-state.js';
import { loaderInternals } from '../loader/loader-state.js';
import type { TemplateLoader } from '../loader/template-loader.js';
import { buildTemplate, schemaProblems } from '../merge/build-template.js';
import { flattenFields, valueAtPath } from '../merge/field-paths.js';
import { filesForTemplate, mergeTemplateFiles } from '../merge/merge-template-files.js';
import { formatProblem } from '../validation/template-problem.js';

export interface TemplateFilter extends TemplateSearchCriteria {
  /** Also list templates that failed validation (they are skipped otherwise). */
  readonly includeInvalid?: boolean;
}

/** Values the Template schema fills in; written only when a lower file would otherwise win. */
const SCHEMA_DEFAULTS: Readonly<Record<string, unknown>> = {
  enabled: true,
  subnetIds: [],
  securityGroupIds: [],
  instanceTags: {},
};

function matches(template: Template, criteria: TemplateSearchCriteria): boolean {
  if (criteria.providerType !== undefined && template.providerType !== criteria.providerType) return false;
  if (criteria.providerName !== undefined && template.providerName !== criteria.providerName) return false;
  if (criteria.providerApi !== undefined && template.providerApi !== criteria.providerApi) return false;
  if (criteria.enabled !== undefined && template.enabled !== criteria.enabled) return false;
  if (criteria.text !== undefined && !template.templateId.toLowerCase().includes(criteria.text.toLowerCase())) return false;
  return true;
}

/**
 * The domain TemplateRepository over the template files. Reads go through the loader's cache
 * and return valid templates only; writes rewrite one file atomically (temp file + rename).
 */
export class FileTemplateRepository implements TemplateRepository {
  private readonly internals: LoaderInternals;

  constructor(private readonly loader: TemplateLoader) {
    this.internals = loaderInternals(loader);
  }

  async findAll(): Promise<readonly Template[]> {
    return (await this.loader.load()).validTemplates;
  }

  /** The template, `undefined` when no file defines it; throws VALIDATION_ERROR with the problems when it is invalid. */
  async findById(templateId: string): Promise<Template | undefined> {
    const resolved = (await this.loader.load()).byId.get(templateId);
    if (resolved === undefined) return undefined;
    if (!resolved.valid || resolved.template === undefined) {
      const errors = resolved.problems.filter((problem) => problem.severity === 'error');
      throw new ValidationError(
        `Template "${templateId}" is invalid: ${errors.map(formatProblem).join('; ')}`,
        { details: { templateId, problems: errors } },
      );
    }
    return resolved.template;
  }

  async findByProviderApi(providerApi: string): Promise<readonly Template[]> {
    return this.search({ providerApi });
  }

  async findByProviderType(providerType: string): Promise<readonly Template[]> {
    return this.search({ providerType });
  }

  async findByProviderName(providerName: string): Promise<readonly Template[]> {
    return this.search({ providerName });
  }

  async findActive(): Promise<readonly Template[]> {
    return this.search({ enabled: true });
  }

  async search(criteria: TemplateFilter): Promise<readonly Template[]> {
    const catalog = await this.loader.load();
    const candidates = criteria.includeInvalid
      ? catalog.templates.flatMap((resolved) => (resolved.template === undefined ? [] : [resolved.template]))
      : catalog.validTemplates;
    return candidates.filter((template) => matches(template, criteria));
  }

  /**
   * Writes the template into the highest-priority file that already defines it, else into
   * `templates.json`. Fields that lower-priority files set and the template does not have are
   * written as `null`, so the file resolves to exactly the saved template.
   */
  async save(template: Template): Promise<void> {
    const parsed = TemplateSchema.safeParse(template);
    if (!parsed.success) {
      const problems = schemaProblems(parsed.error.issues, {}, template.templateId);
      throw new ValidationError(`Template is invalid: ${problems.map(formatProblem).join('; ')}`, {
        details: { templateId: template.templateId, problems },
      });
    }
    const saved = parsed.data;
    const { environment, fileSystem, hierarchy } = this.internals;
    const state = await this.internals.loadState();
    this.assertNotInBrokenFile(state, saved.templateId);

    const defining = state.parsedFiles
      .filter((file) => file.records.some((record) => record.templateId === saved.templateId))
      .sort((left, right) => right.file.priority - left.file.priority);
    const target = defining[0]?.file ?? hierarchy.find((file) => file.name === MAIN_TEMPLATE_FILE);
    if (target === undefined) throw new StorageError('The hierarchy has no templates.json.', { code: 'INTERNAL' });

    const lowerFiles = state.parsedFiles.filter((file) => file.file.priority < target.priority);
    const lowerValues = mergeTemplateFiles(filesForTemplate(lowerFiles, saved.templateId)).get(saved.templateId)?.values;
    const lower = lowerValues === undefined ? new Map<string, unknown>() : flattenFields(lowerValues);

    const wantedFields = normalizeRecord(saved, { file: target.name, recordIndex: 0 }).record?.fields;
    const wanted = wantedFields === undefined ? new Map<string, unknown>() : flattenFields(wantedFields);
    const entries = new Map<string, unknown>();
    for (const [path, value] of wanted) {
      if (path in SCHEMA_DEFAULTS && jsonEqual(SCHEMA_DEFAULTS[path], value) && !lower.has(path)) continue;
      entries.set(path, value);
    }
    for (const path of lower.keys()) if (!wanted.has(path)) entries.set(path, null);

    // Keep ${ENV} references where the value they produce is unchanged.
    const existing = defining[0]?.records.filter((record) => record.templateId === saved.templateId) ?? [];
    const rawValues = new Map<string, unknown>();
    for (const record of existing) {
      for (const [path, raw] of record.rawValues ?? []) {
        if (jsonEqual(valueAtPath(record.fields, path), entries.get(path))) rawValues.set(path, raw);
      }
    }
    const record = recordFromEntries(entries, rawValues);
    this.assertResolvesTo(state, target.priority, record, saved);

    const file = await readRawTemplateFile(fileSystem, target.path, target.name);
    replaceRecords(file, saved.templateId, record, environment);
    await fileSystem.writeFileAtomic(target.path, serializeTemplateFile(file));
    this.internals.invalidate(target.path);
  }

  /** Removes the template from every file that defines it; false when none did. */
  async delete(templateId: string): Promise<boolean> {
    const { environment, fileSystem } = this.internals;
    const state = await this.internals.loadState();
    this.assertNotInBrokenFile(state, templateId);
    let removed = false;
    for (const parsed of state.parsedFiles) {
      if (!parsed.records.some((record) => record.templateId === templateId)) continue;
      const file = await readRawTemplateFile(fileSystem, parsed.file.path, parsed.file.name);
      if (replaceRecords(file, templateId, undefined, environment) === 0) continue;
      await fileSystem.writeFileAtomic(parsed.file.path, serializeTemplateFile(file));
      this.internals.invalidate(parsed.file.path);
      removed = true;
    }
    return removed;
  }

  private assertNotInBrokenFile(state: LoaderState, templateId: string): void {
    const broken = state.parsedFiles.find((file) => file.broken && file.brokenTemplateIds.includes(templateId));
    if (broken !== undefined) {
      throw new ConfigurationError(
        `Template "${templateId}" is also in ${broken.file.name}, which cannot be loaded (${broken.problems[0]?.message}); fix that file first.`,
        { details: { templateId, file: broken.file.name } },
      );
    }
  }

  // A record that does not reproduce the template is a bug here, never something to write.
  private assertResolvesTo(state: LoaderState, priority: number, record: Record<string, unknown>, expected: Template): void {
    const files = state.parsedFiles.filter((file) => file.file.priority < priority);
    const targetFile = state.parsedFiles.find((file) => file.file.priority === priority)?.file ?? { name: MAIN_TEMPLATE_FILE, path: '', level: 'main' as const, priority };
    const normalized = normalizeRecord(record, { file: targetFile.name, recordIndex: 0, environment: this.internals.environment }).record;
    const simulated = [...filesForTemplate(files, expected.templateId)];
    if (normalized !== undefined) simulated.push({ file: targetFile, records: [normalized], problems: [], broken: false, brokenTemplateIds: [], variables: [] });
    const merged = mergeTemplateFiles(simulated).get(expected.templateId);
    const built = merged === undefined ? undefined : buildTemplate(expected.templateId, merged.values, () => ({}), targetFile.name).template;
    if (!jsonEqual(built, expected)) {
      throw new StorageError(`Cannot write template "${expected.templateId}" so that it resolves unchanged.`, { code: 'INTERNAL' });
    }
  }
}
