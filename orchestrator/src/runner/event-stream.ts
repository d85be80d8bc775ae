import type { AdkEvent } from '../adk/types.js';

export type Producer = (emit: (event: AdkEvent) => void, signal: AbortSignal) => Promise<void>;

/**
 * Turns a producer that pushes events (from inside the session lock) into an async iterable. A
 * consumer that stops early (a client gone) aborts the producer's signal, so the turn stops calling
 * the model and tools and releases the lock; what it already persisted stays.
 */
export function eventStream(produce: Producer, outer?: AbortSignal): AsyncIterable<AdkEvent> {
  return {
    [Symbol.asyncIterator]() {
      const controller = new AbortController();
      const abort = () => controller.abort(outer?.reason);
      if (outer?.aborted) abort();
      else outer?.addEventListener('abort', abort, { once: true });
      const queue: AdkEvent[] = [];
      let finished = false;
      let failed: { error: unknown } | undefined;
      let wake: (() => void) | undefined;
      const notify = () => {
        wake?.();
        wake = undefined;
      };
      const emit = (event: AdkEvent) => {
        queue.push(event);
        notify();
      };
      produce(emit, controller.signal)
        .catch((error: unknown) => {
          failed = { error };
        })
        .finally(() => {
          finished = true;
          outer?.removeEventListener('abort', abort);
          notify();
        });
      return {
        async next(): Promise<IteratorResult<AdkEvent>> {
          while (queue.length === 0 && !finished) {
            await new Promise<void>((resolve) => {
              wake = resolve;
            });
          }
          const event = queue.shift();
          if (event) return { value: event, done: false };
          if (failed) throw failed.error;
          return { value: undefined, done: true };
        },
        async return(): Promise<IteratorResult<AdkEvent>> {
          controller.abort();
          return { value: undefined, done: true };
        },
      };
    },
  };
}
