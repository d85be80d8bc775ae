// A turn on a REAL PostgreSQL whose tool result holds a lone surrogate (half an emoji cut by some
// upstream), or an emoji the orchestrator's own cap would cut in two. PostgreSQL's json refuses a lone
// surrogate, so the turn used to fail with HTTP 500 and the tool result was lost.
import { describe, expect, it } from 'vitest';
import { openSessionStore } from '../orchestrator/src/store/session-store.ts';
import { type ThrowawayDatabase, throwawayDatabase } from './orchestrator-postgres.ts';
import { ask, useRunnerHarness } from './orchestrator-runner-harness.ts';

const skipPostgres = process.env.SRE_TEST_SKIP_POSTGRES === '1';
const emoji = '\u{1F525}';

describe.skipIf(skipPostgres)('a turn on PostgreSQL whose tool output is not well-formed UTF-16', () => {
  let database: ThrowawayDatabase;
  const harness = useRunnerHarness(async () => {
    database = await throwawayDatabase();
    const store = await openSessionStore({ kind: 'postgres', url: database.url });
    return {
      ...store,
      close: async () => {
        await store.close();
        await database.drop();
      },
    };
  });

  it('completes and is stored, the lone half replaced and the emoji at the cap kept whole or left out', async () => {
    const maxChars = 1_000;
    // The emoji's first half is the last unit the cap keeps.
    const straddling = `${'x'.repeat(maxChars - 1)}${emoji} more`;
    const { run, key } = await harness.setup(
      [{ functionCalls: [{ name: 'k8s__list_pods' }, { name: 'k8s__get_events' }] }, { text: 'Checked.' }],
      {
        k8s__list_pods: () => ({ isError: false, text: `pod api-1 \ud83d says hi \udc00` }),
        k8s__get_events: () => ({ isError: false, text: straddling }),
      },
      { toolResultMaxChars: maxChars },
    );
    const events = await run(ask('How are the pods?'));
    expect(events.map((event) => event.errorCode ?? 'ok')).toEqual(['ok', 'ok', 'ok']);
    expect(events.at(-1)?.content?.parts[0]?.text).toBe('Checked.');

    const stored = (await harness.store.getSession(key))?.events ?? [];
    expect(stored).toHaveLength(4);
    const results = stored[2]?.content?.parts.map((part) => String(part.functionResponse?.response.result));
    expect(results?.[0]).toBe('pod api-1 \ufffd says hi \ufffd');
    expect(results?.[1]).toMatch(new RegExp(`^x{${maxChars - 1}}\\n\\[cut by the orchestrator`));
    for (const text of results ?? []) expect(text.isWellFormed()).toBe(true);
  });
});
