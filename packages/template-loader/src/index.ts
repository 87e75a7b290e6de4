export { VERSION } from './version.js';

export {
  createTemplateLoader,
  type TemplateLoader,
  type TemplateLoaderOptions,
  type ValidateLoadedTemplateOptions,
} from './loader/template-loader.js';
export type { ResolvedTemplate, TemplateCatalog, TemplateCacheStats, TemplateFileStatus } from './loader/template-catalog.js';

export { templateFileHierarchy } from './hierarchy/template-file-hierarchy.js';
export {
  instanceTemplateFileName,
  typeTemplateFileName,
  MAIN_TEMPLATE_FILE,
  LEGACY_TEMPLATE_FILE,
  type ProviderInstanceReference,
  type HierarchyOptions,
  type TemplateFileLevel,
  type TemplateFileReference,
} from './hierarchy/template-files.js';
export { nodeTemplateFileSystem, type TemplateFileSystem, type TemplateFileStat } from './file-system/template-file-system.js';
export type { Environment } from './format/expand-environment.js';
export { TEMPLATE_FIELDS, type TemplateFieldDefinition, type FieldKind } from './format/template-fields.js';
export { DEFAULT_ATTRIBUTES } from './merge/build-template.js';
export type { FieldSource, FieldSources } from './merge/field-source.js';

export {
  VALIDATION_LEVELS,
  DEFAULT_VALIDATION_LEVEL,
  applyValidationLevel,
  type ValidationLevel,
} from './validation/validation-level.js';
export {
  TEMPLATE_RULES,
  formatProblem,
  type TemplateProblem,
  type TemplateRule,
  type ProblemSeverity,
} from './validation/template-problem.js';
export {
  validateTemplate,
  type ValidateTemplateOptions,
  type TemplateValidationResult,
} from './validation/validate-template.js';
export type { TemplateCheckOptions, ProviderInstanceIdentity } from './validation/check-template.js';

export { FileTemplateRepository, type TemplateFilter } from './repository/file-template-repository.js';
export type {
  MigrateTemplatesOptions,
  MigrationPlan,
  MigratedTemplate,
  DroppedField,
  MigrationConflict,
} from './migration/migrate-templates.js';
export { toHostFactoryTemplate, type HostFactoryTemplate } from './host-factory/to-host-factory-template.js';
