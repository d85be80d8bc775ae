// What every non-Gemini provider needs from the runner's Gemini-shaped history and tool list: the
// model's visible parts (thoughts and thought signatures are Gemini's own and mean nothing elsewhere),
// a tool result as the text the vendor wants, and a parameter schema every vendor accepts.
import type { FunctionResponse, Part, UsageMetadata } from '../adk/types.js';

/** Thought summaries and empty texts are dropped; the rest is sent on. */
export function visibleParts(parts: Part[]): Part[] {
  return parts.filter(
    (part) => !part.thought && (part.text === undefined || part.text !== '' || hasCall(part)),
  );
}

function hasCall(part: Part): boolean {
  return part.functionCall !== undefined || part.functionResponse !== undefined;
}

/** The runner writes `{result: text}` or `{error: text}`; anything else goes as JSON. */
export function responseText(response: FunctionResponse): { text: string; isError: boolean } {
  const body = response.response ?? {};
  const keys = Object.keys(body);
  if (keys.length === 1 && typeof body.result === 'string') return { text: body.result, isError: false };
  if (keys.length === 1 && typeof body.error === 'string') return { text: body.error, isError: true };
  return { text: JSON.stringify(body), isError: 'error' in body };
}

/**
 * MCP input schemas are already JSON Schema; the vendors only insist on an object at the top and
 * some reject the `$schema` marker zod writes.
 */
export function toolParameters(schema: Record<string, unknown>): Record<string, unknown> {
  const { $schema: _ignored, ...rest } = schema;
  return { ...rest, type: 'object', properties: (rest.properties as object | undefined) ?? {} };
}

/** Gemini's field names, which the runner stores on events for every provider. */
export function usageOf(prompt: number, output: number, cached?: number): UsageMetadata {
  return {
    promptTokenCount: prompt,
    candidatesTokenCount: output,
    totalTokenCount: prompt + output,
    ...(cached ? { cachedContentTokenCount: cached } : {}),
  };
}

/** Gemini's finish reasons, so events read the same whichever model wrote them. */
export function finishReasonOf(reason: string | null | undefined): string | undefined {
  if (!reason) return undefined;
  switch (reason) {
    case 'end_turn':
    case 'tool_use':
    case 'stop_sequence':
    case 'pause_turn':
    case 'stop':
    case 'tool_calls':
    case 'function_call':
      return 'STOP';
    case 'max_tokens':
    case 'length':
    case 'model_context_window_exceeded':
      return 'MAX_TOKENS';
    case 'refusal':
    case 'content_filter':
    case 'guardrail_intervened':
    case 'content_filtered':
      return 'SAFETY';
    default:
      return reason.toUpperCase();
  }
}
