// A scripted fake of Anthropic's Messages API (`POST /v1/messages`) for the real @anthropic-ai/sdk:
// unary messages and the SSE event sequence (message_start, content_block_start/delta/stop with
// text_delta and input_json_delta, message_delta with stop_reason and usage, message_stop), tool_use
// ids the client must send back in tool_result blocks, and Anthropic's error bodies (429 with
// retry-after, 529 overloaded_error, "prompt is too long").
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

export const anthropicInputTokens = 150;

const errors: Record<FakeError, { status: number; type: string; message: string }> = {
  auth: { status: 401, type: 'authentication_error', message: 'invalid x-api-key' },
  rate_limit: {
    status: 429,
    type: 'rate_limit_error',
    message: 'This request would exceed the rate limit for your organization of 50 requests per minute.',
  },
  overloaded: { status: 529, type: 'overloaded_error', message: 'Overloaded' },
  context_too_long: {
    status: 400,
    type: 'invalid_request_error',
    message: 'prompt is too long: 215389 tokens > 200000 maximum',
  },
  server: { status: 500, type: 'api_error', message: 'Internal server error' },
};

interface Block {
  type: string;
  input?: unknown;
  id?: string;
  tool_use_id?: string;
  name?: string;
  text?: string;
  content?: unknown;
}

interface Message {
  role: string;
  content: string | Block[];
}

const blocksOf = (message: Message | undefined): Block[] =>
  typeof message?.content === 'string' ? [{ type: 'text', text: message.content }] : (message?.content ?? []);

