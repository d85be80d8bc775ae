import { ask, useRunnerHarness } from '@sre-agent/test/orchestrator-runner-harness.ts';
import { openTestStore } from '@sre-agent/test/test-database.ts';
import { describe, expect, it } from 'vitest';
import { ServiceUnavailableError } from '../errors.js';

// A store whose lock hands the turn a signal that already says its connection died: what a PostgreSQL
// restart does between the advisory lock being taken and the turn's first read.
const harness = useRunnerHarness(async () => {
  const store = await openTestStore();
  return {
    ...store,
    withSessionLock: (_key, fn) => {
      const lost = new AbortController();
      lost.abort(
        Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }),
      );
      return fn(lost.signal);
    },
  };
});

describe('a turn whose session lock was lost before it began', () => {
  it('is refused with 503 and nothing stored, not answered with an empty 200', async () => {
    const bench = await harness.setup([]);
    const error = await bench.run(ask('What is broken?')).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ServiceUnavailableError);
    expect((error as ServiceUnavailableError).message).toContain(
      'terminating connection due to administrator command',
    );
    expect((await harness.store.getSession(bench.key))?.events).toEqual([]);
  });
});
