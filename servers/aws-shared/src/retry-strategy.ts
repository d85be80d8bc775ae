import type { RetryStrategyV2 } from '@smithy/types';
import type { RetrySettings } from './env.js';

/** The SDK's own ceiling for one backoff delay. */
const MAX_DELAY_MS = 20_000;

/**
 * The SDK's retry strategy for these settings: standard or adaptive (client-side rate limiting
 * once AWS throttles), with the SDK's token bucket, error classification and Retry-After
 * handling. A base delay only replaces the backoff curve (full jitter, doubling per retry), for
 * operators who want shorter waits and for tests; it applies to throttling too.
 */
export async function createRetryStrategy(settings: RetrySettings): Promise<RetryStrategyV2> {
  // Loaded with the first client, never at startup.
  const { AdaptiveRetryStrategy, StandardRetryStrategy } = await import('@smithy/core/retry');
  const { maxAttempts, baseDelayMs } = settings;
  const backoff =
    baseDelayMs === undefined
      ? undefined
      : {
          computeNextBackoffDelay: (retries: number) =>
            Math.floor(Math.random() * Math.min(MAX_DELAY_MS, baseDelayMs * 2 ** retries)),
          // The SDK sets a larger base for throttling; ours stays.
          setDelayBase: () => {},
        };
  const options = { maxAttempts, ...(backoff ? { backoff, baseDelay: baseDelayMs } : {}) };
  return settings.mode === 'adaptive'
    ? new AdaptiveRetryStrategy(maxAttempts, options)
    : new StandardRetryStrategy(options);
}
