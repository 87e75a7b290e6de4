import { ConfigurationError, type CatalogRepository } from '@ohf/domain-core';

/** The catalog, or a clear error when the process was composed without one. */
export function requireCatalog(catalog: CatalogRepository | undefined): CatalogRepository {
  if (catalog !== undefined) return catalog;
  throw new ConfigurationError('No catalog storage is configured: the catalog needs the storage of the runtime (SQLite or PostgreSQL).', {
    details: { missing: 'catalog' },
  });
}
