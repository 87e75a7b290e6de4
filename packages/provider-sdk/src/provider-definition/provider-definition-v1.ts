import type { z } from 'zod';
import type { ComputeProviderV1 } from '../compute-provider/v1/compute-provider-v1.js';

/** Structured logging in the shape pino and most JSON loggers accept: data first, message second. */
export interface ProviderLoggerV1 {
  debug(data: object, message?: string): void;
  info(data: object, message?: string): void;
  warn(data: object, message?: string): void;
  error(data: object, message?: string): void;
}

/** What the host application hands a provider when it creates one configured instance. */
export interface ProviderContextV1 {
  /** The configured instance name, e.g. 'aws-us-east-1'. */
  readonly instanceName: string;
  /** Replaces the global fetch (tests, proxies). */
  readonly fetch?: typeof globalThis.fetch;
  readonly logger?: ProviderLoggerV1;
  /** Environment to read credentials from; providers fall back to `process.env`. */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

/**
 * A provider package's entry point: its type, how to validate the `config:` block of a
 * configured instance, and how to build the provider from the validated settings.
 */
export interface ProviderDefinitionV1<Settings = unknown> {
  /** 'aws' | 'linode' | 'digitalocean' | a third party's id. */
  readonly type: string;
  readonly displayName: string;
  /** Validates the instance's `config:` block from config.yaml. */
  readonly settingsSchema: z.ZodType<Settings>;
  create(settings: Settings, context: ProviderContextV1): ComputeProviderV1 | Promise<ComputeProviderV1>;
}

/** Returns its argument; it exists so `Settings` is inferred from the schema. */
export function defineProvider<Settings>(definition: ProviderDefinitionV1<Settings>): ProviderDefinitionV1<Settings> {
  return definition;
}
