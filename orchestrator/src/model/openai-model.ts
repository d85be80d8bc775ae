// OpenAI's Chat Completions API through the `openai` SDK (loaded only when chosen), which is also what
// every OpenAI-compatible server speaks: vLLM, Ollama, LM Studio, LiteLLM proxies, Azure. Model turns
// become `assistant` messages with `tool_calls` (arguments as a JSON string), each function response
// a `tool` message answering its `tool_call_id`; the answer's `call_...` ids go on the function calls.
import type OpenAI from 'openai';
import type { Content, Part } from '../adk/types.js';
import type { Model, ModelChunk, ModelRequest, ModelTurn } from './model.js';
import {
  failureFromHttp,
  failureFromTransport,
  type ProviderInfo,
  retryAfterHeader,
} from './provider-errors.js';
import { finishReasonOf, responseText, toolParameters, usageOf, visibleParts } from './provider-history.js';

export interface OpenAiModelOptions {
  /** Servers that need none (Ollama, a local vLLM) still get a placeholder: the SDK insists on one. */
  apiKey: string | undefined;
  model: string;
  baseUrl?: string;
  timeoutMs?: number;
  /** `OpenAI` or `the OpenAI-compatible server`: who the error messages blame. */
  provider?: ProviderInfo;
}

export const openAiProvider: ProviderInfo = {
  label: 'OpenAI',
  keyHint: 'OPENAI_API_KEY',
  endpointHint: 'OPENAI_BASE_URL',
};

export const openAiCompatibleProvider: ProviderInfo = {
  label: 'The OpenAI-compatible server',
  keyHint: 'OPENAI_COMPATIBLE_API_KEY',
  endpointHint: 'the base URL in SRE_MODEL',
};

type Message = OpenAI.Chat.ChatCompletionMessageParam;
type Params = OpenAI.Chat.ChatCompletionCreateParamsNonStreaming;

export function createOpenAiModel(options: OpenAiModelOptions): Model {
  const timeoutMs = options.timeoutMs ?? 60_000;
  const provider = options.provider ?? openAiProvider;
  let client: Promise<OpenAI> | undefined;
  const open = () => {
    client ??= import('openai').then(
      ({ default: Client }) =>
        new Client({
          apiKey: options.apiKey ?? 'none',
          timeout: timeoutMs,
          // One attempt, as with Gemini: a rate limit ends the turn with its retry delay.
          maxRetries: 0,
          ...(options.baseUrl ? { baseURL: options.baseUrl } : {}),
        }),
    );
    return client;
  };
  const params = (request: ModelRequest): Params => ({
    model: options.model,
    messages: [{ role: 'system', content: request.systemInstruction }, ...toMessages(request.contents)],
    ...(request.tools.length > 0
      ? {
          tools: request.tools.map((tool) => ({
            type: 'function' as const,
            function: {
              name: tool.name,
              description: tool.description,
              parameters: toolParameters(tool.parameters),
            },
          })),
        }
      : {}),
  });
  const fail = (error: unknown, signal: AbortSignal | undefined) =>
    failureFromError(provider, error, signal, timeoutMs);
  return {
    name: options.model,
    async generate(request) {
      try {
        const completion = await (await open()).chat.completions.create(
          params(request),
          request.signal ? { signal: request.signal } : {},
        );
        const choice = completion.choices[0];
        if (!choice) return emptyFailure(provider);
        return toTurn(
          provider,
          choice.message.content ?? undefined,
          (choice.message.tool_calls ?? []).flatMap((call) =>
            call.type === 'function'
              ? [{ id: call.id, name: call.function.name, json: call.function.arguments }]
              : [],
          ),
          choice.finish_reason,
          completion.usage,
        );
      } catch (error) {
        return fail(error, request.signal);
      }
    },
    async *generateStream(request) {
      yield* streamTurn(provider, open, params(request), request.signal, fail);
    },
  };
}

/** Gemini-shaped history -> Chat Completions messages (after the system message). */
export function toMessages(contents: Content[]): Message[] {
  const messages: Message[] = [];
  for (const content of contents) {
    const parts = visibleParts(content.parts);
    const text = parts.flatMap((part) => (part.text && !part.functionCall ? [part.text] : [])).join('');
    if (content.role === 'model') {
      const calls = parts.flatMap((part) => (part.functionCall ? [part.functionCall] : []));
      if (!text && calls.length === 0) continue;
      messages.push({
        role: 'assistant',
        content: text || null,
        ...(calls.length > 0
          ? {
              tool_calls: calls.map((call) => ({
                id: call.id ?? '',
                type: 'function' as const,
                function: { name: call.name, arguments: JSON.stringify(call.args ?? {}) },
              })),
            }
          : {}),
      });
      continue;
    }
    // Tool results answer the assistant message right before; any text of the user comes after them.
    for (const part of parts) {
      if (!part.functionResponse) continue;
      messages.push({
        role: 'tool',
        tool_call_id: part.functionResponse.id ?? '',
        content: resultText(part),
      });
    }
    if (text) messages.push({ role: 'user', content: text });
  }
  return messages;
}

