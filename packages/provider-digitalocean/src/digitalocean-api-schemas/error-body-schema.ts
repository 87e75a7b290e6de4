import { z } from 'zod';

/** DigitalOcean's error body: `{"id":"not_found","message":"…","request_id":"…"}`. */
export const DigitalOceanErrorBodySchema = z.object({
  id: z.string(),
  message: z.string(),
  request_id: z.string().optional(),
});
export type DigitalOceanErrorBody = z.infer<typeof DigitalOceanErrorBodySchema>;
