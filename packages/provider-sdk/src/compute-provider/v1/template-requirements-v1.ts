import { z } from 'zod';

/**
 * What a template asks of a machine instead of naming a size: each provider instance resolves
 * it to its cheapest plan in the catalog that has at least these resources (AWS: the few
 * cheapest matching types become the fleet's overrides). `maxPriceHourly` is the price users
 * pay (markup included), in the catalog's currency.
 */
export const TemplateRequirementsV1Schema = z
  .object({
  vcpus: z.number().positive(),
  memoryGb: z.number().positive(),
  /** At least this many GPUs; absent or 0 means none needed. */
  gpus: z.number().int().nonnegative().optional(),
  /** `x86_64` or `arm64`; plans whose architecture the cloud does not state still match. */
  architecture: z.string().min(1).optional(),
  maxPriceHourly: z.number().positive().optional(),
})
  // A misspelt key (`maxPrice`) must not silently drop a limit.
  .strict();
export type TemplateRequirementsV1 = z.infer<typeof TemplateRequirementsV1Schema>;
