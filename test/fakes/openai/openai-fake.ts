// A scripted fake of OpenAI's Chat Completions API (`POST {base}/chat/completions`) for the real
// `openai` SDK, as OpenAI and the compatible servers (vLLM, Ollama, LiteLLM) answer it: unary
// completions, `chat.completion.chunk` SSE streams ending in `[DONE]` with tool call fragments keyed by
// index and a usage-only last chunk, `call_...` ids that must come back as `tool_call_id`s, and
// OpenAI's error envelope (429 with retry-after, `context_length_exceeded`, 503 overload).
import { randomBytes } from 'node:crypto';
import {
  type Dialect,
  type FakeError,
  type FakeRequest,
  type FakeStep,
  type ModelFake,
  pieces,
  startModelFake,
  type WireReply,
} from '../model-fake.ts';

export const openAiPromptTokens = 130;

const errors: Record<FakeError, { status: number; type: string; code: string | null; message: string }> = {
  auth: {
    status: 401,
    type: 'invalid_request_error',
    code: 'invalid_api_key',
    message:
      'Incorrect API key provided: sk-test. You can find your API key at https://platform.openai.com/account/api-keys.',
  },
  rate_limit: {
    status: 429,
    type: 'requests',
    code: 'rate_limit_exceeded',
    message: 'Rate limit reached for gpt-4.1 on requests per min (RPM): Limit 500, Used 500, Requested 1.',
  },
  overloaded: {
    status: 503,
    type: 'server_error',
    code: null,
    message: 'The server is overloaded or not ready yet.',
  },
  context_too_long: {
    status: 400,
    type: 'invalid_request_error',
    code: 'context_length_exceeded',
    message:
      "This model's maximum context length is 128000 tokens. However, your messages resulted in 215389 tokens.",
  },
  server: {
    status: 500,
    type: 'server_error',
    code: null,
    message: 'The server had an error while processing your request.',
  },
};

interface ToolCall {
  id: string;
  type: string;
  function: { name: string; arguments: string };
}

interface Message {
  role: string;
  content?: string | null;
  tool_calls?: ToolCall[];
  tool_call_id?: string;
}

