// Which model answers, chosen with one variable: `SRE_MODEL=<provider>:<model>`. Unset keeps the
// Gemini default (GEMINI_MODEL). The keys and endpoints of each vendor sit beside it; none of them is
// required at start-up, so `sre-agent serve` still starts and each run says what is missing.
import { envBoolean, envInteger } from '@sre-agent/shared';
import { z } from 'zod';
import { optionalText, optionalUrl } from '../env-fields.js';

export type ModelSpec =
  | { provider: 'gemini'; model: string }
  | { provider: 'anthropic'; model: string }
  | { provider: 'openai'; model: string }
  | { provider: 'openai-compatible'; model: string; baseUrl: string }
  | { provider: 'bedrock'; model: string };

export const modelProviders = ['gemini', 'anthropic', 'openai', 'openai-compatible', 'bedrock'] as const;

/** `anthropic:claude-sonnet-4-5`, `openai-compatible:llama3.1@http://localhost:11434/v1`, ... */
export function parseModelSpec(text: string): ModelSpec | { error: string } {
  const colon = text.indexOf(':');
  const provider = colon < 0 ? '' : text.slice(0, colon).trim().toLowerCase();
  const rest = colon < 0 ? '' : text.slice(colon + 1).trim();
  if (!(modelProviders as readonly string[]).includes(provider)) {
    return { error: `expected <provider>:<model> with provider one of ${modelProviders.join(', ')}` };
  }
  if (!rest) return { error: `name the model after "${provider}:"` };
  if (provider === 'openai-compatible') {
    // The model may hold "@" (rare), the URL starts at the last "@http".
    const at = rest.lastIndexOf('@http');
    const model = at < 0 ? '' : rest.slice(0, at);
    const baseUrl = at < 0 ? '' : rest.slice(at + 1);
    if (!model || !z.url().safeParse(baseUrl).success) {
      return {
        error:
          'expected openai-compatible:<model>@<base-url>, e.g. openai-compatible:llama3.1@http://localhost:11434/v1',
      };
    }
    return { provider, model, baseUrl };
  }
  return { provider: provider as Exclude<ModelSpec['provider'], 'openai-compatible'>, model: rest };
}

/** Spread into the orchestrator's environment schema, so `--help` and the README list them too. */
export const modelEnvShape = {
  SRE_MODEL: optionalText()
    .transform((text, ctx): ModelSpec | undefined => {
      if (text === undefined) return undefined;
      const spec = parseModelSpec(text);
      if ('error' in spec) {
        ctx.addIssue({ code: 'custom', message: spec.error });
        return z.NEVER;
      }
      return spec;
    })
    .describe(
      'The model, as <provider>:<model>: gemini:gemini-2.5-pro, anthropic:claude-sonnet-4-5, openai:gpt-4.1, openai-compatible:<model>@<base-url> (vLLM, Ollama, LM Studio, LiteLLM, Azure), bedrock:<model-id>; unset: gemini with GEMINI_MODEL',
    ),
  SRE_MODEL_TIMEOUT_MS: envInteger(0, { min: 0, max: 600_000 }).describe(
    'Milliseconds to wait for one model request (any provider) before the turn ends with TIMEOUT; 0: GEMINI_TIMEOUT_MS',
  ),
  ANTHROPIC_API_KEY: optionalText().describe('Anthropic API key, for SRE_MODEL=anthropic:...'),
  ANTHROPIC_BASE_URL: optionalUrl('Anthropic API base URL (a proxy; tests point it at a local fake)'),
  OPENAI_API_KEY: optionalText().describe('OpenAI API key, for SRE_MODEL=openai:...'),
  GOOGLE_GENAI_USE_VERTEXAI: envBoolean(false).describe(
    'Run Gemini on Vertex AI instead of the Gemini API: credentials from Application Default Credentials (gcloud auth application-default login, a service account, workload identity); GOOGLE_API_KEY, when set, is used as a Vertex express-mode key',
  ),
  GOOGLE_CLOUD_PROJECT: optionalText().describe('Google Cloud project for Gemini on Vertex AI'),
  GOOGLE_CLOUD_LOCATION: optionalText().describe(
    'Vertex AI location for Gemini (us-central1, europe-west4, global...); default global',
  ),
  OPENAI_COMPATIBLE_API_KEY: optionalText().describe(
    'API key for SRE_MODEL=openai-compatible:... (vLLM, LiteLLM, Azure); unset sends none. Kept apart from OPENAI_API_KEY so that key never reaches another server',
  ),
  OPENAI_BASE_URL: optionalUrl(
    'OpenAI API base URL for SRE_MODEL=openai:... (Azure or a proxy; tests point it at a local fake)',
  ),
};

type ModelEnv = {
  [K in keyof typeof modelEnvShape]: z.output<(typeof modelEnvShape)[K]>;
};

export interface ModelSettings {
  spec: ModelSpec;
  timeoutMs: number;
  anthropic: { apiKey: string | undefined; baseUrl: string | undefined };
  openai: { apiKey: string | undefined; baseUrl: string | undefined };
  openaiCompatible: { apiKey: string | undefined };
  gemini: {
    apiKey: string | undefined;
    baseUrl: string | undefined;
    /** Set when Gemini runs on Vertex AI (`GOOGLE_GENAI_USE_VERTEXAI`). */
    vertex: { project: string | undefined; location: string | undefined } | undefined;
  };
}

export function modelSettings(
  env: ModelEnv,
  gemini: { model: string; apiKey: string | undefined; baseUrl: string | undefined; timeoutMs: number },
): ModelSettings {
  return {
    spec: env.SRE_MODEL ?? { provider: 'gemini', model: gemini.model },
    timeoutMs: env.SRE_MODEL_TIMEOUT_MS || gemini.timeoutMs,
    anthropic: { apiKey: env.ANTHROPIC_API_KEY, baseUrl: env.ANTHROPIC_BASE_URL },
    openai: { apiKey: env.OPENAI_API_KEY, baseUrl: env.OPENAI_BASE_URL },
    openaiCompatible: { apiKey: env.OPENAI_COMPATIBLE_API_KEY },
    gemini: {
      apiKey: gemini.apiKey,
      baseUrl: gemini.baseUrl,
      vertex: env.GOOGLE_GENAI_USE_VERTEXAI
        ? { project: env.GOOGLE_CLOUD_PROJECT, location: env.GOOGLE_CLOUD_LOCATION }
        : undefined,
    },
  };
}
