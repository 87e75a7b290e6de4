import { z } from 'zod';

/** A value a StackScript asks for at deploy time (a template's `stackscript_data` key). */
const UserDefinedFieldSchema = z.object({ name: z.string(), label: z.string().nullish(), default: z.string().nullish(), oneof: z.string().nullish() });

/** A StackScript (`GET /linode/stackscripts`); only the fields the catalog uses (the script itself is left out). */
export const LinodeStackScriptSchema = z.object({
  id: z.number().int(),
  label: z.string(),
  username: z.string().nullish(),
  description: z.string().nullish(),
  /** Images it deploys on; `any/all` means any image. */
  images: z.array(z.string()).nullish(),
  mine: z.boolean().nullish(),
  is_public: z.boolean().nullish(),
  deployments_active: z.number().nullish(),
  updated: z.string().nullish(),
  // A list; the specification's own example gives one bare field, read as a list of one.
  user_defined_fields: z.union([z.array(UserDefinedFieldSchema), UserDefinedFieldSchema.transform((field) => [field])]).nullish(),
});
export type LinodeStackScript = z.infer<typeof LinodeStackScriptSchema>;
