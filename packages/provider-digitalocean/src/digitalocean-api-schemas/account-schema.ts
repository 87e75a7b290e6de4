import { z } from 'zod';

export const DigitalOceanAccountSchema = z.object({
  uuid: z.string(),
  email: z.string().optional(),
  status: z.string(),
  status_message: z.string().optional(),
  droplet_limit: z.number().int().optional(),
  team: z.object({ uuid: z.string().optional(), name: z.string().optional() }).optional(),
});
export type DigitalOceanAccount = z.infer<typeof DigitalOceanAccountSchema>;

export const AccountResponseSchema = z.object({ account: DigitalOceanAccountSchema });
