import type { z } from 'zod';
import type { ListCatalogAppsResult, ListCatalogAppsSchema, ListCatalogImagesResult, ListCatalogImagesSchema, ListCatalogRegionsResult, ListCatalogRegionsSchema } from './list-catalog-entries.js';
import type { ListCatalogPlansResult, ListCatalogPlansSchema } from './list-catalog-plans.js';
import type {
  DeleteMarkupRuleResult,
  DeleteMarkupRuleSchema,
  ListMarkupRulesResult,
  ListMarkupRulesSchema,
  SaveMarkupRuleResult,
  SaveMarkupRuleSchema,
} from './markup-rules.js';
import type { SyncCatalogResult, SyncCatalogSchema } from './sync-catalog.js';

/** Catalog messages accept snake_case keys too (CLI flags and query strings), so the schema is the judge. */
interface LooseEntry<Schema extends z.ZodType<{ readonly type: string }, unknown>, Result> {
  readonly input: { readonly type: z.output<Schema>['type'] } & Readonly<Record<string, unknown>>;
  readonly message: z.output<Schema>;
  readonly result: Result;
}

interface Entry<Schema extends z.ZodType<{ readonly type: string }, unknown>, Result> {
  readonly input: z.input<Schema> & { readonly type: z.output<Schema>['type'] };
  readonly message: z.output<Schema>;
  readonly result: Result;
}

export interface CatalogCommands {
  SyncCatalog: LooseEntry<typeof SyncCatalogSchema, SyncCatalogResult>;
  SaveMarkupRule: Entry<typeof SaveMarkupRuleSchema, SaveMarkupRuleResult>;
  DeleteMarkupRule: Entry<typeof DeleteMarkupRuleSchema, DeleteMarkupRuleResult>;
}

export interface CatalogQueries {
  ListCatalogPlans: LooseEntry<typeof ListCatalogPlansSchema, ListCatalogPlansResult>;
  ListCatalogRegions: LooseEntry<typeof ListCatalogRegionsSchema, ListCatalogRegionsResult>;
  ListCatalogImages: LooseEntry<typeof ListCatalogImagesSchema, ListCatalogImagesResult>;
  ListCatalogApps: LooseEntry<typeof ListCatalogAppsSchema, ListCatalogAppsResult>;
  ListMarkupRules: Entry<typeof ListMarkupRulesSchema, ListMarkupRulesResult>;
}
