import { describe, expect, it } from 'vitest';
import { collectPages, type ListingPage } from './collect-pages.js';

/** A listing whose page for each token is given; records the tokens it was asked for. */
function listing(pages: Record<string, ListingPage<string>>) {
  const asked: (string | undefined)[] = [];
  const fetchPage = async (token: string | undefined) => {
    asked.push(token);
    return pages[token ?? ''] ?? { items: [], next: undefined };
  };
  return { fetchPage, asked };
}

describe('collectPages', () => {
  it('follows tokens to the last page', async () => {
    const { fetchPage, asked } = listing({
      '': { items: ['a', 'b'], next: 't1' },
      t1: { items: ['c'], next: 't2' },
      t2: { items: ['d'], next: undefined },
    });
    expect(await collectPages(fetchPage, 10)).toEqual({ items: ['a', 'b', 'c', 'd'], complete: true });
    expect(asked).toEqual([undefined, 't1', 't2']);
  });

  it('stops at maxPages and says the listing is incomplete', async () => {
    const { fetchPage } = listing({ '': { items: ['a'], next: 't1' }, t1: { items: ['b'], next: 't2' } });
    expect(await collectPages(fetchPage, 2)).toEqual({ items: ['a', 'b'], complete: false });
  });

  it('does not ask again for a token it already followed (no duplicate rows, no wasted calls)', async () => {
    const { fetchPage, asked } = listing({
      '': { items: ['a'], next: 't1' },
      t1: { items: ['b'], next: 't1' },
    });
    expect(await collectPages(fetchPage, 50)).toEqual({ items: ['a', 'b'], complete: false });
    expect(asked).toEqual([undefined, 't1']);
  });
});
