import { z } from 'zod';

export const DropletActionResponseSchema = z.object({
  action: z.object({
    id: z.number().int(),
    status: z.string(),
    type: z.string(),
    started_at: z.string().nullable().optional(),
    resource_id: z.number().int().nullable().optional(),
  }),
});
export type DropletActionResponse = z.infer<typeof DropletActionResponseSchema>;
