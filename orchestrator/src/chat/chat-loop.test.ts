// `sre-agent chat` over the real runner, store and Gemini client (scripted fake): lines in, the
// answer and tool calls out, and a proposed change put to the person at the terminal.
import { pods, useRunnerHarness } from '@sre-agent/test/orchestrator-runner-harness.ts';
import { describe, expect, it } from 'vitest';
import { type ChatIo, runChat } from './chat-loop.js';

// The harness's store is a copy of the migrated test database (PGlite where there is no PostgreSQL).
const harness = useRunnerHarness();

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
