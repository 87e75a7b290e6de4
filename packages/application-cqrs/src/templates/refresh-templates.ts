import type { TemplateRepository } from '@ohf/domain-core';
import type { TemplateLoader, TemplateProblem } from '@ohf/template-loader';
import { z } from 'zod';

export const RefreshTemplatesSchema = z.object({ type: z.literal('RefreshTemplates') });
export type RefreshTemplatesCommand = z.infer<typeof RefreshTemplatesSchema>;

export interface TemplateFileSummary {
  readonly name: string;
  readonly present: boolean;
  readonly broken: boolean;
  readonly templateCount: number;
}

export interface RefreshTemplatesResult {
  /** Template ids found. */
  readonly templateCount: number;
  /** Templates usable after the refresh. */
  readonly validCount: number;
  /** Every problem found (broken files, invalid templates), with file, template and field. */
  readonly problems: readonly TemplateProblem[];
  /** The template file hierarchy, highest priority first (empty without template files). */
  readonly files: readonly TemplateFileSummary[];
}

/** Drops the template cache and reads the template files again, reporting what is broken. */
export class RefreshTemplatesHandler {
  constructor(private readonly dependencies: { readonly templates: TemplateRepository; readonly templateLoader?: TemplateLoader }) {}

  async handle(): Promise<RefreshTemplatesResult> {
    const { templateLoader, templates } = this.dependencies;
    if (templateLoader === undefined) {
      const all = await templates.findAll();
      return { templateCount: all.length, validCount: all.length, problems: [], files: [] };
    }
    const catalog = await templateLoader.refresh();
    return {
      templateCount: catalog.templates.length,
      validCount: catalog.validTemplates.length,
      problems: catalog.problems,
      files: catalog.files.map((file) => ({ name: file.name, present: file.present, broken: file.broken, templateCount: file.templateCount })),
    };
  }
}
