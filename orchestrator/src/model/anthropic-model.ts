// Claude through Anthropic's Messages API (`@anthropic-ai/sdk`, loaded only when this model is chosen).
// The runner's history is Gemini-shaped: model turns become `assistant` messages with `tool_use`
// blocks, function responses become `tool_result` blocks in the next `user` message, and Claude's
// answer comes back as text and function call parts carrying Claude's own `toolu_...` ids.
import type Anthropic from '@anthropic-ai/sdk';
import type { Content, Part } from '../adk/types.js';
import type { Model, ModelChunk, ModelRequest, ModelTurn } from './model.js';
import {
  failureFromHttp,
  failureFromTransport,
  type ProviderInfo,
  retryAfterHeader,
} from './provider-errors.js';
import { finishReasonOf, responseText, toolParameters, usageOf, visibleParts } from './provider-history.js';

export interface AnthropicModelOptions {
  apiKey: string;
  /** e.g. `claude-sonnet-4-5`. */
  model: string;
  /** `ANTHROPIC_BASE_URL`: a proxy or the test fake. */
  baseUrl?: string;
  timeoutMs?: number;
  /** Claude requires a ceiling on the answer's length. */
  maxTokens?: number;
}

const provider: ProviderInfo = {
  label: 'Anthropic',
  keyHint: 'ANTHROPIC_API_KEY',
  endpointHint: 'ANTHROPIC_BASE_URL',
};

type MessageParam = Anthropic.MessageParam;
type Block = Anthropic.ContentBlockParam;

export function createAnthropicModel(options: AnthropicModelOptions): Model {
  const timeoutMs = options.timeoutMs ?? 60_000;
  let client: Promise<Anthropic> | undefined;
  // The SDK is imported on first use, so deployments on another vendor never load it.
  const open = () => {
    client ??= import('@anthropic-ai/sdk').then(
      ({ default: Client }) =>
        new Client({
          apiKey: options.apiKey,
          timeout: timeoutMs,
          // One attempt, as with Gemini: a rate limit ends the turn with its retry delay instead of
          // holding the session for a minute of silent back-off.
          maxRetries: 0,
          ...(options.baseUrl ? { baseURL: options.baseUrl } : {}),
        }),
    );
    return client;
  };
  const params = (request: ModelRequest) => ({
    model: options.model,
    max_tokens: options.maxTokens ?? 8192,
    system: request.systemInstruction,
    messages: toMessages(request.contents),
    ...(request.tools.length > 0
      ? {
          tools: request.tools.map((tool) => ({
            name: tool.name,
            description: tool.description,
            input_schema: toolParameters(tool.parameters) as Anthropic.Tool.InputSchema,
          })),
        }
      : {}),
  });
  return {
    name: options.model,
    async generate(request) {
      try {
        const message = await (await open()).messages.create(
          { ...params(request), stream: false },
          request.signal ? { signal: request.signal } : {},
        );
        return toTurn(message.content, message.stop_reason, message.usage);
      } catch (error) {
        return failureFromError(error, request.signal, timeoutMs);
      }
    },
    async *generateStream(request) {
      yield* streamTurn(open, params(request), request.signal, timeoutMs);
    },
  };
}

/** Gemini-shaped history -> Messages API messages, strictly alternating as Claude requires. */
export function toMessages(contents: Content[]): MessageParam[] {
  const messages: MessageParam[] = [];
  for (const content of contents) {
    const role = content.role === 'model' ? 'assistant' : 'user';
    const blocks = visibleParts(content.parts).flatMap(toBlocks);
    if (blocks.length === 0) continue;
    const previous = messages.at(-1);
    // Two user turns in a row happen (a turn that ended in an error leaves no model reply).
    if (previous?.role === role) (previous.content as Block[]).push(...blocks);
    else messages.push({ role, content: blocks });
  }
  // Claude wants a user's tool results before any text of the same message.
  for (const message of messages) {
    if (message.role === 'user') (message.content as Block[]).sort(toolResultsFirst);
  }
  return messages;
}

const toolResultsFirst = (a: Block, b: Block) =>
  Number(b.type === 'tool_result') - Number(a.type === 'tool_result');

function toBlocks(part: Part): Block[] {
  if (part.functionCall) {
    return [
      {
        type: 'tool_use',
        id: part.functionCall.id ?? '',
        name: part.functionCall.name,
        input: part.functionCall.args ?? {},
      },
    ];
  }
  if (part.functionResponse) {
    const { text, isError } = responseText(part.functionResponse);
    return [
      {
        type: 'tool_result',
        tool_use_id: part.functionResponse.id ?? '',
        content: text,
        ...(isError ? { is_error: true } : {}),
      },
    ];
  }
  if (part.text) return [{ type: 'text', text: part.text }];
  return [];
}

interface AnthropicUsage {
  input_tokens?: number | null;
  output_tokens?: number | null;
  cache_read_input_tokens?: number | null;
  cache_creation_input_tokens?: number | null;
}

