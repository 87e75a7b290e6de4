import { NotFoundError, type Template } from '@ohf/domain-core';
import type { Environment } from '../format/expand-environment.js';
import { brokenFile, parseTemplateFile, type ParsedTemplateFile } from '../format/parse-template-file.js';
import { nodeTemplateFileSystem, statKey, type TemplateFileStat, type TemplateFileSystem } from '../file-system/template-file-system.js';
import { templateFileHierarchy } from '../hierarchy/template-file-hierarchy.js';
import type { ProviderInstanceReference, TemplateFileReference } from '../hierarchy/template-files.js';
import { buildTemplate } from '../merge/build-template.js';
import { sourcesFromLayers, type FieldSources } from '../merge/field-source.js';
import { mergeTemplateFiles, type MergedTemplate, type MergeLayer } from '../merge/merge-template-files.js';
import { migrateTemplates, type MigrateTemplatesOptions, type MigrationPlan } from '../migration/migrate-templates.js';
import { toHostFactoryTemplate } from '../host-factory/to-host-factory-template.js';
import { writeTemplateSnapshot } from '../snapshot/template-snapshot.js';
import { checkTemplate, type TemplateCheckOptions } from '../validation/check-template.js';
import { createProblem, type TemplateProblem } from '../validation/template-problem.js';
import { validationResult, type TemplateValidationResult } from '../validation/validate-template.js';
import { applyValidationLevel, DEFAULT_VALIDATION_LEVEL, hasErrors, type ValidationLevel } from '../validation/validation-level.js';
import { registerLoaderInternals, type LoaderState } from './loader-state.js';
import type { ResolvedTemplate, TemplateCacheStats, TemplateCatalog, TemplateFileStatus } from './template-catalog.js';

export interface TemplateLoaderOptions {
  /** The directory holding the template files (`$HF_PROVIDER_CONFDIR`). */
  readonly configDirectory: string;
  /** Configured provider instances; they decide which instance and type files apply. */
  readonly providerInstances: readonly ProviderInstanceReference[];
  /** `HF_PROVIDER_NAME`: adds `<name>prov_templates.json` to the hierarchy, below the instance files. */
  readonly hostFactoryProviderName?: string | undefined;
  /** Source of `${NAME}` values; default `process.env`. Call `refresh()` after changing it. */
  readonly env?: Environment;
  /** Default LENIENT. */
  readonly validationLevel?: ValidationLevel;
  /** Default: the local disk. */
  readonly fileSystem?: TemplateFileSystem;
  /**
   * After each full resolve, write the Host Factory view of the valid templates here, for
   * `readTemplateSnapshot` (`@ohf/template-loader/snapshot`) to answer the next process without
   * parsing anything. Best effort: a failed write only costs that speed-up.
   */
  readonly snapshotPath?: string;
}

export interface ValidateLoadedTemplateOptions {
  /** Default: the loader's level. */
  readonly level?: ValidationLevel;
  /** Name of a configured provider instance to validate against (its capabilities and limit, when configured). */
  readonly providerInstance?: string;
  /** Overrides the instance's configured capabilities. */
  readonly capabilities?: TemplateCheckOptions['capabilities'];
  readonly requestedCount?: number;
  readonly instanceLimit?: number;
}

export interface TemplateLoader {
  readonly configDirectory: string;
  /** The hierarchy, highest priority first. */
  readonly files: readonly TemplateFileReference[];
  readonly validationLevel: ValidationLevel;
  /** Resolves the hierarchy; re-reads only files whose path, mtime or size changed, and re-merges only then. */
  load(): Promise<TemplateCatalog>;
  /** Drops every cached file and merge result, then loads. */
  refresh(): Promise<TemplateCatalog>;
  readonly cacheStats: TemplateCacheStats;
  /** Resolution problems of one template plus the checks against a provider instance. */
  validate(templateId: string, options?: ValidateLoadedTemplateOptions): Promise<TemplateValidationResult>;
  /** Moves templates from one file of the hierarchy into a provider-instance file without changing what resolves. */
  migrateTemplates(options: MigrateTemplatesOptions): Promise<MigrationPlan>;
}

interface CachedFile {
  readonly key: string;
  readonly parsed: ParsedTemplateFile;
}

interface BuiltEntry {
  readonly layers: readonly MergeLayer[];
  readonly resolved: LazyResolvedTemplate;
  readonly resolutionProblems: readonly TemplateProblem[];
  /** Built while a file defining it was broken: its problems depend on more than its records. */
  readonly brokenSource: boolean;
}

