// SRE_MODEL -> the Model the runner talks to. Each vendor's SDK is imported by its own model on first
// use, so this file loads none of them; a missing key gives a model that explains itself per run.
import { createAnthropicModel } from './anthropic-model.js';
import { createBedrockModel } from './bedrock-model.js';
import { createGeminiModel } from './gemini-model.js';
import type { Model } from './model.js';
import type { ModelSettings } from './model-config.js';
import { createOpenAiModel, openAiCompatibleProvider } from './openai-model.js';
import { createUnconfiguredModel } from './unconfigured-model.js';

export interface ConfiguredModel {
  model: Model;
  /** Why the model cannot answer (a missing key), for a start-up warning. */
  warning?: string;
}

export function createConfiguredModel(settings: ModelSettings): ConfiguredModel {
  const { spec, timeoutMs } = settings;
  const missing = (variable: string): ConfiguredModel => {
    const warning = `${variable} is not set: runs will end with MODEL_NOT_CONFIGURED`;
    const remedy = `No model is configured: SRE_MODEL picks ${spec.provider}:${spec.model}, which needs ${variable}; set it and restart sre-agent.`;
    return { model: createUnconfiguredModel(spec.model, remedy), warning };
  };
  switch (spec.provider) {
    case 'anthropic': {
      const { apiKey, baseUrl } = settings.anthropic;
      if (!apiKey) return missing('ANTHROPIC_API_KEY');
      return {
        model: createAnthropicModel({
          apiKey,
          model: spec.model,
          timeoutMs,
          ...(baseUrl ? { baseUrl } : {}),
        }),
      };
    }
    case 'openai': {
      const { apiKey, baseUrl } = settings.openai;
      if (!apiKey) return missing('OPENAI_API_KEY');
      return {
        model: createOpenAiModel({ apiKey, model: spec.model, timeoutMs, ...(baseUrl ? { baseUrl } : {}) }),
      };
    }
    case 'openai-compatible':
      // Local servers (Ollama, vLLM) need no key, so none is required here.
      return {
        model: createOpenAiModel({
          apiKey: settings.openaiCompatible.apiKey,
          model: spec.model,
          baseUrl: spec.baseUrl,
          timeoutMs,
          provider: openAiCompatibleProvider,
        }),
      };
    case 'bedrock':
      // Region, endpoint and credentials come from the AWS chain (AWS_REGION, AWS_PROFILE, roles...).
      return { model: createBedrockModel({ model: spec.model, timeoutMs }) };
    case 'gemini': {
      const { apiKey, baseUrl, vertex } = settings.gemini;
      // On Vertex AI, Application Default Credentials stand in for the key.
      if (!apiKey && !vertex) {
        const remedy =
          'No model is configured: set GOOGLE_API_KEY (and optionally GEMINI_MODEL), set GOOGLE_GENAI_USE_VERTEXAI=true for Vertex AI, or choose another provider with SRE_MODEL, and restart sre-agent.';
        return {
          model: createUnconfiguredModel(spec.model, remedy),
          warning: 'GOOGLE_API_KEY is not set: runs will end with MODEL_NOT_CONFIGURED',
        };
      }
      return {
        model: createGeminiModel({
          apiKey,
          model: spec.model,
          timeoutMs,
          ...(baseUrl ? { baseUrl } : {}),
          ...(vertex ? { vertex } : {}),
        }),
      };
    }
  }
}
