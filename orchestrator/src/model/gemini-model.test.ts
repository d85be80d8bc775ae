import {
  type GeminiFake,
  type GeminiFakeOptions,
  startGeminiFake,
} from '@sre-agent/test/fakes/gemini/gemini-fake.ts';
import { afterEach, describe, expect, it } from 'vitest';
import { createGeminiModel } from './gemini-model.js';
import type { ModelChunk, ModelRequest } from './model.js';

let fake: GeminiFake | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

const request: ModelRequest = {
  systemInstruction: 'You are an SRE assistant.',
  contents: [{ role: 'user', parts: [{ text: 'Why is checkout failing?' }] }],
  tools: [
    {
      name: 'k8s__get_pod_logs',
      description: 'Logs of a pod',
      parameters: {
        $schema: 'https://json-schema.org/draft/2020-12/schema',
        type: 'object',
        properties: { pod_name: { type: 'string', description: 'Pod' }, mode: { const: 'tail' } },
        required: ['pod_name'],
        additionalProperties: false,
      },
    },
  ],
};

async function model(script: GeminiFakeOptions, timeoutMs?: number) {
  fake = await startGeminiFake({ apiKey: 'k', ...script });
  return createGeminiModel({ apiKey: 'k', model: 'gemini-2.5-flash', baseUrl: fake.url, timeoutMs });
}

async function collect(stream: AsyncIterable<ModelChunk>): Promise<ModelChunk[]> {
  const chunks: ModelChunk[] = [];
  for await (const chunk of stream) chunks.push(chunk);
  return chunks;
}

describe('createGeminiModel', () => {
  it('sends the system instruction and tools as parametersJsonSchema, and returns function calls', async () => {
    const gemini = await model({
      script: [{ functionCalls: [{ name: 'k8s__get_pod_logs', args: { pod_name: 'a' } }] }],
    });
    const turn = await gemini.generate(request);
    expect(turn.ok).toBe(true);
    if (!turn.ok) return;
    expect(turn.content.parts[0]?.functionCall).toEqual({
      name: 'k8s__get_pod_logs',
      args: { pod_name: 'a' },
    });
    expect(turn.content.parts[0]?.thoughtSignature).toBeTypeOf('string');
    const sent = fake!.requests[0]!;
    expect(sent.systemInstruction?.parts[0]?.text).toBe('You are an SRE assistant.');
    expect(sent.tools?.[0]?.functionDeclarations?.[0]?.parametersJsonSchema).toEqual({
      type: 'object',
      properties: { pod_name: { type: 'string', description: 'Pod' }, mode: { enum: ['tail'] } },
      required: ['pod_name'],
      additionalProperties: false,
    });
  });

  it('keeps client call ids (adk-...) away from Gemini', async () => {
    const gemini = await model({ script: [{ text: 'done' }], requireThoughtSignatures: false });
    await gemini.generate({
      ...request,
      contents: [
        ...request.contents,
        { role: 'model', parts: [{ functionCall: { id: 'adk-1', name: 'k8s__get_pod_logs', args: {} } }] },
        {
          role: 'user',
          parts: [{ functionResponse: { id: 'adk-1', name: 'k8s__get_pod_logs', response: {} } }],
        },
      ],
    });
    const contents = fake!.requests[0]!.contents;
    expect(contents[1]?.parts[0]?.functionCall?.id).toBeUndefined();
    expect(contents[2]?.parts[0]?.functionResponse?.id).toBeUndefined();
  });

  it('streams partial text and then the whole turn', async () => {
    const gemini = await model({ script: [{ text: 'The checkout pod is OOMKilled.', chunks: 3 }] });
    const chunks = await collect(gemini.generateStream(request));
    const partials = chunks.filter((chunk) => chunk.type === 'partial');
    expect(partials.length).toBe(3);
    const final = chunks.at(-1);
    expect(final?.type === 'final' && final.turn.ok && final.turn.content.parts).toEqual([
      { text: 'The checkout pod is OOMKilled.' },
    ]);
  });

  it.each([
    [{ error: 429 } as const, 'RESOURCE_EXHAUSTED', /quota/],
    // Twice each: a 503 is retried once before it is reported.
    [{ error: 503 } as const, 'UNAVAILABLE', /overloaded/],
    [{ block: 'prompt' } as const, 'SAFETY', /blocked the prompt/],
    [{ block: 'candidate' } as const, 'SAFETY', /stopped without an answer/],
  ])('maps %o to errorCode %s, unary and streaming', async (turn, errorCode, message) => {
    const gemini = await model({
      script: 'error' in turn && turn.error === 503 ? [turn, turn, turn, turn] : [turn, turn],
    });
    expect(await gemini.generate(request)).toMatchObject({ ok: false, errorCode, errorMessage: message });
    const final = (await collect(gemini.generateStream(request))).at(-1);
    expect(final).toMatchObject({ type: 'final', turn: { ok: false, errorCode } });
  });

  it('reports a hung model as TIMEOUT and a cancelled request as CANCELLED', async () => {
    const gemini = await model({ script: [{ hang: true }, { hang: true }] }, 150);
    expect(await gemini.generate(request)).toMatchObject({
      ok: false,
      errorCode: 'TIMEOUT',
      errorMessage: expect.stringMatching(/within 150 ms.*GEMINI_TIMEOUT_MS/),
    });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 20);
    const cancelled = await gemini.generate({ ...request, signal: controller.signal });
    expect(cancelled).toMatchObject({ ok: false, errorCode: 'CANCELLED' });
  });

  it('retries one 503 or reset connection, and reports a lasting 503 after the retry', async () => {
    for (const fault of [{ kind: 'status', status: 503 }, { kind: 'reset' }] as const) {
      // A reset cuts a response the fake already gave from its script: two answers scripted.
      const answer = { text: 'api-1 is crash looping.' };
      const gemini = await model({ script: [answer, answer] });
      fake!.wire.inject(fault);
      const turn = await gemini.generate(request);
      expect(turn).toMatchObject({ ok: true });
      expect(fake!.wire.hits()).toBe(1);
      await fake!.close();
    }
    const gemini = await model({ script: [{ text: 'never sent' }] });
    fake!.wire.inject({ kind: 'status', status: 503, times: Infinity });
    expect(await gemini.generate(request)).toMatchObject({ ok: false });
    expect(fake!.wire.hits()).toBe(2);
  });

  it('does not retry a 429: the quota does not come back in half a second', async () => {
    const gemini = await model({ script: [{ text: 'never sent' }] });
    fake!.wire.inject({ kind: 'status', status: 429, times: Infinity });
    expect(await gemini.generate(request)).toMatchObject({ ok: false });
    expect(fake!.wire.hits()).toBe(1);
  });

  it('reports an unreachable endpoint without a stack', async () => {
    const gemini = createGeminiModel({ apiKey: 'k', model: 'm', baseUrl: 'http://127.0.0.1:9' });
    const turn = await gemini.generate(request);
    expect(turn).toMatchObject({ ok: false, errorCode: 'MODEL_UNREACHABLE' });
    expect(turn.ok || turn.errorMessage).not.toMatch(/\n\s+at /);
  });
});
