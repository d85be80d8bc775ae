import {
  type GenerateContentParameters,
  type GenerateContentResponse,
  GoogleGenAI,
  type GoogleGenAIOptions,
} from '@google/genai';
import type { Content, Part } from '../adk/types.js';
import { failureFromError, failureFromResponse } from './gemini-errors.js';
import { generateWithRetry, streamWithRetry } from './gemini-retry.js';
import { toGeminiSchema } from './gemini-schema.js';
import type { Model, ModelChunk, ModelRequest, ModelTurn } from './model.js';

export interface GeminiModelOptions {
  /** Required for the Gemini API; on Vertex AI an express-mode key, or unset for Application Default Credentials. */
  apiKey: string | undefined;
  /** e.g. `gemini-2.5-flash`. */
  model: string;
  /** `GOOGLE_GEMINI_BASE_URL`: a proxy or the test fake. */
  baseUrl?: string;
  /** Per request; a hung model ends the turn with `TIMEOUT` instead of holding the session. */
  timeoutMs?: number;
  /** Gemini on Vertex AI: the project and location (unset: global), authenticated by ADC unless `apiKey`. */
  vertex?: {
    project?: string | undefined;
    location?: string | undefined;
    /** How to find credentials; tests hand in a ready client. */
    googleAuthOptions?: GoogleGenAIOptions['googleAuthOptions'];
  };
}

const defaultTimeoutMs = 60_000;

export function createGeminiModel(options: GeminiModelOptions): Model {
  const timeoutMs = options.timeoutMs ?? defaultTimeoutMs;
  const { vertex } = options;
  const ai = new GoogleGenAI({
    // Explicit either way: our config decides, not GOOGLE_GENAI_USE_VERTEXAI read again by the SDK.
    vertexai: vertex !== undefined,
    ...(options.apiKey ? { apiKey: options.apiKey } : {}),
    ...(vertex?.project ? { project: vertex.project } : {}),
    ...(vertex?.location ? { location: vertex.location } : {}),
    ...(vertex?.googleAuthOptions ? { googleAuthOptions: vertex.googleAuthOptions } : {}),
    httpOptions: { timeout: timeoutMs, ...(options.baseUrl ? { baseUrl: options.baseUrl } : {}) },
  });
  const params = (request: ModelRequest) => toParameters(options.model, request);
  return {
    name: options.model,
    async generate(request) {
      return generateWithRetry(request, async () => {
        try {
          return toTurn(await ai.models.generateContent(params(request)));
        } catch (error) {
          return failureFromError(error, request.signal, timeoutMs);
        }
      });
    },
    async *generateStream(request) {
      yield* streamWithRetry(request, () =>
        streamTurn(() => ai.models.generateContentStream(params(request)), request.signal, timeoutMs),
      );
    },
  };
}

function toParameters(model: string, request: ModelRequest): GenerateContentParameters {
  const functionDeclarations = request.tools.map((tool) => ({
    name: tool.name,
    description: tool.description,
    parametersJsonSchema: geminiSchema(tool.parameters),
  }));
  return {
    model,
    contents: request.contents.map(forGemini),
    config: {
      systemInstruction: request.systemInstruction,
      ...(functionDeclarations.length > 0 ? { tools: [{ functionDeclarations }] } : {}),
      ...(request.signal ? { abortSignal: request.signal } : {}),
    },
  };
}

// Tool lists are stable between requests, so convert each schema once.
const converted = new WeakMap<object, Record<string, unknown>>();

function geminiSchema(parameters: Record<string, unknown>): Record<string, unknown> {
  let schema = converted.get(parameters);
  if (!schema) {
    schema = toGeminiSchema(parameters);
    converted.set(parameters, schema);
  }
  return schema;
}

// Our call ids are client-side (`adk-...`), as in ADK: Gemini never issued them, so they stay home.
function forGemini(content: Content): Content {
  return { role: content.role, parts: content.parts.map(withoutClientIds) };
}

function withoutClientIds(part: Part): Part {
  if (part.functionCall?.id?.startsWith('adk-')) {
    const { id: _id, ...call } = part.functionCall;
    return { ...part, functionCall: call };
  }
  if (part.functionResponse?.id?.startsWith('adk-')) {
    const { id: _id, ...response } = part.functionResponse;
    return { ...part, functionResponse: response };
  }
  return part;
}

function toTurn(response: GenerateContentResponse): ModelTurn {
  const blocked = failureFromResponse(response);
  if (blocked) return blocked;
  const candidate = response.candidates?.[0];
  const parts = (candidate?.content?.parts ?? []) as Part[];
  return {
    ok: true,
    content: { role: 'model', parts },
    ...(candidate?.finishReason ? { finishReason: candidate.finishReason } : {}),
    ...(response.usageMetadata ? { usage: { ...response.usageMetadata } } : {}),
  };
}

async function* streamTurn(
  open: () => Promise<AsyncGenerator<GenerateContentResponse>>,
  signal: AbortSignal | undefined,
  timeoutMs: number,
): AsyncGenerator<ModelChunk> {
  const parts: Part[] = [];
  let last: GenerateContentResponse | undefined;
  try {
    for await (const chunk of await open()) {
      const blocked = failureFromResponse(chunk);
      // A mid-stream chunk may legitimately carry no parts; only a block or a final empty stop is fatal.
      if (blocked && (chunk.promptFeedback?.blockReason || chunk.candidates?.[0]?.finishReason)) {
        yield { type: 'final', turn: blocked };
        return;
      }
      last = chunk;
      for (const part of (chunk.candidates?.[0]?.content?.parts ?? []) as Part[]) {
        mergePart(parts, part);
        if (part.text && !part.thought) yield { type: 'partial', text: part.text };
      }
    }
  } catch (error) {
    yield { type: 'final', turn: failureFromError(error, signal, timeoutMs) };
    return;
  }
  yield { type: 'final', turn: assemble(parts, last) };
}

function assemble(parts: Part[], last: GenerateContentResponse | undefined): ModelTurn {
  if (!last)
    return { ok: false, errorCode: 'EMPTY_RESPONSE', errorMessage: 'Gemini returned an empty stream.' };
  const finishReason = last.candidates?.[0]?.finishReason;
  return {
    ok: true,
    content: { role: 'model', parts },
    ...(finishReason ? { finishReason } : {}),
    ...(last.usageMetadata ? { usage: { ...last.usageMetadata } } : {}),
  };
}

// Text arrives in pieces; glue consecutive text of the same kind back into one part, keeping a
// thought signature wherever it arrived (streaming may send it on an empty trailing piece).
function mergePart(parts: Part[], part: Part): void {
  const previous = parts.at(-1);
  const isText = part.text !== undefined && !part.functionCall && !part.functionResponse;
  if (isText && previous?.text !== undefined && !previous.functionCall && previous.thought === part.thought) {
    previous.text += part.text ?? '';
    if (part.thoughtSignature && !previous.thoughtSignature)
      previous.thoughtSignature = part.thoughtSignature;
    return;
  }
  parts.push({ ...part });
}
