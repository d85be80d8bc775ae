// Turns everything Gemini can fail with into ADK's `errorCode` / `errorMessage`: HTTP errors (quota,
// overload, bad request), blocked prompts and candidates, timeouts and cancellation. Messages say what
// happened and what to do, and never carry a stack.
import { ApiError, type GenerateContentResponse } from '@google/genai';
import { truncateCodePoints } from '@sre-agent/shared';
import type { ModelFailure } from './model.js';

const remedies: Record<string, string> = {
  RESOURCE_EXHAUSTED: 'Gemini quota exhausted; wait and retry, or raise the quota for this API key.',
  UNAVAILABLE: 'Gemini is overloaded or unavailable; retry in a moment.',
  INTERNAL: 'Gemini had an internal error; retry in a moment.',
  PERMISSION_DENIED: 'Gemini refused the API key; check GOOGLE_API_KEY.',
  UNAUTHENTICATED: 'Gemini refused the API key; check GOOGLE_API_KEY.',
  INVALID_ARGUMENT: 'Gemini rejected the request.',
  NOT_FOUND: 'Gemini does not know this model; check GEMINI_MODEL.',
};

const statusByCode: Record<number, string> = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  429: 'RESOURCE_EXHAUSTED',
  500: 'INTERNAL',
  503: 'UNAVAILABLE',
  504: 'DEADLINE_EXCEEDED',
};

function failure(errorCode: string, errorMessage: string): ModelFailure {
  return { ok: false, errorCode, errorMessage };
}

/** Maps a thrown client error; `signal` tells a caller's cancellation from our own timeout. */
export function failureFromError(
  error: unknown,
  signal: AbortSignal | undefined,
  timeoutMs: number,
): ModelFailure {
  if (error instanceof ApiError) return failureFromApiError(error);
  const name = error instanceof Error ? error.name : '';
  if (name === 'AbortError' || name === 'TimeoutError') {
    return signal?.aborted
      ? failure('CANCELLED', 'The request was cancelled before Gemini answered.')
      : failure(
          'TIMEOUT',
          `Gemini did not answer within ${timeoutMs} ms; retry, ask for less at once, or raise GEMINI_TIMEOUT_MS.`,
        );
  }
  const detail = error instanceof Error ? error.message : String(error);
  return failure(
    'MODEL_UNREACHABLE',
    `Could not reach Gemini (${firstLine(detail)}); check the network or GOOGLE_GEMINI_BASE_URL.`,
  );
}

function failureFromApiError(error: ApiError): ModelFailure {
  const body = parseErrorBody(error.message);
  const status = body?.status ?? statusByCode[error.status] ?? `HTTP_${error.status}`;
  const remedy = remedies[status] ?? 'Gemini returned an error.';
  const retry = body?.retryDelay ? ` Suggested retry delay: ${body.retryDelay}.` : '';
  const said = body?.message ? ` Gemini said: ${firstLine(body.message)}` : '';
  return failure(status, `${remedy} (HTTP ${error.status} ${status}).${said}${retry}`);
}

interface ErrorBody {
  status?: string;
  message?: string;
  retryDelay?: string;
}

// The client puts the JSON error envelope in the message, behind `got status: X. ` when streaming.
function parseErrorBody(message: string): ErrorBody | undefined {
  const start = message.indexOf('{');
  if (start < 0) return undefined;
  try {
    const parsed = JSON.parse(message.slice(start)) as { error?: Record<string, unknown> };
    const error = parsed.error ?? {};
    const details = Array.isArray(error.details) ? (error.details as Array<Record<string, unknown>>) : [];
    const retryDelay = details.find((detail) => typeof detail.retryDelay === 'string')?.retryDelay as
      | string
      | undefined;
    return {
      status: typeof error.status === 'string' ? error.status : undefined,
      message: typeof error.message === 'string' ? error.message : undefined,
      retryDelay,
    };
  } catch {
    return undefined;
  }
}

/** A response that carries no usable answer: a blocked prompt, or a candidate stopped with nothing to show. */
export function failureFromResponse(response: GenerateContentResponse): ModelFailure | undefined {
  const blockReason = response.promptFeedback?.blockReason;
  if (blockReason) {
    const why = response.promptFeedback?.blockReasonMessage ?? `reason ${blockReason}`;
    return failure(blockReason, `Gemini blocked the prompt (${why}); rephrase the request.`);
  }
  const candidate = response.candidates?.[0];
  if (!candidate) return failure('EMPTY_RESPONSE', 'Gemini returned no candidate; retry the request.');
  const hasParts = (candidate.content?.parts?.length ?? 0) > 0;
  const reason = candidate.finishReason;
  if (!hasParts && reason && reason !== 'STOP') {
    const why = candidate.finishMessage ? `: ${candidate.finishMessage}` : '';
    return failure(
      reason,
      `Gemini stopped without an answer (finish reason ${reason}${why}); rephrase the request.`,
    );
  }
  return undefined;
}

function firstLine(text: string): string {
  const line = text.split('\n')[0] ?? '';
  return truncateCodePoints(line, 300, '...');
}
