/**
 * Memoises an async load; a failure is forgotten so a fixed environment works without a restart,
 * and `reset()` forgets a success too (credentials AWS has since called expired).
 */
export function once<T>(load: () => Promise<T>): (() => Promise<T>) & { reset(): void } {
  let pending: Promise<T> | undefined;
  const get = () => {
    pending ??= load().catch((error: unknown) => {
      pending = undefined;
      throw error;
    });
    return pending;
  };
  const reset = () => {
    pending = undefined;
  };
  return Object.assign(get, { reset });
}
