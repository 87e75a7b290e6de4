import type { Template } from '@ohf/domain-core';
import type { TemplateFileReference } from '../hierarchy/template-files.js';
import type { FieldSources } from '../merge/field-source.js';
import type { TemplateProblem } from '../validation/template-problem.js';
import type { ValidationLevel } from '../validation/validation-level.js';

/** One template after the hierarchy was merged, with where each field came from. */
export interface ResolvedTemplate {
  readonly templateId: string;
  /** The domain Template, when the merged fields form one (it may still be invalid for other reasons). */
  readonly template?: Template;
  /** Field path (`maxNumber`, `attributes.ncpus`, `providerOptions.linode.region`) → origin. */
  readonly sources: FieldSources;
  /** Names of the files that define the template, highest priority first. */
  readonly files: readonly string[];
  /** True when the template was built and has no error at the loader's validation level. */
  readonly valid: boolean;
  readonly problems: readonly TemplateProblem[];
}

export interface TemplateFileStatus extends TemplateFileReference {
  readonly present: boolean;
  /** Template records read from the file (0 when absent or broken). */
  readonly templateCount: number;
  readonly broken: boolean;
  /** Problems of the file itself (unreadable, not JSON, wrong shape, records without id). */
  readonly problems: readonly TemplateProblem[];
}

export interface TemplateCatalog {
  readonly level: ValidationLevel;
  /** Every template id found, in order of first appearance from the lowest-priority file up. */
  readonly templates: readonly ResolvedTemplate[];
  readonly byId: ReadonlyMap<string, ResolvedTemplate>;
  /** The templates that can be used: built and valid. */
  readonly validTemplates: readonly Template[];
  /** File problems followed by every template's problems. */
  readonly problems: readonly TemplateProblem[];
  /** Every file of the hierarchy, highest priority first, present or not. */
  readonly files: readonly TemplateFileStatus[];
}

export interface TemplateCacheStats {
  /** Files whose path, mtime and size were unchanged, so they were not read again. */
  readonly fileHits: number;
  /** Files read and parsed. */
  readonly fileMisses: number;
  /** Loads answered with the previous merged catalog because no file changed. */
  readonly catalogHits: number;
  /** Loads that had to merge. */
  readonly catalogMisses: number;
}