export const openAiDialect: Dialect = {
  route: (method, path, body) =>
    method === 'POST' && path.endsWith('/chat/completions') ? { stream: body.stream === true } : undefined,
  validate({ headers, body }) {
    if (!/^Bearer \S+/.test(headers.authorization ?? '')) return 'missing Authorization: Bearer';
    if (typeof body.model !== 'string') return 'you must provide a model parameter';
    const messages = body.messages as Message[] | undefined;
    if (!Array.isArray(messages) || messages.length === 0)
      return "'messages' must contain at least one message";
    for (const tool of (body.tools as
      | Array<{ type: string; function: { name: string; parameters?: { type?: string } } }>
      | undefined) ?? []) {
      if (tool.type !== 'function') return `tools: unsupported type ${tool.type}`;
      if (!/^[a-zA-Z0-9_-]{1,64}$/.test(tool.function.name))
        return `tools: invalid function name ${tool.function.name}`;
      if (tool.function.parameters?.type !== 'object')
        return `tools.${tool.function.name}.parameters must be an object schema`;
    }
    // Every tool_calls id is answered by tool messages right after it, and only those.
    let pending = new Set<string>();
    for (const [index, message] of messages.entries()) {
      if (message.role === 'tool') {
        if (!pending.delete(String(message.tool_call_id)))
          return `messages.[${index}]: messages with role 'tool' must be a response to a preceeding message with 'tool_calls' (${String(message.tool_call_id)})`;
        continue;
      }
      if (pending.size > 0)
        return `An assistant message with 'tool_calls' must be followed by tool messages responding to each 'tool_call_id'. The following tool_call_ids did not have response messages: ${[...pending].join(', ')}`;
      if (message.role === 'assistant' && message.tool_calls) {
        pending = new Set(message.tool_calls.map((call) => call.id));
        for (const call of message.tool_calls) {
          try {
            JSON.parse(call.function.arguments);
          } catch {
            return `messages.[${index}].tool_calls: arguments are not JSON`;
          }
        }
      }
    }
    if (pending.size > 0) return `tool_call_ids without response messages: ${[...pending].join(', ')}`;
    return undefined;
  },
  render(turn, request) {
    const model = String(request.body.model);
    if ('error' in turn) {
      const known = errors[turn.error];
      const reply = errorReply(known.status, known.type, known.code, turn.message ?? known.message);
      if (turn.error === 'rate_limit')
        reply.headers = { 'retry-after': String(turn.retryAfterSeconds ?? 17) };
      return reply;
    }
    const calls: ToolCall[] = ('functionCalls' in turn ? turn.functionCalls : []).map((call) => ({
      id: `call_${randomBytes(12).toString('hex')}`,
      type: 'function',
      function: { name: call.name, arguments: JSON.stringify(call.args ?? {}) },
    }));
    const text = turn.text ?? null;
    const finishReason = calls.length > 0 ? 'tool_calls' : 'stop';
    const completionTokens = 5 + (text?.length ?? 0);
    const usage = {
      prompt_tokens: openAiPromptTokens,
      completion_tokens: completionTokens,
      total_tokens: openAiPromptTokens + completionTokens,
      prompt_tokens_details: { cached_tokens: 0 },
    };
    const envelope = {
      id: `chatcmpl-${randomBytes(10).toString('hex')}`,
      created: Math.floor(Date.now() / 1000),
      model,
    };
    if (!request.stream) {
      return {
        status: 200,
        body: {
          ...envelope,
          object: 'chat.completion',
          choices: [
            {
              index: 0,
              message: {
                role: 'assistant',
                content: text,
                refusal: null,
                ...(calls.length > 0 ? { tool_calls: calls } : {}),
              },
              finish_reason: finishReason,
              logprobs: null,
            },
          ],
          usage,
        },
      };
    }
    const chunk = (delta: unknown, finish: string | null = null) =>
      data({
        ...envelope,
        object: 'chat.completion.chunk',
        choices: [{ index: 0, delta, finish_reason: finish, logprobs: null }],
      });
    const frames = [chunk({ role: 'assistant', content: '' })];
    if (text)
      for (const piece of pieces(text, 'chunks' in turn ? (turn.chunks ?? 3) : 2))
        frames.push(chunk({ content: piece }));
    for (const [index, call] of calls.entries()) {
      frames.push(
        chunk({
          tool_calls: [
            { index, id: call.id, type: 'function', function: { name: call.function.name, arguments: '' } },
          ],
        }),
      );
      for (const piece of pieces(call.function.arguments, 3))
        frames.push(chunk({ tool_calls: [{ index, function: { arguments: piece } }] }));
    }
    if ('streamError' in turn && turn.streamError) {
      const known = errors[turn.streamError];
      frames.push(
        data({ error: { message: known.message, type: known.type, param: null, code: known.code } }),
      );
      return { status: 200, frames };
    }
    frames.push(chunk({}, finishReason));
    const options = request.body.stream_options as { include_usage?: boolean } | undefined;
    if (options?.include_usage)
      frames.push(data({ ...envelope, object: 'chat.completion.chunk', choices: [], usage }));
    frames.push('data: [DONE]\n\n');
    return { status: 200, frames };
  },
  errorReply: (status, message) =>
    errorReply(status, status >= 500 ? 'server_error' : 'invalid_request_error', null, message),
};

function errorReply(status: number, type: string, code: string | null, message: string): WireReply {
  return {
    status,
    headers: { 'x-request-id': 'req_fake' },
    body: { error: { message, type, param: null, code } },
  };
}

function data(body: unknown): string {
  return `data: ${JSON.stringify(body)}\n\n`;
}

export function startOpenAiFake(script: FakeStep[] = []): Promise<ModelFake> {
  return startModelFake(openAiDialect, script);
}

/** The tool messages closing the request (the results of the last call turn), by tool_call_id. */
export function openAiToolResults(request: FakeRequest): Array<{ id: string; text: string }> {
  const messages = request.body.messages as Message[];
  const results: Array<{ id: string; text: string }> = [];
  for (let index = messages.length - 1; index >= 0 && messages[index]?.role === 'tool'; index--) {
    const message = messages[index]!;
    results.unshift({ id: String(message.tool_call_id), text: String(message.content) });
  }
  return results;
}

export function openAiToolCallIds(request: FakeRequest): string[] {
  return (request.body.messages as Message[]).flatMap((message) =>
    (message.tool_calls ?? []).map((call) => call.id),
  );
}

export function openAiToolNames(request: FakeRequest): string[] {
  return ((request.body.tools as Array<{ function: { name: string } }> | undefined) ?? []).map(
    (tool) => tool.function.name,
  );
}
