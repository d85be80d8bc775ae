/**
 * In-memory answers keyed by the exact request. The promise is stored at once, so two identical
 * calls in flight together also make one request; a failure is dropped so it can be retried.
 */
export interface RequestCache {
  /** The cached or newly loaded value, and whether it came from the cache. */
  getOrLoad<T>(key: string, ttlMs: number, load: () => Promise<T>): { value: Promise<T>; hit: boolean };
  size(): number;
  clear(): void;
}

interface Entry {
  value: Promise<unknown>;
  expiresAt: number;
}

export function createRequestCache(
  options: { clock?: () => number; maxEntries?: number } = {},
): RequestCache {
  const clock = options.clock ?? Date.now;
  const maxEntries = options.maxEntries ?? 500;
  const entries = new Map<string, Entry>();
  return {
    getOrLoad<T>(key: string, ttlMs: number, load: () => Promise<T>) {
      const found = entries.get(key);
      if (found && found.expiresAt > clock()) return { value: found.value as Promise<T>, hit: true };
      entries.delete(key);
      const value = load();
      if (ttlMs > 0) {
        entries.set(key, { value, expiresAt: clock() + ttlMs });
        value.catch(() => entries.get(key)?.value === value && entries.delete(key));
        // Maps iterate in insertion order, so the first key is the oldest entry.
        if (entries.size > maxEntries) entries.delete(entries.keys().next().value as string);
      }
      return { value, hit: false };
    },
    size: () => entries.size,
    clear: () => entries.clear(),
  };
}
