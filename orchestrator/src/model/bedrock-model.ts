// Amazon Bedrock through the Converse API (`@aws-sdk/client-bedrock-runtime`, loaded only when chosen):
// one request shape for every Bedrock model (Claude, Llama, Mistral, Nova...), credentials from the
// usual AWS chain (env, profile, SSO, IMDS, IRSA), region from AWS_REGION. Model turns become
// `assistant` messages with `toolUse` blocks, function responses `toolResult` blocks of the next
// `user` message; ConverseStream's event stream gives the partial text.
import type {
  BedrockRuntimeClient,
  ContentBlock,
  ConverseCommandInput,
  ConverseStreamOutput,
  Message,
  TokenUsage,
} from '@aws-sdk/client-bedrock-runtime';
import type { Content, Part } from '../adk/types.js';
import type { Model, ModelChunk, ModelRequest, ModelTurn } from './model.js';
import { failureFromHttp, failureFromTransport, type ProviderInfo } from './provider-errors.js';
import { finishReasonOf, responseText, toolParameters, usageOf, visibleParts } from './provider-history.js';

export interface BedrockModelOptions {
  /** A model id or inference profile: `anthropic.claude-sonnet-4-5-20250929-v1:0`, `us.amazon.nova-pro-v1:0`. */
  model: string;
  /** Unset: AWS_REGION / the profile, as every AWS client. */
  region?: string;
  /** Unset: AWS_ENDPOINT_URL_BEDROCK_RUNTIME or the regional endpoint (tests point it at a fake). */
  endpoint?: string;
  /** Unset: the default credential chain. */
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  timeoutMs?: number;
  maxTokens?: number;
}

const provider: ProviderInfo = {
  label: 'Bedrock',
  keyHint: 'the AWS credentials (AWS_PROFILE, AWS_ACCESS_KEY_ID...) and their bedrock:InvokeModel permission',
  endpointHint: 'AWS_REGION or AWS_ENDPOINT_URL_BEDROCK_RUNTIME',
};

export function createBedrockModel(options: BedrockModelOptions): Model {
  const timeoutMs = options.timeoutMs ?? 60_000;
  let sdk:
    | Promise<{ client: BedrockRuntimeClient; sdk: typeof import('@aws-sdk/client-bedrock-runtime') }>
    | undefined;
  const open = () => {
    sdk ??= import('@aws-sdk/client-bedrock-runtime').then((module) => ({
      sdk: module,
      client: new module.BedrockRuntimeClient({
        ...(options.region ? { region: options.region } : {}),
        ...(options.endpoint ? { endpoint: options.endpoint } : {}),
        ...(options.credentials ? { credentials: options.credentials } : {}),
        // One attempt, as with Gemini: throttling ends the turn and says so instead of silent back-off.
        maxAttempts: 1,
        requestHandler: { requestTimeout: timeoutMs, connectionTimeout: timeoutMs },
      }),
    }));
    return sdk;
  };
  const input = (request: ModelRequest): ConverseCommandInput => ({
    modelId: options.model,
    messages: toMessages(request.contents),
    system: [{ text: request.systemInstruction }],
    inferenceConfig: { maxTokens: options.maxTokens ?? 8192 },
    ...(request.tools.length > 0
      ? {
          toolConfig: {
            tools: request.tools.map((tool) => ({
              toolSpec: {
                name: tool.name,
                description: tool.description,
                inputSchema: { json: toolParameters(tool.parameters) as never },
              },
            })),
          },
        }
      : {}),
  });
  return {
    name: options.model,
    async generate(request) {
      try {
        const { client, sdk: module } = await open();
        const output = await client.send(
          new module.ConverseCommand(input(request)),
          request.signal ? { abortSignal: request.signal } : {},
        );
        return toTurn(output.output?.message?.content ?? [], output.stopReason, output.usage);
      } catch (error) {
        return failureFromError(error, request.signal, timeoutMs);
      }
    },
    async *generateStream(request) {
      yield* streamTurn(open, input(request), request.signal, timeoutMs);
    },
  };
}

/** Gemini-shaped history -> Converse messages, alternating user/assistant as Bedrock requires. */
export function toMessages(contents: Content[]): Message[] {
  const messages: Message[] = [];
  for (const content of contents) {
    const role = content.role === 'model' ? 'assistant' : 'user';
    const blocks = visibleParts(content.parts).flatMap(toBlocks);
    if (blocks.length === 0) continue;
    const previous = messages.at(-1);
    if (previous?.role === role) previous.content?.push(...blocks);
    else messages.push({ role, content: blocks });
  }
  for (const message of messages) {
    if (message.role === 'user') message.content?.sort(toolResultsFirst);
  }
  return messages;
}

const toolResultsFirst = (a: ContentBlock, b: ContentBlock) =>
  Number(b.toolResult !== undefined) - Number(a.toolResult !== undefined);

function toBlocks(part: Part): ContentBlock[] {
  if (part.functionCall) {
    return [
      {
        toolUse: {
          toolUseId: part.functionCall.id ?? '',
          name: part.functionCall.name,
          input: (part.functionCall.args ?? {}) as never,
        },
      },
    ];
  }
  if (part.functionResponse) {
    const { text, isError } = responseText(part.functionResponse);
    return [
      {
        toolResult: {
          toolUseId: part.functionResponse.id ?? '',
          // Bedrock refuses a blank text block.
          content: [{ text: text || '(no output)' }],
          status: isError ? 'error' : 'success',
        },
      },
    ];
  }
  if (part.text?.trim()) return [{ text: part.text }];
  return [];
}

