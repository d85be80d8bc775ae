/**
 * What one tool call spent: Cost Explorer bills $0.01 per request and per page, so every result
 * tells the model (and the person paying) how many requests it made and how many the cache saved.
 */
export interface RequestMeter {
  billed: number;
  cached: number;
  /** Aborts in-flight requests when the tool call times out or is cancelled. */
  signal?: AbortSignal | undefined;
}

export function createMeter(signal?: AbortSignal): RequestMeter {
  return { billed: 0, cached: 0, signal };
}
