import { describe, expect, it } from 'vitest';
import { parseConfig } from '../config.js';
import { createConfiguredModel } from './create-model.js';
import { parseModelSpec } from './model-config.js';

describe('SRE_MODEL', () => {
  it.each([
    ['anthropic:claude-sonnet-4-5', { provider: 'anthropic', model: 'claude-sonnet-4-5' }],
    ['openai:gpt-4.1', { provider: 'openai', model: 'gpt-4.1' }],
    ['gemini:gemini-2.5-pro', { provider: 'gemini', model: 'gemini-2.5-pro' }],
    // Bedrock ids and ARNs hold colons of their own: only the first one splits.
    [
      'bedrock:anthropic.claude-3-5-sonnet-20240620-v1:0',
      { provider: 'bedrock', model: 'anthropic.claude-3-5-sonnet-20240620-v1:0' },
    ],
    [
      'openai-compatible:llama3.1:8b@http://localhost:11434/v1',
      { provider: 'openai-compatible', model: 'llama3.1:8b', baseUrl: 'http://localhost:11434/v1' },
    ],
  ])('reads %s', (text, spec) => {
    expect(parseModelSpec(text)).toEqual(spec);
  });

  it.each([
    ['claude-sonnet-4-5', /provider one of gemini, anthropic/],
    ['mistral:large', /provider one of/],
    ['anthropic:', /name the model/],
    ['openai-compatible:llama3.1', /openai-compatible:<model>@<base-url>/],
  ])('refuses %s, saying what would be right', (text, message) => {
    expect(parseModelSpec(text)).toEqual({ error: expect.stringMatching(message) });
  });

  it('keeps Gemini with GEMINI_MODEL the default, and its timeout for every provider', () => {
    const config = parseConfig({ GEMINI_MODEL: 'gemini-2.5-flash', GEMINI_TIMEOUT_MS: '15000' }, '/srv');
    expect(config.model).toMatchObject({
      spec: { provider: 'gemini', model: 'gemini-2.5-flash' },
      timeoutMs: 15_000,
    });
  });

  it('fails start-up on a malformed SRE_MODEL, naming the variable', () => {
    expect(() => parseConfig({ SRE_MODEL: 'gpt-4.1' }, '/srv')).toThrow(/SRE_MODEL/);
  });

  it('gives a model that names the missing key when the chosen vendor has none', async () => {
    const config = parseConfig(
      { SRE_MODEL: 'anthropic:claude-sonnet-4-5', SRE_MODEL_TIMEOUT_MS: '5000' },
      '/srv',
    );
    expect(config.model.timeoutMs).toBe(5_000);
    const { model, warning } = createConfiguredModel(config.model);
    expect(warning).toContain('ANTHROPIC_API_KEY');
    const turn = await model.generate({ systemInstruction: '', contents: [], tools: [] });
    expect(turn).toMatchObject({ ok: false, errorCode: 'MODEL_NOT_CONFIGURED' });
    expect(turn.ok ? '' : turn.errorMessage).toContain('ANTHROPIC_API_KEY');
  });

  it('needs no key for Bedrock (the AWS chain) nor for an OpenAI-compatible server', () => {
    for (const text of [
      'bedrock:us.amazon.nova-pro-v1:0',
      'openai-compatible:qwen3@http://127.0.0.1:8000/v1',
    ]) {
      const { model, warning } = createConfiguredModel(parseConfig({ SRE_MODEL: text }, '/srv').model);
      expect(warning).toBeUndefined();
      expect(model.name).toBe(
        text === 'bedrock:us.amazon.nova-pro-v1:0' ? 'us.amazon.nova-pro-v1:0' : 'qwen3',
      );
    }
  });

  it('runs Gemini on Vertex AI without an API key when GOOGLE_GENAI_USE_VERTEXAI is set', () => {
    const config = parseConfig(
      {
        GOOGLE_GENAI_USE_VERTEXAI: 'true',
        GOOGLE_CLOUD_PROJECT: 'sre-prod',
        GOOGLE_CLOUD_LOCATION: 'europe-west4',
      },
      '/srv',
    );
    expect(config.model.gemini.vertex).toEqual({ project: 'sre-prod', location: 'europe-west4' });
    const { model, warning } = createConfiguredModel(config.model);
    expect(warning).toBeUndefined();
    expect(model.name).toBe('gemini-flash-latest');
    expect(parseConfig({}, '/srv').model.gemini.vertex).toBeUndefined();
  });
});
