import { z } from 'zod';

/** The token owner's profile (`GET /profile`): the cheapest call that proves a token works. */
export const LinodeProfileSchema = z.object({
  username: z.string(),
  uid: z.number().nullish(),
  restricted: z.boolean().nullish(),
});
export type LinodeProfile = z.infer<typeof LinodeProfileSchema>;
