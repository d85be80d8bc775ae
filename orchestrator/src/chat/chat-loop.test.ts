// `sre-agent chat` over the real runner, store and Gemini client (scripted fake): lines in, the
// answer and tool calls out, and a proposed change put to the person at the terminal.
import { throwawayDatabase } from '@sre-agent/test/orchestrator-postgres.ts';
import { pods, useRunnerHarness } from '@sre-agent/test/orchestrator-runner-harness.ts';
import { describe, expect, it } from 'vitest';
import { openSessionStore } from '../store/index.js';
import { type ChatIo, runChat } from './chat-loop.js';

// A throwaway PostgreSQL database opens in ~0.1 s where PGlite takes seconds of CPU (33 s on this
// loaded 2-core machine, past the hook timeout); PGlite where there is no PostgreSQL.
const harness = useRunnerHarness(
  process.env.SRE_TEST_SKIP_POSTGRES === '1'
    ? undefined
    : async () => {
        const database = await throwawayDatabase();
        const store = await openSessionStore({ kind: 'postgres', url: database.url });
        return {
          ...store,
          close: async () => {
            await store.close();
            await database.drop();
          },
        };
      },
);

function terminal(lines: string[], answers: boolean[]) {
  const out: string[] = [];
  const asked: string[] = [];
  const io: ChatIo = {
    read: async (prompt) => {
      out.push(prompt);
      return lines.shift();
    },
    write: (text) => out.push(text),
    confirm: async (question) => {
      asked.push(question);
      return answers.shift() ?? false;
    },
  };
  return { io, out, asked };
}

describe('sre-agent chat', () => {
  it('answers a question, showing the tool calls it made', async () => {
    const { runner } = await harness.setup(
      [{ functionCalls: [{ name: 'k8s__list_pods' }] }, { text: 'api-1 is crash looping.' }],
      {
        k8s__list_pods: pods,
      },
    );
    const { io, out } = terminal(['what is broken?'], []);
    await runChat({ runner, store: harness.store, appName: 'sre_agent', userId: 'u1', io });
    const text = out.join('');
    expect(text).toContain('  -> k8s__list_pods {}');
    expect(text).toContain('api-1 is crash looping.');
    expect(text.trimEnd().endsWith('you>')).toBe(true);
  });

  it('shows a hand-over to a specialist as one line', async () => {
    const { runner } = await harness.setup(
      [
        { functionCalls: [{ name: 'transfer_to_agent', args: { agent_name: 'kubernetes_agent' } }] },
        { functionCalls: [{ name: 'k8s__list_pods' }] },
        { text: 'api-1 is crash looping.' },
      ],
      { k8s__list_pods: pods },
      { agentMode: 'delegate' },
    );
    const { io, out } = terminal(['what is broken?'], []);
    await runChat({ runner, store: harness.store, appName: 'sre_agent', userId: 'u1', io });
    const text = out.join('');
    expect(text).toContain('  => kubernetes_agent\n');
    expect(text).not.toContain('transfer_to_agent');
    expect(text).toContain('  -> k8s__list_pods {}');
  });

  it('asks before a change: yes runs it once, and the model hears it ran', async () => {
    const { runner, calls } = await harness.setup(
      [
        { functionCalls: [{ name: 'k8s__scale_deployment', args: { replicas: 3 } }] },
        { text: 'Scaled to 3.' },
      ],
      { k8s__scale_deployment: () => ({ isError: false, text: 'replicas 1 -> 3' }) },
    );
    const { io, out, asked } = terminal(['scale api to 3', ''], [true]);
    await runChat({ runner, store: harness.store, appName: 'sre_agent', userId: 'u1', io });
    expect(asked).toEqual(['k8s__scale_deployment {"replicas":3}']);
    expect(calls).toMatchObject([{ name: 'k8s__scale_deployment', confirmed: true }]);
    expect(out.join('')).toContain('Scaled to 3.');
    expect(harness.audits).toMatchObject([{ outcome: 'confirmed' }]);
  });

  it('a no changes nothing', async () => {
    const { runner, calls } = await harness.setup(
      [
        { functionCalls: [{ name: 'k8s__scale_deployment', args: { replicas: 0 } }] },
        { text: 'Left it alone.' },
      ],
      { k8s__scale_deployment: () => ({ isError: false, text: 'scaled' }) },
    );
    const { io, out } = terminal(['scale api to 0'], [false]);
    await runChat({ runner, store: harness.store, appName: 'sre_agent', userId: 'u1', io });
    expect(calls).toEqual([]);
    expect(out.join('')).toContain('Left it alone.');
    expect(harness.audits).toMatchObject([{ outcome: 'declined' }]);
  });
});
