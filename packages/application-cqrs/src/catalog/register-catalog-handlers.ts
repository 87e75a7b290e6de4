import type { CatalogRepository, MarkupRule } from '@ohf/domain-core';
import type { CommandBus } from '../bus/command-bus.js';
import type { QueryBus } from '../bus/query-bus.js';
import type { OrchestrationContext } from '../orchestration/orchestration-context.js';
import type { ApplicationCommands, ApplicationQueries } from '../application/message-types.js';
import type { CatalogSyncSchedule } from './catalog-sync-schedule.js';
import { CatalogEntriesHandlers, ListCatalogAppsSchema, ListCatalogImagesSchema, ListCatalogRegionsSchema } from './list-catalog-entries.js';
import { ListCatalogPlansHandler, ListCatalogPlansSchema } from './list-catalog-plans.js';
import { DeleteMarkupRuleSchema, ListMarkupRulesSchema, MarkupRuleHandlers, SaveMarkupRuleSchema } from './markup-rules.js';
import type { PriceFileEntry } from './price-file.js';
import { SyncCatalogHandler, SyncCatalogSchema } from './sync-catalog.js';

export interface CatalogWiring {
  readonly commands: CommandBus<ApplicationCommands>;
  readonly queries: QueryBus<ApplicationQueries>;
  readonly context: OrchestrationContext;
  readonly catalog: CatalogRepository | undefined;
  /** `pricing.markups` from the configuration. */
  readonly markups: readonly MarkupRule[];
  readonly loadPriceFile?: () => Promise<readonly PriceFileEntry[]>;
  /** The periodic sync's schedule (SyncCatalog with `ifDue`). */
  readonly schedule: CatalogSyncSchedule;
}

/** The catalog's messages; registered even without storage, so their error says what is missing. */
export function registerCatalogHandlers(wiring: CatalogWiring): void {
  const { commands, queries, context, catalog, markups } = wiring;
  const entries = new CatalogEntriesHandlers(catalog);
  const rules = new MarkupRuleHandlers({ catalog, markups });

  commands
    .register(
      { type: 'SyncCatalog', schema: SyncCatalogSchema, description: 'Read plans, regions, images and apps from provider instances into the stored catalog.' },
      new SyncCatalogHandler({ context, catalog, schedule: wiring.schedule, ...(wiring.loadPriceFile === undefined ? {} : { loadPriceFile: wiring.loadPriceFile }) }),
    )
    .register({ type: 'SaveMarkupRule', schema: SaveMarkupRuleSchema, description: 'Add or replace a stored markup rule.' }, (command) => rules.save(command))
    .register({ type: 'DeleteMarkupRule', schema: DeleteMarkupRuleSchema, description: 'Delete a stored markup rule.' }, (command) => rules.delete(command));

  queries
    .register({ type: 'ListCatalogPlans', schema: ListCatalogPlansSchema, description: 'Stored plans priced with markup, filtered and sorted.' }, new ListCatalogPlansHandler({ catalog, markups }))
    .register({ type: 'ListCatalogRegions', schema: ListCatalogRegionsSchema, description: 'Stored regions of provider instances.' }, (query) => entries.regions(query))
    .register({ type: 'ListCatalogImages', schema: ListCatalogImagesSchema, description: 'Stored images of provider instances.' }, (query) => entries.images(query))
    .register({ type: 'ListCatalogApps', schema: ListCatalogAppsSchema, description: 'Stored one-click apps (StackScripts, Marketplace apps).' }, (query) => entries.apps(query))
    .register({ type: 'ListMarkupRules', schema: ListMarkupRulesSchema, description: 'Markup rules in effect, configured and stored.' }, (query) => rules.list(query));
}
