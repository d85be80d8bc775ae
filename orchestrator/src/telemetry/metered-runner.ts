import type { AdkEvent, Runner } from '../adk/types.js';
import type { Metrics, TurnOutcome } from './metrics.js';

/** The runner, with each turn counted by how it ended and timed. */
export function meteredRunner(runner: Runner, metrics: Pick<Metrics, 'turn'>): Runner {
  return {
    health: () => runner.health(),
    run(input) {
      return {
        async *[Symbol.asyncIterator]() {
          const started = performance.now();
          let last: AdkEvent | undefined;
          let outcome: TurnOutcome = 'cancelled';
          try {
            for await (const event of runner.run(input)) {
              if (!event.partial) last = event;
              yield event;
            }
            outcome = turnOutcome(last);
          } catch (error) {
            outcome = 'failed';
            throw error;
          } finally {
            // A client that stops reading ends the loop here without an outcome: counted as cancelled.
            metrics.turn(outcome, (performance.now() - started) / 1000);
          }
        },
      };
    },
  };
}

function turnOutcome(last: AdkEvent | undefined): TurnOutcome {
  if (last?.errorCode === 'CANCELLED') return 'cancelled';
  if (last?.errorCode) return 'error';
  if (last?.longRunningToolIds?.length) return 'awaiting_confirmation';
  return 'answered';
}
