import {
  ask,
  pods,
  type RecordedCall,
  useRunnerHarness,
} from '@sre-agent/test/orchestrator-runner-harness.ts';
import { describe, expect, it } from 'vitest';
import type { AdkEvent } from '../adk/types.js';

const harness = useRunnerHarness();
const { setup } = harness;

describe('runner', () => {
  it('answers a question through a tool call and persists every event', async () => {
    const { run, calls, key } = await setup(
      [
        { functionCalls: [{ name: 'k8s__list_pods', args: { namespace: 'payments' } }] },
        {
          text: 'api-1 is in CrashLoopBackOff.',
          expect: (request) => {
            const last = request.contents.at(-1)?.parts[0]?.functionResponse;
            if (!JSON.stringify(last?.response).includes('CrashLoopBackOff'))
              throw new Error('tool result not sent back');
          },
        },
      ],
      { k8s__list_pods: pods },
    );
    const events = await run(ask('What is wrong in payments?'));
    expect(
      events.map((event) => event.content?.parts.map((part) => Object.keys(part).sort().join('+'))),
    ).toEqual([['functionCall+thoughtSignature'], ['functionResponse'], ['text']]);
    const callId = events[0]?.content?.parts[0]?.functionCall?.id;
    expect(callId).toMatch(/^adk-/);
    expect(events[1]?.content?.parts[0]?.functionResponse).toMatchObject({
      id: callId,
      name: 'k8s__list_pods',
    });
    expect(events[2]).toMatchObject({
      author: 'sre_agent',
      actions: {
        stateDelta: {},
        artifactDelta: {},
        requestedAuthConfigs: {},
        requestedToolConfirmations: {},
      },
    });
    // ADK sets turnComplete only in live mode; the dev UI draws a stray chip for it.
    expect(events.some((event) => 'turnComplete' in event)).toBe(false);
    expect(calls).toMatchObject([
      { name: 'k8s__list_pods', args: { namespace: 'payments' }, confirmed: false },
    ]);
    const first = harness.fake!.requests[0]!;
    expect(first.systemInstruction?.parts[0]?.text).toContain('untrusted-data fences');
    expect(first.tools?.[0]?.functionDeclarations?.map((declaration) => declaration.name)).toContain(
      'k8s__list_pods',
    );
    const stored = (await harness.store.getSession(key))!.events;
    expect(stored.map((event) => event.author)).toEqual(['user', 'sre_agent', 'sre_agent', 'sre_agent']);
    expect(stored.slice(1).map((event) => event.id)).toEqual(events.map((event) => event.id));
  });

  it('records a call_llm span per model call and an execute_tool span per tool call, keyed by event id', async () => {
    const { run, key, tracer } = await setup(
      [{ functionCalls: [{ name: 'k8s__list_pods', args: { namespace: 'payments' } }] }, { text: 'ok' }],
      { k8s__list_pods: pods },
    );
    const events = await run(ask('Pods?'));
    const spans = tracer.sessionSpans('sre_agent', key.sessionId);
    expect(spans.map((span) => span.name).sort()).toEqual(
      ['call_llm', 'call_llm', 'execute_tool k8s__list_pods', 'invocation', 'invoke_agent sre_agent'].sort(),
    );
    const agent = spans.find((span) => span.name === 'invoke_agent sre_agent');
    expect(spans.filter((span) => span.name !== 'invocation').map((span) => span.trace_id)).toEqual(
      spans.filter((span) => span.name !== 'invocation').map(() => agent?.trace_id),
    );
    const [callEvent, responseEvent, answerEvent] = events;
    const llm = tracer.eventTrace(callEvent?.id ?? '');
    expect(llm).toMatchObject({
      'gen_ai.request.model': 'gemini-test',
      'gcp.vertex.agent.invocation_id': callEvent?.invocationId,
    });
    expect(JSON.parse(String(llm?.['gcp.vertex.agent.llm_request'])).contents.at(-1).parts[0].text).toBe(
      'Pods?',
    );
    expect(String(llm?.['gcp.vertex.agent.llm_response'])).toContain('k8s__list_pods');
    const tool = tracer.eventTrace(responseEvent?.id ?? '');
    expect(tool).toMatchObject({
      'gen_ai.tool.name': 'k8s__list_pods',
      'gcp.vertex.agent.tool_call_args': '{"namespace":"payments"}',
    });
    expect(String(tool?.['gcp.vertex.agent.tool_response'])).toContain('CrashLoopBackOff');
    expect(String(tracer.eventTrace(answerEvent?.id ?? '')?.['gcp.vertex.agent.llm_response'])).toContain(
      'ok',
    );
    // Another user's token sees none of it.
    expect(tracer.sessionSpans('sre_agent', key.sessionId, 'someone-else')).toEqual([]);
    expect(tracer.eventTrace(answerEvent?.id ?? '', 'someone-else')).toBeUndefined();
  });

  it('runs several calls of one turn in parallel and answers them in one event', async () => {
    const { run, calls } = await setup(
      [
        { functionCalls: [{ name: 'k8s__list_pods' }, { name: 'k8s__get_events' }] },
        { text: 'Both checked.' },
      ],
      {
        k8s__list_pods: pods,
        k8s__get_events: async () => {
          await new Promise((resolve) => setTimeout(resolve, 150));
          return { isError: false, text: 'Warning BackOff' };
        },
      },
    );
    const events = await run(ask('Check pods and events'));
    const responses = events[1]?.content?.parts.map((part) => part.functionResponse);
    expect(responses?.map((response) => response?.name)).toEqual(['k8s__list_pods', 'k8s__get_events']);
    const [a, b] = calls as [RecordedCall, RecordedCall];
    expect(a.started < b.ended && b.started < a.ended).toBe(true);
    // One event, one timestamp: each call's own time is in its customMetadata, by call id.
    const durations = events[1]?.customMetadata?.toolDurationsMs as Record<string, number>;
    const [listMs, eventsMs] = responses?.map((response) => durations[response?.id ?? '']) ?? [];
    expect(eventsMs).toBeGreaterThanOrEqual(145);
    expect(listMs).toBeLessThan(eventsMs!);
  });

  it.each([
    [{ error: 429 } as const, 'RESOURCE_EXHAUSTED'],
    [{ block: 'prompt' } as const, 'SAFETY'],
    [{ hang: true } as const, 'TIMEOUT'],
  ])('ends the turn with an error event on %o', async (turn, errorCode) => {
    const { run, key } = await setup([turn]);
    const events = await run(ask('hi'));
    expect(events).toMatchObject([{ errorCode, errorMessage: expect.any(String) }]);
    expect(events[0]?.turnComplete).toBeUndefined();
    expect((await harness.store.getSession(key))!.events.at(-1)?.errorCode).toBe(errorCode);
  });

  it('streams partial text events, each with its own id as in ADK, then the final one', async () => {
    const { run, key } = await setup([{ text: 'Everything is healthy in payments.', chunks: 3 }]);
    const events = await run(ask('Status?'), true);
    expect(events.map((event) => event.partial ?? false)).toEqual([true, true, true, false]);
    expect(new Set(events.map((event) => event.id)).size).toBe(4);
    expect(new Set(events.map((event) => event.invocationId)).size).toBe(1);
    expect(events.at(-1)?.content?.parts[0]?.text).toBe('Everything is healthy in payments.');
    expect((await harness.store.getSession(key))!.events.filter((event) => event.partial)).toEqual([]);
  });

  it('caps what a tool result feeds back to the model', async () => {
    const { run } = await setup([{ functionCalls: [{ name: 'k8s__list_pods' }] }, { text: 'ok' }], {
      k8s__list_pods: () => ({ isError: false, text: 'x'.repeat(5_000) }),
    });
    const events = await run(ask('List'));
    const result = events[1]?.content?.parts[0]?.functionResponse?.response.result as string;
    expect(result.startsWith('x'.repeat(1_000))).toBe(true);
    expect(result).toContain('cut by the orchestrator: 4000 more characters');
  });

  it('stops after SRE_MAX_STEPS model calls without an answer', async () => {
    const loop = { functionCalls: [{ name: 'k8s__list_pods' }] };
    const { run } = await setup([loop, loop], { k8s__list_pods: pods }, { maxSteps: 2 });
    const events = await run(ask('Loop'));
    expect(events.at(-1)).toMatchObject({ errorCode: 'MAX_STEPS' });
  });

  it('serialises two runs on one session', async () => {
    const { run, key } = await setup([
      { text: 'first', delayMs: 100 },
      {
        text: 'second',
        expect: (request) => void (request.contents.length === 3 || fail('not after first')),
      },
    ]);
    await Promise.all([run(ask('one')), run(ask('two'))]);
    const texts = (await harness.store.getSession(key))!.events.map((event) => event.content?.parts[0]?.text);
    expect(texts).toEqual(['one', 'first', 'two', 'second']);
  });

  it('stops a run whose client went away, keeping what it persisted, and frees the session', async () => {
    const { runner, key } = await setup(
      [{ functionCalls: [{ name: 'k8s__list_pods' }] }, { text: 'after the cancel' }],
      { k8s__list_pods: pods },
    );
    for await (const event of runner.run({ session: key, newMessage: ask('one'), streaming: false })) {
      expect(event.content?.parts[0]?.functionCall?.name).toBe('k8s__list_pods');
      break;
    }
    const next: AdkEvent[] = [];
    for await (const event of runner.run({ session: key, newMessage: ask('two'), streaming: false }))
      next.push(event);
    expect(next.at(-1)?.content?.parts[0]?.text).toBe('after the cancel');
    const stored = (await harness.store.getSession(key))!.events;
    expect(
      stored.map((event) => event.errorCode ?? event.content?.parts.map((part) => Object.keys(part)[0])),
    ).toEqual([['text'], ['functionCall'], ['functionResponse'], 'CANCELLED', ['text'], ['text']]);
  });

  it('turns a tool call that throws into an error result for the model', async () => {
    const { run } = await setup([{ functionCalls: [{ name: 'k8s__list_pods' }] }, { text: 'It failed.' }], {
      k8s__list_pods: () => {
        throw new Error('socket hang up');
      },
    });
    const events = await run(ask('List'));
    expect(events[1]?.content?.parts[0]?.functionResponse?.response).toEqual({
      error: 'Calling k8s__list_pods failed: socket hang up.',
    });
    expect(events.at(-1)?.content?.parts[0]?.text).toBe('It failed.');
  });

  it('refuses an unknown session', async () => {
    const { runner } = await setup([]);
    const iterator = runner.run({
      session: { appName: 'sre_agent', userId: 'u1', sessionId: 'nope' },
      newMessage: ask('x'),
      streaming: false,
    });
    await expect(iterator[Symbol.asyncIterator]().next()).rejects.toMatchObject({ status: 404 });
  });
});

function fail(message: string): never {
  throw new Error(message);
}
