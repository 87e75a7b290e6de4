import { z } from 'zod';

/** Linode's error body: `{"errors":[{"field"?,"reason"}]}`; `field` may be a dotted path or null. */
export const LinodeErrorBodySchema = z.object({
  errors: z
    .array(
      z.object({
        field: z.string().nullish(),
        reason: z.string().nullish(),
      }),
    )
    .default([]),
});
export type LinodeErrorBody = z.infer<typeof LinodeErrorBodySchema>;
