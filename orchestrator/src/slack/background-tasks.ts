import type { Logger } from '@sre-agent/shared';

/**
 * Work that outlives the HTTP request (Slack wants its ack within 3 s; a turn takes longer). Failures are
 * logged, never unhandled; `idle()` lets shutdown and tests wait for what is in flight.
 */
export interface BackgroundTasks {
  start(name: string, work: () => Promise<void>): void;
  idle(): Promise<void>;
}

export function createBackgroundTasks(logger: Pick<Logger, 'error'>): BackgroundTasks {
  const running = new Set<Promise<void>>();
  return {
    start: (name, work) => {
      const task = Promise.resolve()
        .then(work)
        .catch((error: unknown) => logger.error('slack task failed', { task: name, error }))
        .finally(() => running.delete(task));
      running.add(task);
    },
    idle: async () => {
      // A task may start another (none do today); loop until nothing is left.
      while (running.size > 0) await Promise.allSettled([...running]);
    },
  };
}
