/**
 * Remembers keys for a while, so a Slack retry of an event we already took is acknowledged and dropped.
 * Per process: behind several replicas a retry that lands elsewhere runs again (Slack retries only when
 * our 3 s ack was lost, which the immediate ack makes rare).
 */
export interface Dedupe {
  /** True the first time a key is seen within the window. */
  firstTime(key: string): boolean;
}

export function createDedupe(options: { ttlMs?: number; maxKeys?: number; now?: () => number } = {}): Dedupe {
  const ttlMs = options.ttlMs ?? 15 * 60_000;
  const maxKeys = options.maxKeys ?? 10_000;
  const now = options.now ?? Date.now;
  const seen = new Map<string, number>();
  return {
    firstTime: (key) => {
      const time = now();
      // Map keeps insertion order, so the oldest entries are first.
      for (const [old, at] of seen) {
        if (time - at < ttlMs && seen.size < maxKeys) break;
        seen.delete(old);
      }
      if (seen.has(key)) return false;
      seen.set(key, time);
      return true;
    },
  };
}
