import { z } from 'zod';
import { defineProvider, ProviderCapabilitiesV1Schema, type ProviderDefinitionV1 } from '../../index.js';
import { InMemoryFailureKindSchema } from './in-memory-cloud-state.js';
import { createInMemoryProvider } from './in-memory-provider.js';

export const InMemoryFaultsSchema = z
  .object({
    failCreateTimes: z.number().int().nonnegative().optional(),
    failCreateWith: InMemoryFailureKindSchema.optional(),
    retryAfterSeconds: z.number().nonnegative().optional(),
    capacity: z.number().int().nonnegative().optional(),
    crashAfterCreate: z.union([z.boolean(), z.number().int().positive()]).optional(),
    unhealthy: z.boolean().optional(),
  })
  .strict();

/** The `config:` block of a provider instance of type 'memory'. */
export const InMemoryProviderSettingsSchema = z
  .object({
    /** Share the fake cloud between processes through this JSON file (one file per instance). */
    statePath: z.string().min(1).optional(),
    maxCapacity: z.number().int().nonnegative().optional(),
    autoRunAfterMs: z.number().int().nonnegative().optional(),
    capabilities: ProviderCapabilitiesV1Schema.partial().optional(),
    faults: InMemoryFaultsSchema.optional(),
  })
  .strict();
export type InMemoryProviderSettings = z.infer<typeof InMemoryProviderSettingsSchema>;

/**
 * The TEST DOUBLE as a registrable provider type ('memory'), so the CLI and the API can be
 * configured with it in tests. Without `statePath` every created provider has its own cloud.
 */
export const inMemoryProviderDefinition: ProviderDefinitionV1<InMemoryProviderSettings> = defineProvider({
  type: 'memory',
  displayName: 'In-memory test double',
  settingsSchema: InMemoryProviderSettingsSchema,
  create: (settings, context) =>
    createInMemoryProvider({
      instanceName: context.instanceName,
      ...(settings.statePath === undefined ? {} : { statePath: settings.statePath }),
      ...(settings.maxCapacity === undefined ? {} : { maxCapacity: settings.maxCapacity }),
      ...(settings.autoRunAfterMs === undefined ? {} : { autoRunAfterMs: settings.autoRunAfterMs }),
      ...(settings.capabilities === undefined ? {} : { capabilities: settings.capabilities }),
      ...(settings.faults === undefined ? {} : { faults: settings.faults }),
    }),
});
