import { z } from 'zod';

/** Linode's paginated envelope: `{data, page, pages, results}` (page_size 25–500). */
export function linodePageSchema<Item extends z.ZodType>(item: Item) {
  return z.object({
    data: z.array(item),
    page: z.number().int().min(1),
    pages: z.number().int().min(0),
    results: z.number().int().min(0),
  });
}

/** Linode accepts page sizes from 25 to 500 on paginated collections. */
export const LINODE_MIN_PAGE_SIZE = 25;
export const LINODE_MAX_PAGE_SIZE = 500;
