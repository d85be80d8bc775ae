import { ToolError } from '@sre-agent/shared';
import { describe, expect, it } from 'vitest';
import { type FetchPage, forEachObject, kubeFetcher, type PageQuery, readOnePage } from './list-all.js';

/** A paged source of `count` numbers, with the API's token and remaining count. */
function source(count: number, queries: PageQuery[] = []): FetchPage<number> {
  return async (query) => {
    queries.push(query);
    const start = query._continue ? Number(query._continue) : 0;
    const items = Array.from({ length: Math.min(query.limit, count - start) }, (_, index) => start + index);
    const next = start + items.length;
    return {
      items,
      metadata: next < count ? { _continue: String(next), remainingItemCount: count - next } : {},
    };
  };
}

describe('forEachObject', () => {
  it('walks every page of every source, passing selectors, one page at a time', async () => {
    const queries: PageQuery[] = [];
    const seen: number[] = [];
    const result = await forEachObject(
      [source(1_200, queries), source(3, queries)],
      { labelSelector: 'app=x' },
      (item) => seen.push(item),
    );
    expect(result).toEqual({ seen: 1_203, capped: false });
    expect(seen).toHaveLength(1_203);
    expect(queries.map((query) => [query.limit, query._continue])).toEqual([
      [500, undefined],
      [500, '500'],
      [500, '1000'],
      [500, undefined],
    ]);
    expect(queries.every((query) => query.labelSelector === 'app=x')).toBe(true);
  });

  it('stops at the cap and says so', async () => {
    const result = await forEachObject([source(10_000)], {}, () => {}, { cap: 1_200 });
    expect(result).toEqual({ seen: 1_200, capped: true });
    const exact = await forEachObject([source(1_000)], {}, () => {}, { cap: 1_000 });
    expect(exact).toEqual({ seen: 1_000, capped: false });
  });

  it('gives up when the call is aborted', async () => {
    const controller = new AbortController();
    controller.abort(new Error('cancelled'));
    await expect(forEachObject([source(10)], {}, () => {}, { signal: controller.signal })).rejects.toThrow(
      'cancelled',
    );
  });
});

describe('readOnePage', () => {
  it("passes the API's own token through for a single source", async () => {
    const first = await readOnePage([source(12)], {}, 5, undefined);
    expect(first.items).toEqual([0, 1, 2, 3, 4]);
    expect(first.page).toEqual({ continue: '5', remaining: 7 });
    const second = await readOnePage([source(12)], {}, 5, first.page.continue);
    expect(second.items).toEqual([5, 6, 7, 8, 9]);
  });

  it('walks several sources (an allow-list) with its own token, then ends', async () => {
    const sources = [source(3), source(2)];
    const pages: number[][] = [];
    let token: string | undefined;
    do {
      const page = await readOnePage(sources, {}, 2, token);
      pages.push(page.items);
      token = page.page.continue;
    } while (token);
    expect(pages).toEqual([[0, 1], [2], [0, 1]]);
  });

  it('refuses a token it did not make', async () => {
    await expect(readOnePage([source(3), source(2)], {}, 2, 'garbage')).rejects.toBeInstanceOf(ToolError);
  });
});

describe('kubeFetcher', () => {
  const apis = { context: 'prod', server: 'https://k8s.example.com' };
  it('maps an expired token (410) and RBAC refusals to causes with remedies', async () => {
    const gone = kubeFetcher(apis, { resource: 'pods' }, () => Promise.reject({ code: 410, body: '{}' }));
    await expect(gone({ limit: 5 })).rejects.toThrow(/expired \(410 Gone\)/);
    const forbidden = kubeFetcher(apis, { resource: 'pods', namespace: 'shop' }, () =>
      Promise.reject({ code: 403, body: JSON.stringify({ message: 'pods is forbidden' }) }),
    );
    const error = await forbidden({ limit: 5 }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ToolError);
    expect((error as ToolError).toText()).toContain('RBAC refused to list pods in namespace "shop"');
  });
});