function sameLayers(left: readonly MergeLayer[], right: readonly MergeLayer[]): boolean {
  if (left.length !== right.length) return false;
  for (let index = 0; index < left.length; index += 1) {
    if (left[index]?.fields !== right[index]?.fields || left[index]?.file !== right[index]?.file) return false;
  }
  return true;
}

function isBrokenSource(problem: TemplateProblem): boolean {
  return problem.rule === 'broken-source-file';
}

/**
 * A resolved template whose provenance is computed on first access of `sources`: most loads
 * never look at it, and computing it for 10,000 templates would cost more than the merge.
 * `toJSON` includes it, so JSON output (API, `--source-info`) is complete.
 */
class LazyResolvedTemplate implements ResolvedTemplate {
  readonly templateId: string;
  template: Template | undefined = undefined;
  valid = false;
  problems: readonly TemplateProblem[] = [];
  #derivedPaths: readonly string[] = [];
  #sources: FieldSources | undefined;
  #files: readonly string[] | undefined;
  readonly #merged: MergedTemplate;

  constructor(merged: MergedTemplate) {
    this.templateId = merged.templateId;
    this.#merged = merged;
  }

  /** Computed on first access too, like `sources`. */
  get files(): readonly string[] {
    return (this.#files ??= this.#merged.files.map((file) => file.name));
  }

  get sources(): FieldSources {
    return (this.#sources ??= Object.freeze(sourcesFromLayers(this.#merged.values, this.#merged.layers, this.#derivedPaths)));
  }

  /** Attribute paths the loader filled in; they show as `level: 'default'` sources. */
  setDerivedPaths(derivedPaths: readonly string[]): void {
    this.#derivedPaths = derivedPaths;
  }

  sourcesWith(derivedPaths: readonly string[]): FieldSources {
    this.#derivedPaths = derivedPaths;
    return this.sources;
  }

  toJSON(): Record<string, unknown> {
    return { templateId: this.templateId, template: this.template, sources: this.sources, files: this.files, valid: this.valid, problems: this.problems };
  }
}

class FileTemplateLoader implements TemplateLoader {
  readonly configDirectory: string;
  readonly files: readonly TemplateFileReference[];
  readonly validationLevel: ValidationLevel;
  private readonly providerInstances: readonly ProviderInstanceReference[];
  private readonly environment: Environment;
  private readonly fileSystem: TemplateFileSystem;
  private readonly snapshotPath: string | undefined;
  private readonly hostFactoryProviderName: string | undefined;
  private readonly fileCache = new Map<string, CachedFile>();
  private lastState: { fingerprint: string; state: LoaderState } | undefined;
  /** Per template: what it was built from and the result, reused while its records are the same objects. */
  private builtTemplates = new Map<string, BuiltEntry>();
  private pending: Promise<LoaderState> | undefined;
  private stats = { fileHits: 0, fileMisses: 0, catalogHits: 0, catalogMisses: 0 };

  constructor(options: TemplateLoaderOptions) {
    this.configDirectory = options.configDirectory;
    this.providerInstances = options.providerInstances;
    this.hostFactoryProviderName = options.hostFactoryProviderName;
    this.files = templateFileHierarchy(options.configDirectory, options.providerInstances, { hostFactoryProviderName: options.hostFactoryProviderName });
    this.environment = options.env ?? process.env;
    this.validationLevel = options.validationLevel ?? DEFAULT_VALIDATION_LEVEL;
    this.fileSystem = options.fileSystem ?? nodeTemplateFileSystem;
    this.snapshotPath = options.snapshotPath;
    registerLoaderInternals(this, {
      hierarchy: this.files,
      fileSystem: this.fileSystem,
      environment: this.environment,
      providerInstances: this.providerInstances,
      loadState: () => this.loadState(),
      invalidate: (path) => {
        this.fileCache.delete(path);
        this.lastState = undefined;
      },
    });
  }

  get cacheStats(): TemplateCacheStats {
    return { ...this.stats };
  }

  async load(): Promise<TemplateCatalog> {
    return (await this.loadState()).catalog;
  }

  async refresh(): Promise<TemplateCatalog> {
    this.fileCache.clear();
    this.builtTemplates.clear();
    this.lastState = undefined;
    return this.load();
  }

  async validate(templateId: string, options: ValidateLoadedTemplateOptions = {}): Promise<TemplateValidationResult> {
    const state = await this.loadState();
    const resolved = state.catalog.byId.get(templateId);
    if (resolved === undefined) {
      throw new NotFoundError('TEMPLATE_NOT_FOUND', `Template "${templateId}" is not defined in any template file.`, {
        details: { templateId, files: this.files.map((file) => file.name) },
      });
    }
    let instance: ProviderInstanceReference | undefined;
    if (options.providerInstance !== undefined) {
      instance = this.providerInstances.find((candidate) => candidate.name === options.providerInstance);
      if (instance === undefined) {
        throw new NotFoundError('PROVIDER_NOT_FOUND', `Provider instance "${options.providerInstance}" is not configured.`, {
          details: {
            requested_provider: options.providerInstance,
            available_providers: this.providerInstances.map((candidate) => candidate.name),
          },
        });
      }
    }
    const problems = [...state.resolutionProblemsOf(templateId)];
    if (resolved.template !== undefined) {
      problems.push(
        ...checkTemplate(
          resolved.template,
          resolved.sources,
          {
            knownProviderInstances: this.providerInstances.length > 0 ? this.providerInstances : undefined,
            providerInstance: instance,
            capabilities: options.capabilities ?? instance?.capabilities,
            instanceLimit: options.instanceLimit ?? instance?.instanceLimit,
            requestedCount: options.requestedCount,
          },
          resolved.files[0],
        ),
      );
    }
    return validationResult(options.level ?? this.validationLevel, problems, resolved.template);
  }

  migrateTemplates(options: MigrateTemplatesOptions): Promise<MigrationPlan> {
    return migrateTemplates(this, options);
  }

  private loadState(): Promise<LoaderState> {
    // Concurrent callers share one pass over the files.
    this.pending ??= this.resolve().finally(() => {
      this.pending = undefined;
    });
    return this.pending;
  }

  private async resolve(): Promise<LoaderState> {
    const stats = await Promise.all(
      this.files.map(async (file): Promise<{ stat?: TemplateFileStat; error?: unknown }> => {
        try {
          const stat = await this.fileSystem.stat(file.path);
          return stat === undefined ? {} : { stat };
        } catch (error) {
          return { error };
        }
      }),
    );
    const fingerprint = stats
      .map((entry) => (entry.stat !== undefined ? statKey(entry.stat) : entry.error !== undefined ? 'error' : 'missing'))
      .join('|');
    if (this.lastState !== undefined && this.lastState.fingerprint === fingerprint) {
      this.stats.catalogHits += 1;
      this.stats.fileHits += stats.filter((entry) => entry.stat !== undefined).length;
      return this.lastState.state;
    }
    this.stats.catalogMisses += 1;

    let readFailed = false;
    const parsedFiles = await Promise.all(
      this.files.map(async (file, index): Promise<ParsedTemplateFile | undefined> => {
        const entry = stats[index];
        if (entry?.error !== undefined) {
          this.fileCache.delete(file.path);
          return brokenFile(file, createProblem('file-unreadable', `Cannot read the file: ${(entry.error as Error).message}`, { file: file.name }));
        }
        if (entry?.stat === undefined) {
          this.fileCache.delete(file.path);
          return undefined;
        }
        const key = statKey(entry.stat);
        const cached = this.fileCache.get(file.path);
        if (cached !== undefined && cached.key === key) {
          this.stats.fileHits += 1;
          return cached.parsed;
        }
        this.stats.fileMisses += 1;
        let parsed: ParsedTemplateFile;
        try {
          parsed = parseTemplateFile(await this.fileSystem.readFile(file.path), file, this.environment);
        } catch (error) {
          // Neither the file nor the catalog is cached: an unreadable file is retried on the next load.
          readFailed = true;
          return brokenFile(file, createProblem('file-unreadable', `Cannot read the file: ${(error as Error).message}`, { file: file.name }));
        }
        this.fileCache.set(file.path, { key, parsed });
        return parsed;
      }),
    );

    const state = this.buildState(parsedFiles);
    this.lastState = readFailed ? undefined : { fingerprint, state };
    // A file that does not parse must never reach the next process as a shorter list.
    if (this.snapshotPath !== undefined && stats.every((entry) => entry.error === undefined) && !state.parsedFiles.some((parsed) => parsed.broken)) {
      const fileKeys = stats.map((entry) => (entry.stat === undefined ? 'missing' : statKey(entry.stat)));
      const variables = [...new Set(state.parsedFiles.flatMap((parsed) => parsed.variables))];
      await writeTemplateSnapshot(
        this.snapshotPath,
        {
          configDirectory: this.configDirectory,
          providerInstances: this.providerInstances,
          validationLevel: this.validationLevel,
          env: this.environment,
          hostFactoryProviderName: this.hostFactoryProviderName,
        },
        fileKeys,
        variables,
        // What getAvailableTemplates answers: usable templates that are not switched off.
        state.catalog.validTemplates.filter((template) => template.enabled !== false).map(toHostFactoryTemplate),
      ).catch(() => undefined);
    }
    return state;
  }

  private buildState(parsedByFile: readonly (ParsedTemplateFile | undefined)[]): LoaderState {
    const level = this.validationLevel;
    const present = parsedByFile.filter((parsed): parsed is ParsedTemplateFile => parsed !== undefined);
    const merged = mergeTemplateFiles(present);
    const known = this.providerInstances.length > 0 ? this.providerInstances : undefined;
    const instancesByName = new Map(this.providerInstances.map((instance) => [instance.name, instance]));
    const checksFor = (instance: ProviderInstanceReference | undefined): TemplateCheckOptions => ({
      knownProviderInstances: known,
      capabilities: instance?.capabilities,
      providerInstance: instance,
      instanceLimit: instance?.instanceLimit,
    });
    // One options object for the many templates not pinned to an instance.
    const unpinnedChecks = checksFor(undefined);

    const templates: ResolvedTemplate[] = [];
    const byId = new Map<string, ResolvedTemplate>();
    const validTemplates: Template[] = [];
    const templateProblems: TemplateProblem[] = [];

    const built = new Map<string, BuiltEntry>();
    for (const entry of merged.values()) {
      // A template whose records all come from unchanged files is not rebuilt.
      const previous = this.builtTemplates.get(entry.templateId);
      const brokenSource = entry.problems.some(isBrokenSource);
      if (previous !== undefined && !previous.brokenSource && !brokenSource && sameLayers(previous.layers, entry.layers)) {
        built.set(entry.templateId, previous);
        const reused = previous.resolved;
        templates.push(reused);
        byId.set(entry.templateId, reused);
        if (reused.valid && reused.template !== undefined) validTemplates.push(reused.template);
        if (reused.problems.length > 0) templateProblems.push(...reused.problems);
        continue;
      }
      const definingFile = entry.files[0]?.name;
      const resolved = new LazyResolvedTemplate(entry);
      let template: Template | undefined;
      let problems: readonly TemplateProblem[] = entry.problems;
      if (entry.layers.length > 0) {
        const built = buildTemplate(entry.templateId, entry.values, (derived) => resolved.sourcesWith(derived), definingFile);
        template = built.template;
        resolved.setDerivedPaths(built.derivedPaths);
        if (built.problems.length > 0) problems = [...problems, ...built.problems];
      }
      const resolution = problems;
      if (template !== undefined) {
        const pinned = template.providerName === undefined ? undefined : instancesByName.get(template.providerName);
        const checked = checkTemplate(template, () => resolved.sources, pinned === undefined ? unpinnedChecks : checksFor(pinned), definingFile);
        if (checked.length > 0) problems = [...problems, ...checked];
      }
      if (problems.length > 0) problems = applyValidationLevel(problems, level);
      const valid = template !== undefined && !hasErrors(problems);
      resolved.template = template;
      resolved.valid = valid;
      resolved.problems = problems;
      templates.push(resolved);
      byId.set(entry.templateId, resolved);
      built.set(entry.templateId, { layers: entry.layers, resolved, resolutionProblems: resolution, brokenSource });
      if (valid && template !== undefined) validTemplates.push(template);
      if (problems.length > 0) templateProblems.push(...problems);
    }
    this.builtTemplates = built;

    const fileStatuses: TemplateFileStatus[] = this.files.map((file, index) => {
      const parsed = parsedByFile[index];
      return {
        ...file,
        present: parsed !== undefined,
        templateCount: parsed?.records.length ?? 0,
        broken: parsed?.broken ?? false,
        problems: parsed === undefined ? [] : applyValidationLevel(parsed.problems, level),
      };
    });
    const fileProblems = fileStatuses.flatMap((status) => status.problems);
    if (present.length === 0) {
      fileProblems.push(
        ...applyValidationLevel(
          [
            createProblem(
              'no-template-files',
              `No template file found in ${this.configDirectory} (looked for ${this.files.map((file) => file.name).join(', ')}).`,
            ),
          ],
          level,
        ),
      );
    }

    return {
      catalog: { level, templates, byId, validTemplates, problems: [...fileProblems, ...templateProblems], files: fileStatuses },
      parsedFiles: present,
      resolutionProblemsOf: (templateId) => built.get(templateId)?.resolutionProblems ?? [],
    };
  }
}

/**
 * Creates a loader for one config directory. Nothing is read until `load()`; files are cached
 * by path + mtime + size, and the merged catalog by the fingerprint of all files.
 */
export function createTemplateLoader(options: TemplateLoaderOptions): TemplateLoader {
  return new FileTemplateLoader(options);
}
