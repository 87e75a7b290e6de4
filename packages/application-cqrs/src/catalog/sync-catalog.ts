import { NotFoundError, OhfError, type CatalogRepository } from '@ohf/domain-core';
import { AppV1Schema, ImageV1Schema, LocationV1Schema, parseProviderResponse, SizeV1Schema, type ComputeProviderV1 } from '@ohf/provider-sdk';
import { z } from 'zod';
import type { HandlerContext } from '../bus/message-map.js';
import type { OrchestrationContext } from '../orchestration/orchestration-context.js';
import type { ProviderInstanceDescriptor } from '../ports/provider-instances.js';
import { callProvider } from '../orchestration/provider-call.js';
import { PROVIDER_OPERATIONS } from '../orchestration/provider-operations.js';
import { acceptSnakeCase } from '../shared/accept-snake-case.js';
import type { CatalogSyncSchedule } from './catalog-sync-schedule.js';
import { providerCatalogFrom, type ProviderListings } from './catalog-mapping.js';
import { requireCatalog } from './require-catalog.js';
import { applyPriceFile, type PriceFileEntry } from './price-file.js';

export const SyncCatalogSchema = acceptSnakeCase(
  z.object({
    type: z.literal('SyncCatalog'),
    /** One provider instance; every enabled one when absent. */
    provider: z.string().min(1).optional(),
    /** Only when `catalog.sync_interval_minutes` has passed since the last sync (the API's worker). */
    ifDue: z.boolean().default(false),
  }),
);
export type SyncCatalogCommand = z.infer<typeof SyncCatalogSchema>;

/** What the sync did with one provider instance. */
export interface ProviderSyncOutcome {
  readonly provider: string;
  readonly providerType: string;
  readonly ok: boolean;
  readonly plans: number;
  readonly regions: number;
  readonly images: number;
  readonly apps: number;
  /** Why the instance could not be read; its stored catalog is left as it was. */
  readonly error?: { readonly code: string; readonly message: string; readonly retryable: boolean };
}

export interface SyncCatalogResult {
  /** False when `ifDue` was given and the sync was not due (or another replica runs it). */
  readonly ran: boolean;
  readonly syncedAt: string;
  readonly providers: readonly ProviderSyncOutcome[];
}

export interface SyncCatalogDependencies {
  readonly context: OrchestrationContext;
  readonly catalog: CatalogRepository | undefined;
  /** The price file's entries, read on every sync so an edited file needs no restart. */
  readonly loadPriceFile?: () => Promise<readonly PriceFileEntry[]>;
  readonly schedule: CatalogSyncSchedule;
}

/**
 * Reads plans, regions, images and one-click apps from each provider instance and replaces its
 * stored catalog. Instances are read in parallel and independently: one that fails (credentials,
 * an outage) is reported and keeps its last catalog, the others are stored all the same.
 */
export class SyncCatalogHandler {
  constructor(private readonly dependencies: SyncCatalogDependencies) {}

  async handle(command: SyncCatalogCommand, handlerContext?: HandlerContext): Promise<SyncCatalogResult> {
    const catalog = requireCatalog(this.dependencies.catalog);
    const { context } = this.dependencies;
    const instances = await context.providers.list();
    const chosen = command.provider === undefined ? instances.filter((instance) => instance.enabled) : instances.filter((instance) => instance.name === command.provider);
    if (command.provider !== undefined && chosen.length === 0) {
      throw new NotFoundError('PROVIDER_NOT_FOUND', `No provider instance is named "${command.provider}".`, {
        details: { provider: command.provider, available_providers: instances.map((instance) => instance.name) },
      });
    }
    // Read before any instance is contacted: a broken price file fails the whole sync, loudly.
    const prices = (await this.dependencies.loadPriceFile?.()) ?? [];
    const startedAt = context.clock.now();
    const syncedAt = startedAt.toISOString();
    if (command.ifDue && !(await this.dependencies.schedule.claim())) return { ran: false, syncedAt, providers: [] };
    if (!command.ifDue && command.provider === undefined) await this.dependencies.schedule.record(startedAt);
    const signal = handlerContext?.signal;
    const providers = await Promise.all(
      chosen.map(async (instance): Promise<ProviderSyncOutcome> => {
        const empty = { provider: instance.name, providerType: instance.type, plans: 0, regions: 0, images: 0, apps: 0 };
        try {
          const listings = await callProvider(context, instance.name, PROVIDER_OPERATIONS.listCatalog, (provider, call) => readListings(provider, instance, call.signal), {
            ...(signal === undefined ? {} : { signal }),
          });
          const read = providerCatalogFrom(listings, syncedAt);
          const priced = { ...read, plans: applyPriceFile(read.plans, prices) };
          await catalog.replaceProviderCatalog(instance.name, priced, syncedAt);
          return { ...empty, ok: true, plans: priced.plans.length, regions: priced.regions.length, images: priced.images.length, apps: priced.apps.length };
        } catch (error) {
          context.logger.warn({ provider: instance.name, error: describeFailure(error) }, 'catalog sync of a provider instance failed');
          return { ...empty, ok: false, error: describeFailure(error) };
        }
      }),
    );
    return { ran: true, syncedAt, providers };
  }
}

/** Everything one instance lists, each answer checked against the provider contract. Entries carry the configured instance name, whatever the client calls itself. */
async function readListings(provider: ComputeProviderV1, instance: ProviderInstanceDescriptor, signal: AbortSignal | undefined): Promise<ProviderListings> {
  const options = signal === undefined ? {} : { signal };
  const [sizes, locations, images, apps] = await Promise.all([
    provider.listSizes(options),
    provider.listLocations(options),
    provider.listImages(options),
    provider.listApps?.(options) ?? Promise.resolve([]),
  ]);
  const parse = <Schema extends z.ZodType>(schema: Schema, value: unknown, what: string) =>
    parseProviderResponse(z.array(schema), value, { providerId: provider.providerId, operation: what });
  return {
    providerInstance: instance.name,
    providerType: instance.type,
    sizes: parse(SizeV1Schema, sizes, 'listSizes'),
    locations: parse(LocationV1Schema, locations, 'listLocations'),
    images: parse(ImageV1Schema, images, 'listImages'),
    apps: parse(AppV1Schema, apps, 'listApps'),
  };
}

function describeFailure(error: unknown): { code: string; message: string; retryable: boolean } {
  if (OhfError.isInstance(error)) return { code: error.code, message: error.message, retryable: error.retryable };
  return { code: 'INTERNAL', message: error instanceof Error ? error.message : String(error), retryable: false };
}
