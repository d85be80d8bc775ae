import { ask, useRunnerHarness } from '@sre-agent/test/orchestrator-runner-harness.ts';
import { describe, expect, it } from 'vitest';
import type { Content } from '../adk/types.js';
import { fitHistory } from './history-budget.js';

const user = (text: string): Content => ({ role: 'user', parts: [{ text }] });
const model = (text: string): Content => ({ role: 'model', parts: [{ text }] });
const call = (id: string): Content => ({
  role: 'model',
  parts: [{ functionCall: { id, name: 'k8s__list_pods', args: {} } }],
});
const result = (id: string, size: number): Content => ({
  role: 'user',
  parts: [{ functionResponse: { id, name: 'k8s__list_pods', response: { result: 'x'.repeat(size) } } }],
});
const size = (contents: Content[]) => JSON.stringify(contents).length;
const texts = (contents: Content[]) =>
  contents.map((content) => {
    const part = content.parts[0];
    return part?.text ?? part?.functionCall?.id ?? `=${part?.functionResponse?.id}`;
  });

describe('fitHistory', () => {
  const history = [
    user('q1'),
    call('c1'),
    result('c1', 3_000),
    model('a1'),
    user('q2'),
    call('c2'),
    result('c2', 3_000),
    model('a2'),
    user('q3'),
    call('c3'),
    result('c3', 500),
  ];

  it('sends everything, untouched, when it fits', () => {
    const fitted = fitHistory(history, size(history));
    expect(fitted).toEqual({ contents: history, omitted: 0 });
  });

  it('keeps the newest turns that fit, starting at a user message, and says how many it left out', () => {
    const fitted = fitHistory(history, size(history) - 1);
    expect(texts(fitted.contents)).toEqual(['q2', 'c2', '=c2', 'a2', 'q3', 'c3', '=c3']);
    expect(fitted.omitted).toBe(4);
    expect(size(fitted.contents)).toBeLessThanOrEqual(size(history) - 1);
  });

  it('never starts at a tool result, so no call is parted from its response', () => {
    // Enough for everything after c2's call, but not for q2 and the call itself.
    const budget = size(history.slice(6));
    const fitted = fitHistory(history, budget);
    expect(texts(fitted.contents)).toEqual(['q3', 'c3', '=c3']);
  });

  it('cuts inside a turn that alone is over budget, keeping its question and newest steps', () => {
    const turn = [user('q'), call('a'), result('a', 2_000), call('b'), result('b', 2_000), call('c')];
    const fitted = fitHistory(turn, 3_000);
    expect(texts(fitted.contents)).toEqual(['q', 'b', '=b', 'c']);
    expect(fitted.omitted).toBe(2);
    // Even when the newest step alone is too big, the question and that step still go.
    expect(texts(fitHistory(turn, 100).contents)).toEqual(['q', 'c']);
  });

  it("never starts at another agent's turn shown as context, which would leave out the question", () => {
    const context: Content = {
      role: 'user',
      parts: [{ text: 'For context:' }, { text: '[kubernetes_agent] said: ledger is crash looping' }],
    };
    const handed = [
      user('q1'),
      call('c1'),
      result('c1', 3_000),
      model('a1'),
      user('q2'),
      context,
      call('c2'),
    ];
    // Room for the context and the call after it, not for q2 as well.
    const fitted = fitHistory(handed, size(handed.slice(5)) + 1);
    expect(texts(fitted.contents)[0]).toBe('q2');
  });

  it('leaves a history without any user message alone', () => {
    const odd = [model('a'), model('b')];
    expect(fitHistory(odd, 10)).toEqual({ contents: odd, omitted: 0 });
  });
});

describe('runner with a history budget', () => {
  const harness = useRunnerHarness();

  it('sends Gemini only the newest turns that fit, and tells the model the rest was left out', async () => {
    const big = () => ({ isError: false, text: 'y'.repeat(4_000) });
    const toolTurn = { functionCalls: [{ name: 'k8s__list_pods' }] };
    const { run, key } = await harness.setup(
      [toolTurn, { text: 'first' }, toolTurn, { text: 'second' }, { text: 'third' }],
      { k8s__list_pods: big },
      { toolResultMaxChars: 5_000, historyMaxChars: 6_000 },
    );
    await run(ask('one'));
    await run(ask('two'));
    await run(ask('three'));
    const requests = harness.fake!.requests;
    // Turn one fits whole; by turn two its tool result no longer does.
    expect(requests[1]?.systemInstruction?.parts[0]?.text).not.toContain('left out');
    const last = requests.at(-1)!;
    expect(last.contents.map((content) => content.parts[0]?.text)).toEqual([
      'two',
      undefined,
      undefined,
      'second',
      'three',
    ]);
    expect(JSON.stringify(last.contents).length).toBeLessThanOrEqual(6_000);
    expect(last.systemInstruction?.parts[0]?.text).toContain('(4 turns) were left out');
    // The store keeps everything: only what is sent is cut.
    expect((await harness.store.getSession(key))!.events).toHaveLength(10);
  });
});
