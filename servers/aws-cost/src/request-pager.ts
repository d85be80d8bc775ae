import { type Logger, scrubErrorCredentials, ToolError } from '@sre-agent/shared';
import { type ErrorContext, toCostToolError } from './ce-errors.js';
import type { RateGuard } from './rate-guard.js';
import type { RequestMeter } from './request-meter.js';

export type Page = Record<string, unknown> & { $metadata?: { attempts?: number; httpStatusCode?: number } };
export type Send = (operation: string, input: object, signal?: AbortSignal) => Promise<Page>;

export interface Pager {
  /** One billed request: checked against the hourly budget, metered, errors mapped to ToolErrors. */
  send(operation: string, input: object, meter: RequestMeter): Promise<Page>;
  /** Follows the page token to the last page, or until `enough` says to stop paying for more. */
  allPages(
    operation: string,
    input: Record<string, unknown>,
    meter: RequestMeter,
    options?: { tokenField?: string; enough?: (pages: Page[]) => boolean },
  ): Promise<{ pages: Page[]; more: boolean }>;
}

export interface PagerOptions {
  /** Loads the SDK-backed sender on first use. */
  load: () => Promise<Send>;
  guard: RateGuard;
  logger: Logger;
  errorContext: (operation: string, attempts: number) => ErrorContext;
}

/** Requests that reached AWS (the SDK counts its retries); zero when none left the process. */
function attemptsOf(outcome: unknown): number {
  const metadata = (outcome as Page | undefined)?.$metadata;
  return metadata?.attempts ?? (metadata?.httpStatusCode === undefined ? 0 : 1);
}

/** The hourly budget check; a refusal midway through a paged answer says what was already spent. */
function takeBudget(guard: RateGuard, meter: RequestMeter): void {
  try {
    guard.take();
  } catch (error) {
    if (!(error instanceof ToolError) || meter.billed === 0) throw error;
    const pages = `${meter.billed} page${meter.billed === 1 ? '' : 's'}`;
    throw new ToolError(
      `${error.message} This call had already paid for ${pages} of a longer answer.`,
      `${error.remedy ?? ''} A narrower question (MONTHLY granularity, fewer groups, a shorter period) needs fewer pages.`.trim(),
    );
  }
}

function repeatedTokenError(operation: string, pages: number): ToolError {
  return new ToolError(
    `Cost Explorer ${operation} returned a page token it had already returned, after ${pages} pages; paging stopped so the answer would not loop (and be billed) forever.`,
    'Retry the call; if it happens again, narrow it (MONTHLY granularity, fewer groups, a shorter period) so it needs fewer pages.',
  );
}

export function createPager(options: PagerOptions): Pager {
  let sender: Promise<Send> | undefined;
  const settle = (meter: RequestMeter, attempts: number) => {
    meter.billed += attempts;
    if (attempts === 0) options.guard.release(1);
    else options.guard.record(attempts - 1);
  };
  const send = async (operation: string, input: object, meter: RequestMeter): Promise<Page> => {
    takeBudget(options.guard, meter);
    try {
      sender ??= options.load().catch((error: unknown) => {
        sender = undefined;
        throw error;
      });
      const page = await (await sender)(operation, input, meter.signal);
      settle(meter, Math.max(1, attemptsOf(page)));
      return page;
    } catch (error) {
      const attempts = attemptsOf(error);
      settle(meter, attempts);
      options.logger.warn('cost explorer request failed', {
        operation,
        attempts,
        error: scrubErrorCredentials(error),
      });
      throw toCostToolError(error, options.errorContext(operation, attempts));
    }
  };
  return {
    send,
    async allPages(operation, input, meter, { tokenField = 'NextPageToken', enough = () => false } = {}) {
      const pages: Page[] = [];
      const seen = new Set<unknown>();
      let token: unknown;
      do {
        const page = await send(operation, token ? { ...input, [tokenField]: token } : input, meter);
        pages.push(page);
        token = page[tokenField];
        // A token seen before would loop until the hourly budget is spent, paying for each page.
        if (token && seen.has(token)) throw repeatedTokenError(operation, pages.length);
        seen.add(token);
      } while (token && !enough(pages));
      return { pages, more: Boolean(token) };
    },
  };
}
