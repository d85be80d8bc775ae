import { setTimeout as sleep } from 'node:timers/promises';

export interface RetryPolicy {
  maxAttempts: number;
  baseMs: number;
  /** Upper bound of one backoff delay. */
  capMs?: number;
  /** Test seam for the jitter. */
  random?: () => number;
}

/** Thrown when a call kept failing with a retryable error until the attempts ran out. */
export class RetriesExhausted extends Error {
  override name = 'RetriesExhausted';
  readonly attempts: number;
  readonly lastError: unknown;

  constructor(lastError: unknown, attempts: number) {
    super(`gave up after ${attempts} attempt(s)`);
    this.lastError = lastError;
    this.attempts = attempts;
  }
}

/** Exponential backoff with full jitter: spreads retries of many callers so they do not re-collide. */
export function backoffDelay(attempt: number, policy: RetryPolicy): number {
  const ceiling = Math.min(policy.capMs ?? 5_000, policy.baseMs * 2 ** (attempt - 1));
  return Math.round((policy.random ?? Math.random)() * ceiling);
}

/**
 * Runs `call` until it succeeds, fails with an error `isRetryable` rejects (rethrown as is), or
 * the attempts run out (RetriesExhausted). Waiting stops at once when `signal` aborts.
 */
export async function withRetry<T>(
  call: () => Promise<T>,
  isRetryable: (error: unknown) => boolean,
  policy: RetryPolicy,
  signal?: AbortSignal,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      if (!isRetryable(error) || signal?.aborted) throw error;
      if (attempt >= policy.maxAttempts) throw new RetriesExhausted(error, attempt);
      await sleep(backoffDelay(attempt, policy), undefined, signal ? { signal } : {});
    }
  }
}
