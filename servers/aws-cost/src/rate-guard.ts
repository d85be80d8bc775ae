import { ToolError } from '@sre-agent/shared';

/** A rolling one-hour budget of billed requests, so a looping model cannot run up the bill. */
export interface RateGuard {
  /** Records `count` requests about to be sent; throws a ToolError when the budget is spent. */
  take(count?: number): void;
  /** Records requests already sent (SDK retries), without refusing them. */
  record(count: number): void;
  /** Gives back slots taken for requests that never left the process (e.g. no credentials). */
  release(count: number): void;
  usedInLastHour(): number;
}

const HOUR_MS = 3_600_000;

export function createRateGuard(options: { maxPerHour: number; clock?: () => number }): RateGuard {
  const clock = options.clock ?? Date.now;
  const sent: number[] = [];
  const prune = () => {
    const cutoff = clock() - HOUR_MS;
    while (sent.length > 0 && (sent[0] ?? 0) <= cutoff) sent.shift();
  };
  const record = (count: number) => {
    for (let i = 0; i < count; i++) sent.push(clock());
  };
  return {
    take(count = 1) {
      prune();
      if (sent.length + count > options.maxPerHour) throw budgetError(options.maxPerHour, sent[0], clock());
      record(count);
    },
    record,
    release(count) {
      sent.splice(Math.max(0, sent.length - count), count);
    },
    usedInLastHour() {
      prune();
      return sent.length;
    },
  };
}

function budgetError(max: number, oldest: number | undefined, now: number): ToolError {
  const waitMinutes = Math.max(1, Math.ceil(((oldest ?? now) + HOUR_MS - now) / 60_000));
  return new ToolError(
    `Cost Explorer request budget spent: ${max} billed requests in the last hour (SRE_CE_MAX_REQUESTS_PER_HOUR=${max}); each costs $0.01, so the server stopped to break a possible loop.`,
    `Reuse the answers you already have (identical calls are served from cache), wait about ${waitMinutes} min, or ask the operator to raise SRE_CE_MAX_REQUESTS_PER_HOUR.`,
  );
}
