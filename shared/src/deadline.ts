/**
 * A time limit that can be paused: a tool call must give up when the API hangs, but not
 * while a human is reading a confirmation prompt.
 */
export interface Deadline {
  signal: AbortSignal;
  pause(): void;
  resume(): void;
  clear(): void;
}

export function createDeadline(limitMs: number, parent?: AbortSignal): Deadline {
  const controller = new AbortController();
  let remaining = limitMs;
  let startedAt = Date.now();
  let timer: NodeJS.Timeout | undefined;
  const arm = () => {
    startedAt = Date.now();
    timer = setTimeout(() => controller.abort(new DeadlineExceeded(limitMs)), remaining);
  };
  const onParentAbort = () => controller.abort(parent?.reason);
  // An already-aborted signal never fires 'abort' again.
  if (parent?.aborted) onParentAbort();
  parent?.addEventListener('abort', onParentAbort, { once: true });
  arm();
  return {
    signal: controller.signal,
    pause() {
      if (!timer) return;
      clearTimeout(timer);
      timer = undefined;
      remaining -= Date.now() - startedAt;
    },
    resume() {
      if (!timer && !controller.signal.aborted) arm();
    },
    clear() {
      clearTimeout(timer);
      parent?.removeEventListener('abort', onParentAbort);
    },
  };
}

export class DeadlineExceeded extends Error {
  override name = 'DeadlineExceeded';
  constructor(readonly limitMs: number) {
    // A limit under ten seconds keeps its tenth: 1500 ms said "2s", longer than the wait was.
    const seconds = limitMs < 10_000 ? Math.round(limitMs / 100) / 10 : Math.round(limitMs / 1000);
    super(`timed out after ${seconds}s`);
  }
}

/** Resolves with the promise, or rejects as soon as the signal aborts. */
export function raceSignal<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
