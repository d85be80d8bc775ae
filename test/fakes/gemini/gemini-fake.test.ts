import { ApiError, GoogleGenAI } from '@google/genai';
import { afterEach, describe, expect, it } from 'vitest';
import { type GeminiFake, startGeminiFake } from './gemini-fake.ts';

let fake: GeminiFake | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

function client(url: string, timeout?: number) {
  return new GoogleGenAI({ apiKey: 'test-key', httpOptions: { baseUrl: url, timeout } });
}

const tools = [
  {
    functionDeclarations: [
      { name: 'k8s__list_pods', description: 'List pods', parametersJsonSchema: { type: 'object' } },
    ],
  },
];

describe('gemini fake, driven by the real @google/genai client', () => {
  it('returns scripted function calls and records what it was sent', async () => {
    fake = await startGeminiFake({
      apiKey: 'test-key',
      script: [{ functionCalls: [{ name: 'k8s__list_pods', args: { namespace: 'payments' } }] }],
    });
    const response = await client(fake.url).models.generateContent({
      model: 'gemini-2.5-flash',
      contents: [{ role: 'user', parts: [{ text: 'what is broken?' }] }],
      config: { systemInstruction: 'You are an SRE.', tools },
    });
    expect(response.functionCalls).toEqual([{ name: 'k8s__list_pods', args: { namespace: 'payments' } }]);
    expect(response.candidates?.[0]?.content?.parts?.[0]?.thoughtSignature).toBeTypeOf('string');
    const [request] = fake.requests;
    expect(request?.model).toBe('gemini-2.5-flash');
    expect(request?.apiKey).toBe('test-key');
    expect(request?.systemInstruction?.parts[0]?.text).toBe('You are an SRE.');
    expect(request?.tools?.[0]?.functionDeclarations?.[0]?.name).toBe('k8s__list_pods');
    expect(fake.failures).toEqual([]);
  });

  it('streams text as several SSE chunks', async () => {
    fake = await startGeminiFake({ script: [{ text: 'The payments pod is crash looping.', chunks: 3 }] });
    const stream = await client(fake.url).models.generateContentStream({
      model: 'gemini-2.5-flash',
      contents: [{ role: 'user', parts: [{ text: 'status?' }] }],
    });
    const pieces: string[] = [];
    for await (const chunk of stream) pieces.push(chunk.text ?? '');
    expect(pieces.length).toBe(3);
    expect(pieces.join('')).toBe('The payments pod is crash looping.');
  });

  it('answers 429 RESOURCE_EXHAUSTED as an ApiError the client surfaces', async () => {
    fake = await startGeminiFake({ script: [{ error: 429 }] });
    const call = client(fake.url).models.generateContent({
      model: 'gemini-2.5-flash',
      contents: [{ role: 'user', parts: [{ text: 'hi' }] }],
    });
    await expect(call).rejects.toBeInstanceOf(ApiError);
    await expect(call).rejects.toMatchObject({
      status: 429,
      message: expect.stringContaining('RESOURCE_EXHAUSTED'),
    });
  });

  it('blocks a prompt with promptFeedback and a candidate with finishReason SAFETY', async () => {
    fake = await startGeminiFake({ script: [{ block: 'prompt' }, { block: 'candidate' }] });
    const ai = client(fake.url);
    const request = { model: 'm', contents: [{ role: 'user', parts: [{ text: 'x' }] }] };
    const prompt = await ai.models.generateContent(request);
    expect(prompt.promptFeedback?.blockReason).toBe('SAFETY');
    expect(prompt.candidates).toBeUndefined();
    const candidate = await ai.models.generateContent(request);
    expect(candidate.candidates?.[0]?.finishReason).toBe('SAFETY');
    expect(candidate.text).toBeUndefined();
  });

  it('hangs until the client times out', async () => {
    fake = await startGeminiFake({ script: [{ hang: true }] });
    const call = client(fake.url, 200).models.generateContent({
      model: 'm',
      contents: [{ role: 'user', parts: [{ text: 'x' }] }],
    });
    await expect(call).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('rejects, as Gemini does, function calls without their responses or signatures', async () => {
    fake = await startGeminiFake({ script: [{ text: 'never' }, { text: 'never' }, { text: 'never' }] });
    const ai = client(fake.url);
    const call = { functionCall: { name: 'k8s__list_pods', args: {} } };
    const unanswered = ai.models.generateContent({
      model: 'm',
      contents: [
        { role: 'user', parts: [{ text: 'x' }] },
        { role: 'model', parts: [call] },
        { role: 'user', parts: [{ text: 'y' }] },
      ],
    });
    await expect(unanswered).rejects.toMatchObject({ status: 400 });
    const unsigned = ai.models.generateContent({
      model: 'm',
      contents: [
        { role: 'user', parts: [{ text: 'x' }] },
        { role: 'model', parts: [call] },
        {
          role: 'user',
          parts: [{ functionResponse: { name: 'k8s__list_pods', response: { output: 'ok' } } }],
        },
      ],
    });
    await expect(unsigned).rejects.toMatchObject({ message: expect.stringContaining('thought_signature') });
    // A history cut in the wrong place starts with a call whose question is gone.
    const headless = ai.models.generateContent({
      model: 'm',
      contents: [
        { role: 'model', parts: [call] },
        { role: 'user', parts: [{ functionResponse: { name: 'k8s__list_pods', response: {} } }] },
      ],
    });
    await expect(headless).rejects.toMatchObject({ message: expect.stringContaining('after a user turn') });
    expect(fake.failures).toHaveLength(3);
  });

  it('records failed expectations and answers them with 400', async () => {
    fake = await startGeminiFake({
      script: [
        {
          text: 'ok',
          expect: (request) => {
            if (!request.systemInstruction) throw new Error('no system instruction');
          },
        },
      ],
    });
    const call = client(fake.url).models.generateContent({
      model: 'm',
      contents: [{ role: 'user', parts: [{ text: 'x' }] }],
    });
    await expect(call).rejects.toMatchObject({ status: 400 });
    expect(fake.failures[0]).toContain('no system instruction');
  });
});