function resultText(part: Part): string {
  const { text, isError } = responseText(part.functionResponse!);
  // A tool message has no error flag; say it in words so the model does not take it for data.
  return isError ? `Error: ${text}` : text;
}

interface RawCall {
  id: string;
  name: string;
  json: string;
}

interface OpenAiUsage {
  prompt_tokens?: number;
  completion_tokens?: number;
  prompt_tokens_details?: { cached_tokens?: number } | null;
}

function toTurn(
  provider: ProviderInfo,
  text: string | undefined,
  calls: RawCall[],
  finish: string | null | undefined,
  usage: OpenAiUsage | null | undefined,
): ModelTurn {
  const parts: Part[] = [];
  if (text) parts.push({ text });
  for (const call of calls) {
    let args: Record<string, never>;
    try {
      args = (call.json.trim() ? JSON.parse(call.json) : {}) as Record<string, never>;
    } catch {
      return {
        ok: false,
        errorCode: 'MALFORMED_FUNCTION_CALL',
        errorMessage: `${provider.label} sent arguments for ${call.name} that are not JSON; retry, or choose a model that supports tool calls.`,
      };
    }
    parts.push({ functionCall: { id: call.id, name: call.name, args } });
  }
  if (parts.length === 0 && finish === 'content_filter') {
    return {
      ok: false,
      errorCode: 'SAFETY',
      errorMessage: `${provider.label} filtered the answer (finish reason content_filter); rephrase the request.`,
    };
  }
  const finishReason = finishReasonOf(finish);
  const cached = usage?.prompt_tokens_details?.cached_tokens ?? 0;
  return {
    ok: true,
    content: { role: 'model', parts },
    ...(finishReason ? { finishReason } : {}),
    ...(usage ? { usage: usageOf(usage.prompt_tokens ?? 0, usage.completion_tokens ?? 0, cached) } : {}),
  };
}

// Chunks carry text deltas and tool call fragments keyed by index (the id and name come first, the
// arguments in pieces); usage arrives on a last chunk without choices when asked for.
async function* streamTurn(
  provider: ProviderInfo,
  open: () => Promise<OpenAI>,
  params: Params,
  signal: AbortSignal | undefined,
  fail: (error: unknown, signal: AbortSignal | undefined) => ModelTurn,
): AsyncGenerator<ModelChunk> {
  let text = '';
  const calls: RawCall[] = [];
  let finish: string | null | undefined;
  let usage: OpenAiUsage | undefined;
  let chunks = 0;
  try {
    const stream = await (await open()).chat.completions.create(
      { ...params, stream: true, stream_options: { include_usage: true } },
      signal ? { signal } : {},
    );
    for await (const chunk of stream) {
      chunks += 1;
      if (chunk.usage) usage = chunk.usage;
      const choice = chunk.choices[0];
      if (!choice) continue;
      if (choice.finish_reason) finish = choice.finish_reason;
      if (choice.delta.content) {
        text += choice.delta.content;
        yield { type: 'partial', text: choice.delta.content };
      }
      for (const fragment of choice.delta.tool_calls ?? []) {
        calls[fragment.index] ??= { id: '', name: '', json: '' };
        const call = calls[fragment.index]!;
        if (fragment.id) call.id = fragment.id;
        if (fragment.function?.name) call.name += fragment.function.name;
        if (fragment.function?.arguments) call.json += fragment.function.arguments;
      }
    }
  } catch (error) {
    yield { type: 'final', turn: fail(error, signal) };
    return;
  }
  if (chunks === 0) {
    yield { type: 'final', turn: emptyFailure(provider) };
    return;
  }
  yield { type: 'final', turn: toTurn(provider, text, calls.filter(Boolean), finish, usage) };
}

function emptyFailure(provider: ProviderInfo): ModelTurn {
  return {
    ok: false,
    errorCode: 'EMPTY_RESPONSE',
    errorMessage: `${provider.label} returned no choice; retry.`,
  };
}

// Duck-typed rather than `instanceof`, so this file needs no runtime import of the SDK.
function failureFromError(
  provider: ProviderInfo,
  error: unknown,
  signal: AbortSignal | undefined,
  timeoutMs: number,
): ModelTurn {
  const apiError = error as {
    status?: number;
    code?: string | null;
    type?: string | null;
    error?: { message?: string } | null;
    headers?: unknown;
  };
  if (typeof apiError?.status === 'number') {
    // The code is specific (`context_length_exceeded`, `insufficient_quota`); the type is often a
    // broad `server_error` that would hide a 503's overload, so the status decides past the code.
    const type = apiError.code ?? undefined;
    const retryAfter = retryAfterHeader(apiError.headers);
    return failureFromHttp(provider, {
      status: apiError.status,
      ...(type ? { type } : {}),
      message: apiError.error?.message ?? (error as Error).message,
      ...(retryAfter ? { retryAfter } : {}),
    });
  }
  // An error sent inside the stream (no HTTP status): its type is all there is.
  if (apiError?.error?.message && (apiError.type || apiError.code)) {
    return failureFromHttp(provider, {
      type: (apiError.code ?? apiError.type) as string,
      message: apiError.error.message,
    });
  }
  return failureFromTransport(provider, error, signal, timeoutMs);
}
