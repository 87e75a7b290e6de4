import type { CatalogApp, CatalogImage, CatalogRegion, CatalogRepository, CatalogScope } from '@ohf/domain-core';
import { z } from 'zod';
import { acceptSnakeCase } from '../shared/accept-snake-case.js';
import { requireCatalog } from './require-catalog.js';

const scopeFields = {
  /** One provider instance. */
  provider: z.string().min(1).optional(),
  providerType: z.string().min(1).optional(),
};

export const ListCatalogRegionsSchema = acceptSnakeCase(z.object({ type: z.literal('ListCatalogRegions'), ...scopeFields }));
export const ListCatalogImagesSchema = acceptSnakeCase(z.object({ type: z.literal('ListCatalogImages'), ...scopeFields }));
export const ListCatalogAppsSchema = acceptSnakeCase(z.object({ type: z.literal('ListCatalogApps'), ...scopeFields }));
type CatalogEntriesQuery = { readonly provider?: string | undefined; readonly providerType?: string | undefined };

export interface ListCatalogRegionsResult {
  readonly regions: readonly CatalogRegion[];
  readonly syncedAt: Readonly<Record<string, string>>;
}
export interface ListCatalogImagesResult {
  readonly images: readonly CatalogImage[];
  readonly syncedAt: Readonly<Record<string, string>>;
}
export interface ListCatalogAppsResult {
  readonly apps: readonly CatalogApp[];
  readonly syncedAt: Readonly<Record<string, string>>;
}

function scopeOf(query: CatalogEntriesQuery): CatalogScope {
  return {
    ...(query.provider === undefined ? {} : { providerInstances: [query.provider] }),
    ...(query.providerType === undefined ? {} : { providerType: query.providerType }),
  };
}

/** Regions, images and one-click apps from storage: listing them calls no provider. */
export class CatalogEntriesHandlers {
  constructor(private readonly catalog: CatalogRepository | undefined) {}

  readonly regions = async (query: CatalogEntriesQuery): Promise<ListCatalogRegionsResult> => {
    const catalog = requireCatalog(this.catalog);
    const [regions, syncedAt] = await Promise.all([catalog.listRegions(scopeOf(query)), catalog.lastSyncedAt()]);
    return { regions, syncedAt };
  };

  readonly images = async (query: CatalogEntriesQuery): Promise<ListCatalogImagesResult> => {
    const catalog = requireCatalog(this.catalog);
    const [images, syncedAt] = await Promise.all([catalog.listImages(scopeOf(query)), catalog.lastSyncedAt()]);
    return { images, syncedAt };
  };

  readonly apps = async (query: CatalogEntriesQuery): Promise<ListCatalogAppsResult> => {
    const catalog = requireCatalog(this.catalog);
    const [apps, syncedAt] = await Promise.all([catalog.listApps(scopeOf(query)), catalog.lastSyncedAt()]);
    return { apps, syncedAt };
  };
}
