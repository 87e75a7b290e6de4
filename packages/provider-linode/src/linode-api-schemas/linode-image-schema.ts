import { z } from 'zod';

/** An image (`GET /images`): public distributions (`linode/…`) and the account's own (`private/…`). */
export const LinodeImageSchema = z.object({
  id: z.string(),
  label: z.string(),
  vendor: z.string().nullish(),
  description: z.string().nullish(),
  status: z.string().nullish(),
  is_public: z.boolean().nullish(),
  deprecated: z.boolean().nullish(),
  type: z.string().nullish(),
  size: z.number().nullish(),
  capabilities: z.array(z.string()).nullish(),
  created: z.string().nullish(),
  eol: z.string().nullish(),
});
export type LinodeImage = z.infer<typeof LinodeImageSchema>;