export const anthropicDialect: Dialect = {
  route: (method, path, body) =>
    method === 'POST' && path === '/v1/messages' ? { stream: body.stream === true } : undefined,
  validate(request) {
    const { headers, body } = request;
    // Keys go as `x-api-key` or, from SDK 1.x on, as a bearer token.
    if (!headers['x-api-key'] && !/^Bearer \S+/.test(headers.authorization ?? ''))
      return 'no API key (x-api-key or Authorization: Bearer)';
    if (!headers['anthropic-version']) return 'anthropic-version header missing';
    if (typeof body.model !== 'string') return 'model: Field required';
    if (typeof body.max_tokens !== 'number') return 'max_tokens: Field required';
    const messages = body.messages as Message[] | undefined;
    if (!Array.isArray(messages) || messages.length === 0)
      return 'messages: at least one message is required';
    if (messages[0]?.role !== 'user') return 'messages: first message must use the "user" role';
    for (const tool of (body.tools as Array<Record<string, unknown>> | undefined) ?? []) {
      if (!/^[a-zA-Z0-9_-]{1,128}$/.test(String(tool.name)))
        return `tools: invalid name ${String(tool.name)}`;
      if ((tool.input_schema as { type?: string } | undefined)?.type !== 'object')
        return `tools.${String(tool.name)}.input_schema.type: Input should be 'object'`;
    }
    for (const [index, message] of messages.entries()) {
      if (index > 0 && messages[index - 1]?.role === message.role)
        return `messages: roles must alternate between "user" and "assistant" (message ${index})`;
      const blocks = blocksOf(message);
      if (blocks.length === 0) return `messages.${index}: content must be non-empty`;
      const results = blocks.filter((block) => block.type === 'tool_result');
      const uses = blocksOf(messages[index - 1]).filter((block) => block.type === 'tool_use');
      if (message.role === 'user') {
        // Each tool_result answers a tool_use of the message right before, and they come first.
        for (const result of results) {
          if (!uses.some((use) => use.id === result.tool_use_id))
            return `messages.${index}: unexpected tool_use_id ${String(result.tool_use_id)} in tool_result blocks`;
        }
        if (blocks.slice(0, results.length).some((block) => block.type !== 'tool_result'))
          return `messages.${index}: tool_result blocks must come first`;
      }
      const next = messages[index + 1];
      for (const use of blocksOf(message).filter((block) => block.type === 'tool_use')) {
        if (!blocksOf(next).some((block) => block.type === 'tool_result' && block.tool_use_id === use.id))
          return `messages.${index + 1}: tool_use ids were found without tool_result blocks immediately after: ${String(use.id)}`;
      }
    }
    return undefined;
  },
  render(turn, request) {
    const model = String(request.body.model);
    if ('error' in turn) {
      const known = errors[turn.error];
      const reply = errorReply(known.status, known.type, turn.message ?? known.message);
      if (turn.error === 'rate_limit')
        reply.headers = { 'retry-after': String(turn.retryAfterSeconds ?? 17) };
      return reply;
    }
    const blocks: Block[] = [];
    if (turn.text) blocks.push({ type: 'text', text: turn.text });
    const calls = 'functionCalls' in turn ? turn.functionCalls : [];
    for (const call of calls)
      blocks.push({
        type: 'tool_use',
        id: `toolu_${randomBytes(12).toString('hex')}`,
        name: call.name,
        input: call.args ?? {},
      });
    const stopReason = calls.length > 0 ? 'tool_use' : 'end_turn';
    const outputTokens = 7 + (turn.text?.length ?? 0);
    const message = {
      id: `msg_${randomBytes(12).toString('hex')}`,
      type: 'message',
      role: 'assistant',
      model,
      content: blocks,
      stop_reason: stopReason,
      stop_sequence: null,
      usage: { input_tokens: anthropicInputTokens, output_tokens: outputTokens, cache_read_input_tokens: 0 },
    };
    if (!request.stream) return { status: 200, headers: { 'request-id': 'req_fake' }, body: message };
    const chunks = 'chunks' in turn ? (turn.chunks ?? 3) : 2;
    const frames = [
      sse('message_start', {
        type: 'message_start',
        message: {
          ...message,
          content: [],
          stop_reason: null,
          usage: { input_tokens: anthropicInputTokens, output_tokens: 1 },
        },
      }),
      sse('ping', { type: 'ping' }),
    ];
    for (const [index, block] of blocks.entries()) {
      if (block.type === 'text') {
        frames.push(
          sse('content_block_start', {
            type: 'content_block_start',
            index,
            content_block: { type: 'text', text: '' },
          }),
        );
        for (const piece of pieces(block.text ?? '', chunks))
          frames.push(
            sse('content_block_delta', {
              type: 'content_block_delta',
              index,
              delta: { type: 'text_delta', text: piece },
            }),
          );
      } else {
        frames.push(
          sse('content_block_start', {
            type: 'content_block_start',
            index,
            content_block: { type: 'tool_use', id: block.id, name: block.name, input: {} },
          }),
        );
        // The input arrives as JSON fragments that only parse once joined.
        for (const piece of pieces(JSON.stringify(block.input), 3))
          frames.push(
            sse('content_block_delta', {
              type: 'content_block_delta',
              index,
              delta: { type: 'input_json_delta', partial_json: piece },
            }),
          );
      }
      frames.push(sse('content_block_stop', { type: 'content_block_stop', index }));
    }
    if ('streamError' in turn && turn.streamError) {
      const known = errors[turn.streamError];
      frames.push(sse('error', { type: 'error', error: { type: known.type, message: known.message } }));
      return { status: 200, frames };
    }
    frames.push(
      sse('message_delta', {
        type: 'message_delta',
        delta: { stop_reason: stopReason, stop_sequence: null },
        usage: { output_tokens: outputTokens },
      }),
      sse('message_stop', { type: 'message_stop' }),
    );
    return { status: 200, frames };
  },
  errorReply: (status, message) =>
    errorReply(
      status,
      status === 429 ? 'rate_limit_error' : status >= 500 ? 'api_error' : 'invalid_request_error',
      message,
    ),
};

function errorReply(status: number, type: string, message: string): WireReply {
  return {
    status,
    headers: { 'request-id': 'req_fake' },
    body: { type: 'error', error: { type, message }, request_id: 'req_fake' },
  };
}

function sse(event: string, data: unknown): string {
  return `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}

export function startAnthropicFake(script: FakeStep[] = []): Promise<ModelFake> {
  return startModelFake(anthropicDialect, script);
}

/** The tool results of the request's last message, by the tool_use id they answer. */
export function anthropicToolResults(request: FakeRequest): Array<{ id: string; text: string }> {
  const messages = request.body.messages as Message[];
  return blocksOf(messages.at(-1))
    .filter((block) => block.type === 'tool_result')
    .map((block) => ({
      id: String(block.tool_use_id),
      text: typeof block.content === 'string' ? block.content : JSON.stringify(block.content),
    }));
}

/** The tool call ids the fake issued in its answers, in the order the request sends them back. */
export function anthropicToolUseIds(request: FakeRequest): string[] {
  return (request.body.messages as Message[]).flatMap((message) =>
    blocksOf(message).flatMap((block) => (block.type === 'tool_use' ? [String(block.id)] : [])),
  );
}

export function anthropicToolNames(request: FakeRequest): string[] {
  return ((request.body.tools as Array<{ name: string }> | undefined) ?? []).map((tool) => tool.name);
}
