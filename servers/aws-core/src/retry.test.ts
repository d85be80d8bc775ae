import { describe, expect, it } from 'vitest';
import { backoffDelay, RetriesExhausted, withRetry } from './retry.js';

const policy = { maxAttempts: 3, baseMs: 1, random: () => 1 };

describe('withRetry', () => {
  it('retries retryable failures and returns the first success', async () => {
    let attempts = 0;
    const value = await withRetry(
      async () => {
        attempts += 1;
        if (attempts < 3) throw new Error('busy');
        return 'ok';
      },
      () => true,
      policy,
    );
    expect([value, attempts]).toEqual(['ok', 3]);
  });

  it('rethrows a non-retryable error at once', async () => {
    let attempts = 0;
    const denied = new Error('denied');
    const run = withRetry(
      async () => {
        attempts += 1;
        throw denied;
      },
      () => false,
      policy,
    );
    await expect(run).rejects.toBe(denied);
    expect(attempts).toBe(1);
  });

  it('gives up after maxAttempts with the last error and the count', async () => {
    const error = await withRetry(
      () => Promise.reject(new Error('slow down')),
      () => true,
      policy,
    ).catch((e) => e);
    expect(error).toBeInstanceOf(RetriesExhausted);
    expect(error).toMatchObject({ attempts: 3, lastError: new Error('slow down') });
  });

  it('stops waiting when the signal aborts', async () => {
    const controller = new AbortController();
    const run = withRetry(
      () => Promise.reject(new Error('busy')),
      () => true,
      { maxAttempts: 5, baseMs: 60_000, random: () => 1 },
      controller.signal,
    );
    setTimeout(() => controller.abort(), 20);
    await expect(run).rejects.toThrow(/abort/i);
  });
});

describe('backoffDelay', () => {
  it('doubles per attempt up to the cap, scaled by the jitter', () => {
    const p = { maxAttempts: 9, baseMs: 100, capMs: 1_000, random: () => 1 };
    expect([1, 2, 3, 4, 5].map((n) => backoffDelay(n, p))).toEqual([100, 200, 400, 800, 1000]);
    expect(backoffDelay(3, { ...p, random: () => 0.5 })).toBe(200);
  });
});
