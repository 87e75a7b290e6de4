import { z } from 'zod';

/** DigitalOcean's list envelope: `links.pages.next` while more pages exist, `meta.total` items in all. */
export const PageEnvelopeSchema = z.object({
  links: z
    .object({ pages: z.object({ next: z.string().optional(), last: z.string().optional() }).partial().optional() })
    .optional(),
  meta: z.object({ total: z.number().int().nonnegative() }).optional(),
});
export type PageEnvelope = z.infer<typeof PageEnvelopeSchema>;

/** The API's largest `per_page`. */
export const MAX_PAGE_SIZE = 200;

export interface Page<Item> {
  readonly items: readonly Item[];
  readonly envelope: PageEnvelope;
}

/** How many pages `meta.total` items fill; undefined when the answer does not say. */
export function pageCount(envelope: PageEnvelope, pageSize: number): number | undefined {
  const total = envelope.meta?.total;
  return total === undefined ? undefined : Math.max(1, Math.ceil(total / pageSize));
}

/**
 * Whether to ask for the page after `page`. `meta.total` is the authority when present (a
 * `next` link that points back at the same page must not loop forever); without it the
 * `next` link decides. An empty page always ends the walk.
 */
export function hasNextPage(envelope: PageEnvelope, page: number, pageSize: number, itemsOnPage: number): boolean {
  if (itemsOnPage === 0) return false;
  const pages = pageCount(envelope, pageSize);
  if (pages !== undefined) return page < pages;
  return envelope.links?.pages?.next !== undefined;
}

// Guards against an endless walk when the API neither reports a total nor stops linking.
const MAX_PAGES_WITHOUT_TOTAL = 1_000;

/** Walks pages 1…n, `shouldStop` ending early (e.g. once every wanted id was seen). */
export async function collectPages<Item>(
  fetchPage: (page: number) => Promise<Page<Item>>,
  pageSize: number,
  shouldStop: (itemsSoFar: readonly Item[]) => boolean = () => false,
): Promise<Item[]> {
  const items: Item[] = [];
  for (let page = 1; page <= MAX_PAGES_WITHOUT_TOTAL; page += 1) {
    const result = await fetchPage(page);
    items.push(...result.items);
    if (shouldStop(items) || !hasNextPage(result.envelope, page, pageSize, result.items.length)) break;
  }
  return items;
}
