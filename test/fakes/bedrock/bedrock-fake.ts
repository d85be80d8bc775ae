// A scripted fake of Amazon Bedrock's Converse API for the real @aws-sdk/client-bedrock-runtime:
// `POST /model/{modelId}/converse` (JSON) and `/converse-stream`, whose answer is the AWS event-stream
// binary framing (prelude, headers, CRC32s) carrying messageStart, contentBlockStart/Delta/Stop,
// messageStop and metadata events. SigV4-signed requests for the `bedrock` service are required; errors
// come as AWS does (x-amzn-ErrorType header, `{message}` body).
import { randomBytes } from 'node:crypto';
import { EventStreamCodec } from '@smithy/core/event-streams';
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

export const bedrockInputTokens = 140;

const errors: Record<FakeError, { status: number; type: string; message: string }> = {
  auth: {
    status: 403,
    type: 'UnrecognizedClientException',
    message: 'The security token included in the request is invalid.',
  },
  rate_limit: {
    status: 429,
    type: 'ThrottlingException',
    message: 'Too many requests, please wait before trying again.',
  },
  overloaded: {
    status: 503,
    type: 'ServiceUnavailableException',
    message: 'Bedrock is unable to process your request.',
  },
  context_too_long: {
    status: 400,
    type: 'ValidationException',
    message: 'Input is too long for requested model.',
  },
  server: {
    status: 500,
    type: 'InternalServerException',
    message: 'The server encountered an internal error.',
  },
};

const codec = new EventStreamCodec(
  (bytes) => Buffer.from(bytes).toString('utf8'),
  (text) => new Uint8Array(Buffer.from(text, 'utf8')),
);

interface Block {
  text?: string;
  toolUse?: { toolUseId: string; name: string; input: unknown };
  toolResult?: { toolUseId: string; content: Array<{ text?: string }>; status?: string };
}

interface Message {
  role: string;
  content: Block[];
}

export const bedrockDialect: Dialect = {
  route(method, path) {
    const match = /^\/model\/([^/]+)\/(converse|converse-stream)$/.exec(path);
    return method === 'POST' && match ? { stream: match[2] === 'converse-stream' } : undefined;
  },
  validate({ headers, body }) {
    if (!/^AWS4-HMAC-SHA256 Credential=\S+\/bedrock\/aws4_request/.test(headers.authorization ?? ''))
      return 'missing a SigV4 signature for the bedrock service';
    const messages = body.messages as Message[] | undefined;
    if (!Array.isArray(messages) || messages.length === 0)
      return 'messages: at least one message is required';
    if (messages[0]?.role !== 'user') return 'A conversation must start with a user message.';
    const tools =
      (
        body.toolConfig as
          | { tools?: Array<{ toolSpec?: { name: string; inputSchema?: { json?: { type?: string } } } }> }
          | undefined
      )?.tools ?? [];
    for (const tool of tools) {
      if (!tool.toolSpec || !/^[a-zA-Z0-9_-]{1,64}$/.test(tool.toolSpec.name))
        return 'toolConfig.tools: invalid toolSpec name';
      if (tool.toolSpec.inputSchema?.json?.type !== 'object')
        return `toolSpec ${tool.toolSpec.name}: inputSchema.json must be an object schema`;
    }
    for (const [index, message] of messages.entries()) {
      if (index > 0 && messages[index - 1]?.role === message.role)
        return 'A conversation must alternate between user and assistant roles.';
      if (!Array.isArray(message.content) || message.content.length === 0)
        return `messages.${index}.content: must not be empty`;
      if (message.content.some((block) => block.text !== undefined && !block.text.trim()))
        return 'The text field in the ContentBlock object is blank.';
      const uses = (messages[index - 1]?.content ?? []).flatMap((block) =>
        block.toolUse ? [block.toolUse.toolUseId] : [],
      );
      for (const block of message.content) {
        if (block.toolResult && !uses.includes(block.toolResult.toolUseId))
          return `The toolResult ${block.toolResult.toolUseId} does not match a toolUse of the previous turn.`;
      }
      const next = messages[index + 1]?.content ?? [];
      for (const block of message.content) {
        if (
          block.toolUse &&
          !next.some((result) => result.toolResult?.toolUseId === block.toolUse?.toolUseId)
        )
          return `Expected toolResult blocks for toolUse ids: ${block.toolUse.toolUseId}`;
      }
    }
    return undefined;
  },
  render(turn, request) {
    if ('error' in turn) {
      const known = errors[turn.error];
      return errorReply(known.status, known.type, turn.message ?? known.message);
    }
    const blocks: Block[] = [];
    if (turn.text) blocks.push({ text: turn.text });
    for (const call of 'functionCalls' in turn ? turn.functionCalls : [])
      blocks.push({
        toolUse: {
          toolUseId: `tooluse_${randomBytes(11).toString('base64url')}`,
          name: call.name,
          input: call.args ?? {},
        },
      });
    const stopReason = blocks.some((block) => block.toolUse) ? 'tool_use' : 'end_turn';
    const outputTokens = 9 + (turn.text?.length ?? 0);
    const usage = {
      inputTokens: bedrockInputTokens,
      outputTokens,
      totalTokens: bedrockInputTokens + outputTokens,
    };
    if (!request.stream) {
      return {
        status: 200,
        headers: { 'x-amzn-requestid': 'req-fake' },
        body: {
          output: { message: { role: 'assistant', content: blocks } },
          stopReason,
          usage,
          metrics: { latencyMs: 42 },
        },
      };
    }
    const frames: Uint8Array[] = [event('messageStart', { role: 'assistant' })];
    for (const [index, block] of blocks.entries()) {
      if (block.toolUse) {
        const { toolUseId, name, input } = block.toolUse;
        frames.push(
          event('contentBlockStart', { contentBlockIndex: index, start: { toolUse: { toolUseId, name } } }),
        );
        for (const piece of pieces(JSON.stringify(input), 3))
          frames.push(
            event('contentBlockDelta', { contentBlockIndex: index, delta: { toolUse: { input: piece } } }),
          );
      } else {
        for (const piece of pieces(block.text ?? '', 'chunks' in turn ? (turn.chunks ?? 3) : 2))
          frames.push(event('contentBlockDelta', { contentBlockIndex: index, delta: { text: piece } }));
      }
      frames.push(event('contentBlockStop', { contentBlockIndex: index }));
    }
    if ('streamError' in turn && turn.streamError) {
      frames.push(exception(errors[turn.streamError]));
      return { status: 200, headers: { 'content-type': 'application/vnd.amazon.eventstream' }, frames };
    }
    frames.push(
      event('messageStop', { stopReason }),
      event('metadata', { usage, metrics: { latencyMs: 42 } }),
    );
    return {
      status: 200,
      headers: { 'content-type': 'application/vnd.amazon.eventstream', 'x-amzn-requestid': 'req-fake' },
      frames,
    };
  },
  errorReply: (status, message) =>
    errorReply(
      status,
      status === 429
        ? 'ThrottlingException'
        : status >= 500
          ? 'InternalServerException'
          : 'ValidationException',
      message,
    ),
};

