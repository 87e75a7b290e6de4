import { ConfigurationError } from '@ohf/domain-core';
import { formatProblem, type TemplateCatalog } from '@ohf/template-loader';
import type { CliContext } from '../cli/cli-context.js';

/**
 * The template catalog, refused as a configuration error (exit code 3) while a template file
 * does not parse. The loader keeps serving the templates of the good files (SPEC §4), but a
 * scheduler must not see a silently shorter list: a broken file may hold the very templates it
 * is about to ask for, or overrides of the others. Symphony gets the file and the parse error
 * instead, and `templates validate` / `templates refresh` still report everything.
 */
export async function readableTemplateCatalog(context: CliContext): Promise<TemplateCatalog> {
  const { templateLoader, logger } = await context.runtime();
  const catalog = await templateLoader.load();
  const broken = catalog.files.filter((file) => file.broken);
  if (broken.length > 0) {
    const [first] = broken;
    const reason = first!.problems.map((problem) => problem.message).join('; ') || 'it cannot be read';
    logger.error({ files: broken.map((file) => file.path), problems: broken.flatMap((file) => file.problems.map(formatProblem)) }, 'template file cannot be used');
    throw new ConfigurationError(
      `Template file ${first!.path} cannot be used: ${reason}. Fix the file; until then no template is served${broken.length > 1 ? ` (${broken.length - 1} more broken file(s): ${broken.slice(1).map((file) => file.name).join(', ')})` : ''}.`,
      { details: { file: first!.path, files: broken.map((file) => file.path), problems: broken.flatMap((file) => file.problems) } },
    );
  }
  return catalog;
}

/** Templates that cannot be used are left out of the answer: say which and why, so it is never silent. */
export async function logUnusableTemplates(context: CliContext, catalog: TemplateCatalog): Promise<void> {
  const { logger } = await context.runtime();
  for (const resolved of catalog.templates) {
    if (resolved.valid) continue;
    const errors = resolved.problems.filter((problem) => problem.severity === 'error');
    logger.warn(
      { templateId: resolved.templateId, file: errors[0]?.file ?? resolved.files[0], problems: errors.map(formatProblem) },
      'template cannot be used; it is left out of getAvailableTemplates',
    );
  }
}
