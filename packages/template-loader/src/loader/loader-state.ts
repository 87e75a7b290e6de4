import type { Environment } from '../format/expand-environment.js';
import type { ParsedTemplateFile } from '../format/parse-template-file.js';
import type { TemplateFileSystem } from '../file-system/template-file-system.js';
import type { ProviderInstanceReference, TemplateFileReference } from '../hierarchy/template-files.js';
import type { TemplateProblem } from '../validation/template-problem.js';
import type { TemplateCatalog } from './template-catalog.js';

/** One resolved view of the files: what the catalog was built from. */
export interface LoaderState {
  readonly catalog: TemplateCatalog;
  /** Parsed present files (broken ones included), in hierarchy order. */
  readonly parsedFiles: readonly ParsedTemplateFile[];
  /** A template's merge and schema problems before the level and provider checks were applied. */
  resolutionProblemsOf(templateId: string): readonly TemplateProblem[];
}

/** What the repository and the migration need from a loader, beyond its public surface. */
export interface LoaderInternals {
  readonly hierarchy: readonly TemplateFileReference[];
  readonly fileSystem: TemplateFileSystem;
  readonly environment: Environment;
  readonly providerInstances: readonly ProviderInstanceReference[];
  loadState(): Promise<LoaderState>;
  /** Forget a file after writing it, so the next load reads it whatever its timestamps say. */
  invalidate(path: string): void;
}

const internalsByLoader = new WeakMap<object, LoaderInternals>();

export function registerLoaderInternals(loader: object, internals: LoaderInternals): void {
  internalsByLoader.set(loader, internals);
}

export function loaderInternals(loader: object): LoaderInternals {
  const internals = internalsByLoader.get(loader);
  if (internals === undefined) throw new TypeError('Expected a loader created by createTemplateLoader().');
  return internals;
}