function errorReply(status: number, type: string, message: string): WireReply {
  return {
    status,
    headers: {
      'x-amzn-errortype': `${type}:http://internal.amazon.com/coral/com.amazon.bedrock/`,
      'x-amzn-requestid': 'req-fake',
    },
    body: { message },
  };
}

/** One event-stream message, as Bedrock frames each ConverseStream event. */
function event(type: string, payload: unknown): Uint8Array {
  return codec.encode({
    headers: {
      ':message-type': { type: 'string', value: 'event' },
      ':event-type': { type: 'string', value: type },
      ':content-type': { type: 'string', value: 'application/json' },
    },
    body: new Uint8Array(Buffer.from(JSON.stringify({ ...(payload as object), p: 'abcdefgh' }), 'utf8')),
  });
}

/** An exception inside the stream: its type in `:exception-type`, camelCased as the stream member. */
function exception(known: { type: string; message: string }): Uint8Array {
  const member = known.type.charAt(0).toLowerCase() + known.type.slice(1);
  return codec.encode({
    headers: {
      ':message-type': { type: 'string', value: 'exception' },
      ':exception-type': { type: 'string', value: member },
      ':content-type': { type: 'string', value: 'application/json' },
    },
    body: new Uint8Array(Buffer.from(JSON.stringify({ message: known.message }), 'utf8')),
  });
}

export function startBedrockFake(script: FakeStep[] = []): Promise<ModelFake> {
  // The runtime SDK speaks HTTP/2 only (its bidirectional streams need it), as Bedrock does.
  return startModelFake(bedrockDialect, script, { http2: true });
}

export function bedrockToolResults(request: FakeRequest): Array<{ id: string; text: string }> {
  const messages = request.body.messages as Message[];
  return (messages.at(-1)?.content ?? []).flatMap((block) =>
    block.toolResult
      ? [
          {
            id: block.toolResult.toolUseId,
            text: block.toolResult.content.map((item) => item.text ?? '').join(''),
          },
        ]
      : [],
  );
}

export function bedrockToolUseIds(request: FakeRequest): string[] {
  return (request.body.messages as Message[]).flatMap((message) =>
    message.content.flatMap((block) => (block.toolUse ? [block.toolUse.toolUseId] : [])),
  );
}

export function bedrockToolNames(request: FakeRequest): string[] {
  const config = request.body.toolConfig as { tools?: Array<{ toolSpec: { name: string } }> } | undefined;
  return (config?.tools ?? []).map((tool) => tool.toolSpec.name);
}
