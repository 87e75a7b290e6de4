import { describe, expect, it } from 'vitest';
import { collectPages, hasNextPage } from './pagination.js';

describe('pagination', () => {
  it('trusts meta.total over a next link that would loop', () => {
    // Mock servers answer every page with the same example, `next` included.
    const envelope = { links: { pages: { next: 'https://api.digitalocean.com/v2/sizes?page=2&per_page=1' } }, meta: { total: 64 } };
    expect(hasNextPage(envelope, 1, 200, 1)).toBe(false);
    expect(hasNextPage(envelope, 1, 20, 20)).toBe(true);
    expect(hasNextPage(envelope, 4, 20, 4)).toBe(false);
  });

  it('follows next links when the total is missing and stops on an empty page', async () => {
    const pages = [[1, 2], [3], []];
    const seen: number[] = [];
    const items = await collectPages(async (page) => {
      seen.push(page);
      return { items: pages[page - 1] ?? [], envelope: { links: { pages: { next: 'more' } } } };
    }, 2);
    expect(items).toEqual([1, 2, 3]);
    expect(seen).toEqual([1, 2, 3]);
  });
});
