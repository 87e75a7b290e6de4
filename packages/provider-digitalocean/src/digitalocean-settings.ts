import { z } from 'zod';
import { MAX_PAGE_SIZE } from './digitalocean-api-schemas/pagination.js';

/** The environment variable the token is read from when the settings carry none. */
export const DIGITALOCEAN_TOKEN_ENV = 'DIGITALOCEAN_TOKEN';
export const DEFAULT_DIGITALOCEAN_BASE_URL = 'https://api.digitalocean.com';

/** DigitalOcean's documented limits per token: 250 requests a minute and 5,000 an hour. */
export const DEFAULT_DIGITALOCEAN_RATE_LIMITS = Object.freeze({ requestsPerMinute: 250, requestsPerHour: 5_000 });

const ONE_HOUR_MS = 60 * 60 * 1000;

/**
 * The `config:` block of a DigitalOcean provider instance. Everything but the token has a
 * default; unknown keys are rejected so a misspelt setting is reported, not ignored.
 */
export const DigitalOceanSettingsSchema = z.strictObject({
  /** API token; falls back to `DIGITALOCEAN_TOKEN`. */
  token: z.string().min(1).optional(),
  /** Origin of the API, without `/v2` (the client appends `/v2/droplets`, …); point it at an emulator. */
  baseUrl: z.url().default(DEFAULT_DIGITALOCEAN_BASE_URL),
  /** Per attempt. */
  timeoutMs: z.number().int().positive().default(30_000),
  rateLimits: z
    .strictObject({
      requestsPerMinute: z.number().int().positive().default(DEFAULT_DIGITALOCEAN_RATE_LIMITS.requestsPerMinute),
      requestsPerHour: z.number().int().positive().default(DEFAULT_DIGITALOCEAN_RATE_LIMITS.requestsPerHour),
    })
    .prefault({}),
  retry: z
    .strictObject({
      /** Tries in total, the first included. */
      maxAttempts: z.number().int().min(1).default(4),
      baseDelayMs: z.number().int().nonnegative().default(200),
      maxDelayMs: z.number().int().nonnegative().default(20_000),
      /** Total waiting allowed across the retries of one call. */
      budgetMs: z.number().int().nonnegative().default(60_000),
    })
    .prefault({}),
  /** `per_page` of every list call (the API's maximum, 200, by default). */
  pageSize: z.number().int().min(1).max(MAX_PAGE_SIZE).default(MAX_PAGE_SIZE),
  /** How long sizes, images and regions are cached. */
  catalogTtlMs: z.number().int().nonnegative().default(ONE_HOUR_MS),
});

/** What `createDigitalOceanProvider` accepts (every default optional). */
export type DigitalOceanSettingsInput = z.input<typeof DigitalOceanSettingsSchema>;
/** Validated settings with defaults applied. */
export type DigitalOceanSettings = z.output<typeof DigitalOceanSettingsSchema>;

/** The token from the settings, else from the environment, trimmed; undefined when there is none. */
export function readDigitalOceanToken(
  settings: Pick<DigitalOceanSettings, 'token'>,
  env: Readonly<Record<string, string | undefined>>,
): string | undefined {
  const token = (settings.token ?? env[DIGITALOCEAN_TOKEN_ENV])?.trim();
  return token === '' ? undefined : token;
}
