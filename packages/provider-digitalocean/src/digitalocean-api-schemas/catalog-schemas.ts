import { z } from 'zod';
import { PageEnvelopeSchema } from './pagination.js';

export const DigitalOceanSizeSchema = z.object({
  slug: z.string(),
  description: z.string().optional(),
  vcpus: z.number(),
  /** MiB. */
  memory: z.number(),
  /** GiB. */
  disk: z.number(),
  /** Outbound transfer included per month, in TB. */
  transfer: z.number().optional(),
  price_hourly: z.number().nullable(),
  price_monthly: z.number().nullable().optional(),
  regions: z.array(z.string()).default([]),
  available: z.boolean().default(true),
  gpu_info: z
    .object({
      count: z.number().int().nonnegative().optional(),
      model: z.string().optional(),
      vram: z.object({ amount: z.number().optional(), unit: z.string().optional() }).optional(),
    })
    .optional(),
});
export type DigitalOceanSize = z.infer<typeof DigitalOceanSizeSchema>;

export const DigitalOceanRegionSchema = z.object({
  slug: z.string(),
  name: z.string(),
  available: z.boolean(),
  features: z.array(z.string()).default([]),
  sizes: z.array(z.string()).default([]),
});
export type DigitalOceanRegion = z.infer<typeof DigitalOceanRegionSchema>;

export const DigitalOceanImageSchema = z.object({
  id: z.number().int(),
  name: z.string().optional(),
  slug: z.string().nullable().optional(),
  distribution: z.string().optional(),
  type: z.string().optional(),
  public: z.boolean().optional(),
  regions: z.array(z.string()).default([]),
  min_disk_size: z.number().nullable().optional(),
  status: z.string().optional(),
});
export type DigitalOceanImage = z.infer<typeof DigitalOceanImageSchema>;

/** A 1-Click application (`GET /v2/1-clicks`): a droplet app's slug is the image a droplet is created from. */
export const DigitalOceanOneClickSchema = z.object({ slug: z.string().min(1), type: z.string() });
export type DigitalOceanOneClick = z.infer<typeof DigitalOceanOneClickSchema>;
export const OneClicksResponseSchema = z.object({ '1_clicks': z.array(DigitalOceanOneClickSchema) });

export const SizesPageSchema = PageEnvelopeSchema.extend({ sizes: z.array(DigitalOceanSizeSchema) });
export const RegionsPageSchema = PageEnvelopeSchema.extend({ regions: z.array(DigitalOceanRegionSchema) });
export const ImagesPageSchema = PageEnvelopeSchema.extend({ images: z.array(DigitalOceanImageSchema) });