function toTurn(
  blocks: Array<{ type: string; text?: string; id?: string; name?: string; input?: unknown }>,
  stopReason: string | null | undefined,
  usage: AnthropicUsage | undefined,
): ModelTurn {
  const parts: Part[] = [];
  for (const block of blocks) {
    if (block.type === 'text' && block.text) parts.push({ text: block.text });
    if (block.type === 'tool_use' && block.name) {
      parts.push({
        functionCall: {
          id: block.id,
          name: block.name,
          args: (block.input ?? {}) as Record<string, never>,
        },
      });
    }
  }
  if (parts.length === 0 && stopReason === 'refusal') {
    return {
      ok: false,
      errorCode: 'SAFETY',
      errorMessage: 'Claude declined to answer (stop reason refusal); rephrase the request.',
    };
  }
  const finishReason = finishReasonOf(stopReason);
  const cached = usage?.cache_read_input_tokens ?? 0;
  const prompt = (usage?.input_tokens ?? 0) + cached + (usage?.cache_creation_input_tokens ?? 0);
  return {
    ok: true,
    content: { role: 'model', parts },
    ...(finishReason ? { finishReason } : {}),
    ...(usage ? { usage: usageOf(prompt, usage.output_tokens ?? 0, cached) } : {}),
  };
}

// Raw server-sent events, assembled by hand: text is passed on as it comes, a tool call's input
// arrives as JSON fragments that only parse once its block stops.
async function* streamTurn(
  open: () => Promise<Anthropic>,
  params: Anthropic.MessageCreateParamsNonStreaming,
  signal: AbortSignal | undefined,
  timeoutMs: number,
): AsyncGenerator<ModelChunk> {
  const blocks: Array<{
    type: string;
    text?: string;
    id?: string;
    name?: string;
    json?: string;
    input?: unknown;
  }> = [];
  let stopReason: string | null | undefined;
  const usage: AnthropicUsage = {};
  let started = false;
  try {
    const stream = await (await open()).messages.create(
      { ...params, stream: true },
      signal ? { signal } : {},
    );
    for await (const event of stream) {
      switch (event.type) {
        case 'message_start':
          started = true;
          Object.assign(usage, event.message.usage);
          break;
        case 'content_block_start': {
          const block = event.content_block;
          if (block.type === 'text') blocks[event.index] = { type: 'text', text: block.text };
          else if (block.type === 'tool_use')
            blocks[event.index] = { type: 'tool_use', id: block.id, name: block.name, json: '' };
          else blocks[event.index] = { type: block.type };
          if (block.type === 'text' && block.text) yield { type: 'partial', text: block.text };
          break;
        }
        case 'content_block_delta': {
          const block = blocks[event.index];
          if (event.delta.type === 'text_delta' && block) {
            block.text = (block.text ?? '') + event.delta.text;
            if (event.delta.text) yield { type: 'partial', text: event.delta.text };
          } else if (event.delta.type === 'input_json_delta' && block) {
            block.json = (block.json ?? '') + event.delta.partial_json;
          }
          break;
        }
        case 'content_block_stop': {
          const block = blocks[event.index];
          if (block?.type === 'tool_use') block.input = block.json ? JSON.parse(block.json) : {};
          break;
        }
        case 'message_delta':
          stopReason = event.delta.stop_reason;
          // The final counts; input counts repeat here only on some API versions.
          for (const [key, value] of Object.entries(event.usage ?? {}))
            if (typeof value === 'number') (usage as Record<string, number>)[key] = value;
          break;
      }
    }
  } catch (error) {
    yield { type: 'final', turn: failureFromError(error, signal, timeoutMs) };
    return;
  }
  if (!started) {
    yield {
      type: 'final',
      turn: { ok: false, errorCode: 'EMPTY_RESPONSE', errorMessage: 'Anthropic returned an empty stream.' },
    };
    return;
  }
  yield { type: 'final', turn: toTurn(blocks.filter(Boolean), stopReason, usage) };
}

// Duck-typed rather than `instanceof`, so this file needs no runtime import of the SDK.
function failureFromError(error: unknown, signal: AbortSignal | undefined, timeoutMs: number) {
  const apiError = error as {
    status?: number;
    type?: string | null;
    apiMessage?: string | null;
    error?: { error?: { type?: string; message?: string } };
    headers?: unknown;
  };
  const type = apiError?.type ?? apiError?.error?.error?.type ?? undefined;
  if (typeof apiError?.status === 'number' || type) {
    return failureFromHttp(provider, {
      ...(typeof apiError.status === 'number' ? { status: apiError.status } : {}),
      ...(type ? { type } : {}),
      message: apiError.apiMessage ?? apiError.error?.error?.message ?? (error as Error).message,
      ...optional('retryAfter', retryAfterHeader(apiError.headers)),
    });
  }
  if (error instanceof SyntaxError) {
    return {
      ok: false as const,
      errorCode: 'INTERNAL',
      errorMessage: `Anthropic sent a tool call whose input is not JSON (${error.message}); retry.`,
    };
  }
  return failureFromTransport(provider, error, signal, timeoutMs);
}

function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}
