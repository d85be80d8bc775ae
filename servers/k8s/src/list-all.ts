import type { ToolContext, ToolResult } from '@sre-agent/shared';
import { ToolError } from '@sre-agent/shared';
import type { ListArgs } from './args.js';
import { createTally, type ListRow } from './format/summary.js';
import { createJsonCollector, formatListJson } from './format/summary-json.js';
import { formatListText, type PageInfo } from './format/summary-text.js';
import type { KubeApis } from './kube-client.js';
import { type KubeOperation, statusCode, toKubeToolError } from './kube-errors.js';

/** Objects per API request when a tool reads everything itself. */
export const pageSize = 500;
/** A list stops here and says so, rather than run for minutes on a huge cluster. */
export const maxListObjects = 20_000;

export interface KubeListPage<T> {
  items: T[];
  metadata?: { _continue?: string; remainingItemCount?: number } | undefined;
}

export interface PageQuery {
  labelSelector?: string | undefined;
  fieldSelector?: string | undefined;
  limit: number;
  _continue?: string | undefined;
}

/**
 * One page. A fetcher that can stream hands each object to `onItem` as it is parsed and returns
 * no `items`, so a page is never held whole; one that cannot ignores `onItem`.
 */
export type FetchPage<T> = (query: PageQuery, onItem?: (item: T) => void) => Promise<KubeListPage<T>>;

/** A page fetcher whose failures come back as ToolErrors naming the verb, resource and cluster. */
export function kubeFetcher<T>(
  apis: Pick<KubeApis, 'context' | 'server'>,
  operation: Omit<KubeOperation, 'verb'>,
  call: FetchPage<T>,
): FetchPage<T> {
  return (query, onItem) =>
    call(query, onItem).catch((error: unknown) => {
      if (statusCode(error) === 410) throw expiredToken();
      throw toKubeToolError(error, { verb: 'list', ...operation }, apis);
    });
}

/**
 * Reads every page of every fetcher (one per namespace, or one for the whole cluster),
 * handing objects to `visit` as they arrive so only one page is held at a time.
 */
export async function forEachObject<T>(
  fetchers: readonly FetchPage<T>[],
  selectors: Pick<PageQuery, 'labelSelector' | 'fieldSelector'>,
  visit: (item: T) => void,
  options: { signal?: AbortSignal; cap?: number; pageSize?: number } = {},
): Promise<{ seen: number; capped: boolean }> {
  const cap = options.cap ?? maxListObjects;
  let seen = 0;
  for (const fetch of fetchers) {
    let token: string | undefined;
    do {
      options.signal?.throwIfAborted();
      const limit = Math.min(options.pageSize ?? pageSize, cap - seen);
      let streamed = 0;
      const page = await fetch({ ...selectors, limit, _continue: token }, (item) => {
        streamed++;
        visit(item);
      });
      for (const item of page.items) visit(item);
      seen += streamed + page.items.length;
      token = page.metadata?._continue || undefined;
      if (seen >= cap && (token || fetch !== fetchers.at(-1))) return { seen, capped: true };
    } while (token);
  }
  return { seen, capped: false };
}

/**
 * One page, for `limit` mode. With several namespaces (an allow-list) the API's token is
 * wrapped with the namespace it belongs to, so paging walks them in turn.
 */
export async function readOnePage<T>(
  fetchers: readonly FetchPage<T>[],
  selectors: Pick<PageQuery, 'labelSelector' | 'fieldSelector'>,
  limit: number,
  token: string | undefined,
): Promise<{ items: T[]; page: PageInfo }> {
  const single = fetchers.length === 1;
  const at =
    token === undefined ? { index: 0, api: undefined } : single ? { index: 0, api: token } : unwrap(token);
  const fetch = fetchers[at.index];
  if (!fetch) throw invalidToken();
  const result = await fetch({ ...selectors, limit, _continue: at.api });
  const apiNext = result.metadata?._continue || undefined;
  const remaining = result.metadata?.remainingItemCount;
  if (single) return { items: result.items, page: { continue: apiNext, remaining } };
  const nextIndex = apiNext ? at.index : at.index + 1;
  const next = apiNext || nextIndex < fetchers.length ? wrap(nextIndex, apiNext) : undefined;
  return { items: result.items, page: { continue: next } };
}

function wrap(index: number, api: string | undefined): string {
  return Buffer.from(JSON.stringify({ i: index, c: api ?? null })).toString('base64url');
}

function unwrap(token: string): { index: number; api: string | undefined } {
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as {
      i?: unknown;
      c?: unknown;
    };
    if (typeof parsed.i === 'number' && (typeof parsed.c === 'string' || parsed.c === null)) {
      return { index: parsed.i, api: parsed.c ?? undefined };
    }
  } catch {
    // falls through to the error below
  }
  throw invalidToken();
}

function invalidToken(): ToolError {
  return new ToolError(
    'The `continue` token does not belong to this list.',
    'Pass the token exactly as the previous page gave it, with the same tool and namespace, or start again without `continue`.',
  );
}

function expiredToken(): ToolError {
  return new ToolError(
    'The `continue` token has expired (410 Gone): the list changed too much since the first page.',
    'Start again without `continue`.',
  );
}

/** What a list tool needs to say about one kind of object. */
export interface ListPlan<T> {
  /** Plural noun for the text: "pods". */
  noun: string;
  kind: string;
  apiVersion: string;
  /** `namespace "payments"` or `all namespaces`. */
  scope: string;
  headers: string[];
  withNamespace: boolean;
  fetchers: FetchPage<T>[];
  row(item: T): ListRow;
  /** How to see the rest, in this tool's terms. */
  more: string;
  /** Runs when nothing matched, to explain why (a namespace that does not exist). */
  explainEmpty?: () => Promise<void>;
}

/** Fetch (every page, or one with `limit`), tally, then format within the budget. */
export async function runList<T>(
  plan: ListPlan<T>,
  args: ListArgs,
  context: ToolContext,
): Promise<ToolResult> {
  const budgetBytes = context.budgetBytes;
  // No row is shorter than ~16 bytes, so more rows than this could never be shown.
  const tally = createTally(Math.ceil(budgetBytes / 16));
  const json = args.output === 'json' ? createJsonCollector(budgetBytes) : undefined;
  const visit = (item: T) => {
    const row = plan.row(item);
    tally.add(row);
    json?.add(item, row.problem !== undefined);
  };
  const selectors = { labelSelector: args.label_selector, fieldSelector: args.field_selector };
  let page: PageInfo | undefined;
  let cappedAt: number | undefined;
  if (args.limit !== undefined) {
    const one = await readOnePage(plan.fetchers, selectors, args.limit, args.continue);
    one.items.forEach(visit);
    page = one.page;
  } else {
    if (args.continue) throw new ToolError('`continue` needs `limit`.', 'Pass the same `limit` as before.');
    const walk = await forEachObject(plan.fetchers, selectors, visit, { signal: context.signal });
    if (walk.capped) cappedAt = walk.seen;
  }
  if (tally.total === 0 && !args.continue) await plan.explainEmpty?.();
  const more = page ? `${plan.more} Or use a smaller \`limit\` so a whole page fits.` : plan.more;
  const common = { scope: plan.scope, tally, budgetBytes, more, cappedAt, page };
  if (json) {
    return {
      json: formatListJson({ ...common, kind: plan.kind, apiVersion: plan.apiVersion, items: json.items() }),
      moreHint: more,
    };
  }
  const text = formatListText({
    ...common,
    noun: plan.noun,
    headers: plan.headers,
    withNamespace: plan.withNamespace,
  });
  return { text, moreHint: more };
}
