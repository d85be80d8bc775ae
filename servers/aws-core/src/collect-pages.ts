/** One page of a listing: its items and the token of the next page, if any. */
export interface ListingPage<T> {
  items: readonly T[] | undefined;
  next: string | undefined;
}

/**
 * Follows a listing's page token for up to `maxPages` pages. A token AWS already handed out would
 * fetch the same pages again (duplicate rows, wasted calls), so paging stops there as incomplete.
 */
export async function collectPages<T>(
  fetchPage: (token: string | undefined) => Promise<ListingPage<T>>,
  maxPages: number,
): Promise<{ items: T[]; complete: boolean }> {
  const items: T[] = [];
  const seen = new Set<string>();
  let token: string | undefined;
  for (let page = 0; page < maxPages; page++) {
    const out = await fetchPage(token);
    items.push(...(out.items ?? []));
    token = out.next;
    if (!token) return { items, complete: true };
    if (seen.has(token)) break;
    seen.add(token);
  }
  return { items, complete: false };
}
