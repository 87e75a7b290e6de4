import { ConfigurationError } from '@ohf/domain-core';
import { z } from 'zod';
import { API_SCOPES } from '../auth/scopes.js';

/** `sha256:<64 hex>` or `scrypt:<N>:<r>:<p>:<salt base64>:<hash base64>` (see `hashApiKey`). */
export const ApiKeyHashSchema = z
  .string()
  .regex(
    /^(sha256:[0-9a-f]{64}|scrypt:\d+:\d+:\d+:[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+)$/,
    'hash must be "sha256:<64 lower-case hex digits>" or "scrypt:<N>:<r>:<p>:<salt>:<hash>"; create one with `ohf-api hash-key`',
  );

export const ApiKeyConfigurationSchema = z.object({
  /** Who holds the key; appears in logs, never the key. */
  name: z.string().min(1).max(64),
  hash: ApiKeyHashSchema,
  scopes: z.array(z.enum(API_SCOPES)).min(1),
});
export type ApiKeyConfiguration = z.infer<typeof ApiKeyConfigurationSchema>;

const AuthConfigurationSchema = z.object({
  /** Off only for local trials: every route is then open to anyone who can reach the port. */
  enabled: z.boolean().default(true),
  keys: z.array(ApiKeyConfigurationSchema).default([]),
  /** The OpenAPI document and the docs page hold no secrets; set false to protect them too. */
  public_docs: z.boolean().default(true),
  /** Let a Prometheus scraper without a key read /metrics. */
  public_metrics: z.boolean().default(false),
  /**
   * How long the outcome of checking a stored API key is kept in memory: the longest a key
   * revoked or expired (or a role changed) on another replica keeps working here.
   */
  key_cache_ms: z.number().int().nonnegative().max(60_000).default(5_000),
});

const RateLimitConfigurationSchema = z.object({
  enabled: z.boolean().default(false),
  /** Sustained requests per second per API key (per client address when unauthenticated). */
  requests_per_second: z.number().positive().default(50),
  /** Requests allowed at once above the sustained rate. */
  burst: z.number().int().positive().default(100),
});

const WorkersConfigurationSchema = z.object({
  enabled: z.boolean().default(true),
  /** Requests provisioned at once by this process. */
  concurrency: z.number().int().positive().max(256).default(4),
  /** How often idle workers look for claimable work (new requests also wake them at once). */
  poll_interval_ms: z.number().int().positive().default(1_000),
  /** A claim is held this long and renewed while the step runs; a dead process's claims free up after it. */
  lease_ms: z.number().int().positive().default(30_000),
  /** An unfinished request is looked at again after this long (machines still starting). */
  retry_interval_ms: z.number().int().nonnegative().default(2_000),
});

const EventsConfigurationSchema = z.object({
  /** How often a watched request is re-read from storage (changes made by other replicas). */
  poll_interval_ms: z.number().int().positive().default(1_000),
  /** A comment line keeps proxies from closing a quiet stream. */
  heartbeat_ms: z.number().int().positive().default(15_000),
  /** A watch ends after this long even if the request is not final (the client reconnects). */
  max_duration_ms: z.number().int().positive().default(15 * 60_000),
});

const AuditConfigurationSchema = z.object({
  /** Write an `ApiCall` event for every POST, PUT, PATCH and DELETE a handler ran. */
  record_api_calls: z.boolean().default(true),
  /**
   * Days audit events are kept; 0 keeps them forever. Absent: the configuration's
   * `audit.retention_days` (90 by default).
   */
  retention_days: z.number().int().nonnegative().optional(),
});

const WebhooksConfigurationSchema = z.object({
  /** Run the delivery worker in this process (one replica delivers at a time). */
  enabled: z.boolean().default(true),
  /** Deliveries in flight at once; a slow endpoint holds one of them. */
  concurrency: z.number().int().positive().max(64).default(4),
  /** An attempt without a complete answer by then counts as failed. */
  timeout_ms: z.number().int().positive().max(60_000).default(5_000),
  /** After this many attempts without a 2xx the delivery is `failed`. */
  max_attempts: z.number().int().positive().max(50).default(8),
  /** The wait after the first failure; doubled after each (with jitter), at most `retry_max_delay_ms`. */
  retry_base_delay_ms: z.number().int().positive().default(10_000),
  retry_max_delay_ms: z.number().int().positive().default(60 * 60_000),
  /**
   * Deliver to hosts that are or resolve to loopback, private or link-local addresses. Off: an
   * organization cannot make the server POST into the network it runs in.
   */
  allow_private_addresses: z.boolean().default(false),
  /** How often the worker looks for new events and due retries (events written here wake it at once). */
  poll_interval_ms: z.number().int().positive().default(1_000),
});

const LogConfigurationSchema = z.object({
  /** `stdout`, or a file path (appended). */
  destination: z.string().min(1).default('stdout'),
  /** One line per request (method, route, status, duration, request id). */
  requests: z.boolean().default(true),
});

/** The `api:` section of config.json / config.yaml. Keys are snake_case like the rest of the file. */
export const ApiConfigurationSchema = z.object({
  /** Overridden by $HOST. */
  host: z.string().min(1).default('127.0.0.1'),
  /** Overridden by $PORT. 0 picks a free port. */
  port: z.number().int().min(0).max(65_535).default(8080),
  /** Honour X-Forwarded-For behind a reverse proxy. */
  trust_proxy: z.boolean().default(false),
  body_limit_bytes: z.number().int().positive().default(1_048_576),
  /** Longer URLs are answered 414: ids and filters are short; long values belong in a body. */
  max_url_length: z.number().int().positive().default(8_192),
  /** The request line and headers together; larger is answered 431 (Node's default, 16 KiB). */
  max_header_bytes: z.number().int().positive().default(16_384),
  auth: AuthConfigurationSchema.default(AuthConfigurationSchema.parse({})),
  rate_limit: RateLimitConfigurationSchema.default(RateLimitConfigurationSchema.parse({})),
  workers: WorkersConfigurationSchema.default(WorkersConfigurationSchema.parse({})),
  events: EventsConfigurationSchema.default(EventsConfigurationSchema.parse({})),
  log: LogConfigurationSchema.default(LogConfigurationSchema.parse({})),
  audit: AuditConfigurationSchema.default(AuditConfigurationSchema.parse({})),
  webhooks: WebhooksConfigurationSchema.default(WebhooksConfigurationSchema.parse({})),
  /** The web console served at `/`: on by default, from `directory` (default: the repository's `apps/web/dist`). */
  console: z
    .object({
      enabled: z.boolean().default(true),
      directory: z.string().min(1).optional(),
    })
    .default({ enabled: true }),
  /**
   * Check every response against its documented schema (tests do); off by default, since the
   * application's results are already validated domain objects.
   */
  validate_responses: z.boolean().default(false),
  /** How long a shutdown waits for in-flight HTTP requests and provisioning steps. */
  shutdown_grace_ms: z.number().int().positive().default(30_000),
});
export type ApiConfiguration = z.infer<typeof ApiConfigurationSchema>;
export type ApiConfigurationInput = z.input<typeof ApiConfigurationSchema>;

/**
 * Validates the configuration's free-form `api` section and applies $HOST and $PORT. An invalid
 * section fails with the path of every problem, like the rest of the configuration.
 */
export function parseApiConfiguration(
  section: unknown,
  environment: Readonly<Record<string, string | undefined>> = {},
): ApiConfiguration {
  const parsed = ApiConfigurationSchema.safeParse(section ?? {});
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => ({ path: ['api', ...issue.path].join('.'), message: issue.message }));
    throw new ConfigurationError(
      `Invalid configuration:\n${issues.map((issue) => `${issue.path}: ${issue.message}`).join('\n')}`,
      { details: { issues } },
    );
  }
  const configuration = parsed.data;
  if (environment.HOST) configuration.host = environment.HOST;
  if (environment.PORT !== undefined && environment.PORT !== '') {
    const port = Number(environment.PORT);
    if (!Number.isInteger(port) || port < 0 || port > 65_535) {
      throw new ConfigurationError(`PORT must be a whole number from 0 to 65535; got "${environment.PORT}".`, {
        details: { issues: [{ path: 'PORT', message: 'not a port number' }] },
      });
    }
    configuration.port = port;
  }
  const names = configuration.auth.keys.map((key) => key.name);
  const duplicate = names.find((name, index) => names.indexOf(name) !== index);
  if (duplicate !== undefined) {
    throw new ConfigurationError(`Invalid configuration:\napi.auth.keys: the key name "${duplicate}" is used twice.`, {
      details: { issues: [{ path: 'api.auth.keys', message: `duplicate name ${duplicate}` }] },
    });
  }
  return configuration;
}
