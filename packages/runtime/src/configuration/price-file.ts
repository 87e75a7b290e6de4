import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { isAbsolute, join } from 'node:path';
import { PriceFileSchema, type PriceFileEntry } from '@ohf/application-cqrs';
import { ConfigurationError } from '@ohf/domain-core';
import type { RuntimePaths } from './runtime-paths.js';

export const DEFAULT_PRICE_FILE = 'prices.json';

/** Where the price file is: `catalog.price_file` (relative to the config directory), else `prices.json` there. */
export function priceFilePath(paths: RuntimePaths, configured: string | undefined): { readonly path: string; readonly required: boolean } {
  if (configured === undefined) return { path: join(paths.configDirectory, DEFAULT_PRICE_FILE), required: false };
  return { path: isAbsolute(configured) ? configured : join(paths.configDirectory, configured), required: true };
}

/**
 * The price file's entries; none when the default file is absent. A configured file that is
 * missing, not JSON or not in the expected shape is a configuration error naming file and field.
 */
export async function readPriceFile(location: { readonly path: string; readonly required: boolean }): Promise<readonly PriceFileEntry[]> {
  const { path, required } = location;
  if (!existsSync(path)) {
    if (!required) return [];
    throw new ConfigurationError(`${path}: the price file given as catalog.price_file does not exist`, { details: { file: path } });
  }
  let document: unknown;
  try {
    document = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    throw new ConfigurationError(`${path}: the price file is not valid JSON: ${(error as Error).message}`, { details: { file: path }, cause: error });
  }
  const parsed = PriceFileSchema.safeParse(document);
  if (parsed.success) return parsed.data.prices;
  const issues = parsed.error.issues.map((issue) => ({ path: issue.path.join('.') || '(root)', message: issue.message }));
  throw new ConfigurationError(
    `Invalid price file:\n${issues.slice(0, 5).map((issue) => `${path}: ${issue.path}: ${issue.message}`).join('\n')}`,
    { details: { file: path, issues } },
  );
}
