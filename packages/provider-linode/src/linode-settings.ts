import { z } from 'zod';
import { LINODE_MAX_PAGE_SIZE, LINODE_MIN_PAGE_SIZE } from './linode-api-schemas/linode-page-schema.js';

export const LINODE_DEFAULT_BASE_URL = 'https://api.linode.com/v4';
export const LINODE_TOKEN_ENVIRONMENT_VARIABLE = 'LINODE_TOKEN';

/**
 * Linode's documented limits: about 800 requests per 2 minutes per token overall, and
 * 10 instance creates per 30 seconds. Both are configuration.
 */
export const LINODE_DEFAULT_RATE_LIMITS = {
  requestsPerWindow: 800,
  windowMs: 120_000,
  instanceCreatesPerWindow: 10,
  instanceCreateWindowMs: 30_000,
} as const;

export const LINODE_DEFAULT_RETRY = {
  maxAttempts: 4,
  baseDelayMs: 200,
  maxDelayMs: 20_000,
  budgetMs: 60_000,
} as const;

const positiveInteger = z.number().int().positive();

/** The `config:` block of a Linode provider instance in config.yaml. */
export const LinodeProviderSettingsSchema = z.object({
  /** API token; when absent it is read from the environment variable below. */
  token: z.string().min(1).optional(),
  /** Where the token is read from when `token` is not set. */
  tokenEnvironmentVariable: z.string().min(1).default(LINODE_TOKEN_ENVIRONMENT_VARIABLE),
  /** Includes the version path; the client appends e.g. `/linode/instances`. */
  baseUrl: z.url().default(LINODE_DEFAULT_BASE_URL),
  /** Per HTTP attempt. */
  timeoutMs: positiveInteger.default(30_000),
  /** Page size of list calls; describe of N machines costs ⌈N / pageSize⌉ calls. */
  pageSize: z.number().int().min(LINODE_MIN_PAGE_SIZE).max(LINODE_MAX_PAGE_SIZE).default(LINODE_MAX_PAGE_SIZE),
  rateLimits: z
    .object({
      requestsPerWindow: positiveInteger.default(LINODE_DEFAULT_RATE_LIMITS.requestsPerWindow),
      windowMs: positiveInteger.default(LINODE_DEFAULT_RATE_LIMITS.windowMs),
      instanceCreatesPerWindow: positiveInteger.default(LINODE_DEFAULT_RATE_LIMITS.instanceCreatesPerWindow),
      instanceCreateWindowMs: positiveInteger.default(LINODE_DEFAULT_RATE_LIMITS.instanceCreateWindowMs),
    })
    .prefault({}),
  retry: z
    .object({
      maxAttempts: positiveInteger.default(LINODE_DEFAULT_RETRY.maxAttempts),
      baseDelayMs: positiveInteger.default(LINODE_DEFAULT_RETRY.baseDelayMs),
      maxDelayMs: positiveInteger.default(LINODE_DEFAULT_RETRY.maxDelayMs),
      /** Total time spent waiting between retries of one call. */
      budgetMs: z.number().int().nonnegative().default(LINODE_DEFAULT_RETRY.budgetMs),
    })
    .prefault({}),
  /** Catalog reads (types, images, regions) are cached this long. */
  catalogCacheTtlMs: z.number().int().nonnegative().default(3_600_000),
  /** Creates and deletes in flight at once (each is one call on Linode). */
  concurrency: z.number().int().min(1).max(10).default(4),
});
export type LinodeProviderSettings = z.output<typeof LinodeProviderSettingsSchema>;
export type LinodeProviderSettingsInput = z.input<typeof LinodeProviderSettingsSchema>;