function toTurn(
  blocks: ContentBlock[],
  stopReason: string | undefined,
  usage: TokenUsage | undefined,
): ModelTurn {
  const parts: Part[] = [];
  for (const block of blocks) {
    if (block.text) parts.push({ text: block.text });
    if (block.toolUse?.name) {
      parts.push({
        functionCall: {
          id: block.toolUse.toolUseId,
          name: block.toolUse.name,
          args: (block.toolUse.input ?? {}) as Record<string, never>,
        },
      });
    }
  }
  if (parts.length === 0 && (stopReason === 'guardrail_intervened' || stopReason === 'content_filtered')) {
    return {
      ok: false,
      errorCode: 'SAFETY',
      errorMessage: `Bedrock stopped the answer (stop reason ${stopReason}); rephrase the request.`,
    };
  }
  const finishReason = finishReasonOf(stopReason);
  const cached = usage?.cacheReadInputTokens ?? 0;
  const prompt = (usage?.inputTokens ?? 0) + cached + (usage?.cacheWriteInputTokens ?? 0);
  return {
    ok: true,
    content: { role: 'model', parts },
    ...(finishReason ? { finishReason } : {}),
    ...(usage ? { usage: usageOf(prompt, usage.outputTokens ?? 0, cached) } : {}),
  };
}

async function* streamTurn(
  open: () => Promise<{
    client: BedrockRuntimeClient;
    sdk: typeof import('@aws-sdk/client-bedrock-runtime');
  }>,
  input: ConverseCommandInput,
  signal: AbortSignal | undefined,
  timeoutMs: number,
): AsyncGenerator<ModelChunk> {
  const blocks: Array<{ text?: string; toolUse?: { toolUseId?: string; name?: string; json: string } }> = [];
  let stopReason: string | undefined;
  let usage: TokenUsage | undefined;
  let started = false;
  try {
    const { client, sdk } = await open();
    const output = await client.send(
      new sdk.ConverseStreamCommand(input),
      signal ? { abortSignal: signal } : {},
    );
    for await (const event of output.stream ?? ([] as ConverseStreamOutput[])) {
      if (event.messageStart) started = true;
      if (event.contentBlockStart?.start?.toolUse) {
        const { toolUseId, name } = event.contentBlockStart.start.toolUse;
        blocks[event.contentBlockStart.contentBlockIndex ?? blocks.length] = {
          toolUse: { ...(toolUseId ? { toolUseId } : {}), ...(name ? { name } : {}), json: '' },
        };
      }
      const delta = event.contentBlockDelta;
      if (delta?.delta) {
        const index = delta.contentBlockIndex ?? 0;
        blocks[index] ??= {};
        const block = blocks[index];
        if (delta.delta.text) {
          block.text = (block.text ?? '') + delta.delta.text;
          yield { type: 'partial', text: delta.delta.text };
        }
        if (delta.delta.toolUse?.input && block.toolUse) block.toolUse.json += delta.delta.toolUse.input;
      }
      if (event.messageStop) stopReason = event.messageStop.stopReason;
      if (event.metadata?.usage) usage = event.metadata.usage;
      // Exceptions inside the stream arrive as events; the SDK throws most, these it may hand over.
      const failed =
        event.internalServerException ??
        event.modelStreamErrorException ??
        event.serviceUnavailableException ??
        event.throttlingException ??
        event.validationException;
      if (failed)
        throw Object.assign(new Error(failed.message ?? 'stream error'), { name: streamErrorName(event) });
    }
  } catch (error) {
    yield { type: 'final', turn: failureFromError(error, signal, timeoutMs) };
    return;
  }
  if (!started) {
    yield {
      type: 'final',
      turn: { ok: false, errorCode: 'EMPTY_RESPONSE', errorMessage: 'Bedrock returned an empty stream.' },
    };
    return;
  }
  const content: ContentBlock[] = [];
  for (const block of blocks) {
    if (!block) continue;
    if (block.toolUse) {
      let parsed: unknown;
      try {
        parsed = block.toolUse.json ? JSON.parse(block.toolUse.json) : {};
      } catch {
        yield {
          type: 'final',
          turn: {
            ok: false,
            errorCode: 'MALFORMED_FUNCTION_CALL',
            errorMessage: `Bedrock sent arguments for ${block.toolUse.name} that are not JSON; retry.`,
          },
        };
        return;
      }
      content.push({
        toolUse: { toolUseId: block.toolUse.toolUseId, name: block.toolUse.name, input: parsed as never },
      });
    } else if (block.text) content.push({ text: block.text });
  }
  yield { type: 'final', turn: toTurn(content, stopReason, usage) };
}

function streamErrorName(event: ConverseStreamOutput): string {
  const key = Object.keys(event).find((name) => name.endsWith('Exception')) ?? 'internalServerException';
  return key.charAt(0).toUpperCase() + key.slice(1);
}

// AWS errors carry their type as the name and the status in $metadata; duck-typed so this file needs
// no runtime import of the SDK.
function failureFromError(error: unknown, signal: AbortSignal | undefined, timeoutMs: number): ModelTurn {
  const aws = error as {
    name?: string;
    message?: string;
    $metadata?: { httpStatusCode?: number };
    $fault?: string;
  };
  const status = aws?.$metadata?.httpStatusCode;
  const name = aws?.name ?? '';
  if (status !== undefined || /Exception$/.test(name)) {
    return failureFromHttp(provider, {
      ...(status !== undefined ? { status } : {}),
      ...(name ? { type: name } : {}),
      ...(aws.message ? { message: aws.message } : {}),
    });
  }
  if (/credential/i.test(aws?.message ?? '') || name === 'CredentialsProviderError') {
    return {
      ok: false,
      errorCode: 'UNAUTHENTICATED',
      errorMessage: `Bedrock has no AWS credentials (${aws.message}); set AWS_PROFILE or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, or run where an IAM role is attached.`,
    };
  }
  return failureFromTransport(provider, error, signal, timeoutMs);
}
