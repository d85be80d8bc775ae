// Turns what the Anthropic, OpenAI and Bedrock clients fail with into the same ADK `errorCode`s the
// Gemini model uses (gemini-errors.ts), so the runner, the UI and the alerts read one vocabulary
// whichever vendor answered: RESOURCE_EXHAUSTED for rate limits (with the server's retry delay),
// UNAVAILABLE for overload, UNAUTHENTICATED / PERMISSION_DENIED for keys, INVALID_ARGUMENT for a
// rejected (often too long) request, TIMEOUT, CANCELLED and MODEL_UNREACHABLE for the network.
import { truncateCodePoints } from '@sre-agent/shared';
import type { ModelFailure } from './model.js';

export interface ProviderInfo {
  /** Shown to people: `Anthropic`, `OpenAI`, `Bedrock`. */
  label: string;
  /** The variable that holds the credentials, named in the remedy. */
  keyHint: string;
  /** The variable that points at the endpoint, named when it cannot be reached. */
  endpointHint: string;
}

/** What an HTTP error said, in whatever shape the vendor's client exposed it. */
export interface HttpFailure {
  status?: number;
  /** The vendor's error type: `rate_limit_error`, `ThrottlingException`, `context_length_exceeded`. */
  type?: string;
  message?: string;
  /** `Retry-After` in seconds (or an HTTP date), when the server sent one. */
  retryAfter?: string;
}

const codeByType: Record<string, string> = {
  // Anthropic
  authentication_error: 'UNAUTHENTICATED',
  permission_error: 'PERMISSION_DENIED',
  not_found_error: 'NOT_FOUND',
  rate_limit_error: 'RESOURCE_EXHAUSTED',
  overloaded_error: 'UNAVAILABLE',
  api_error: 'INTERNAL',
  invalid_request_error: 'INVALID_ARGUMENT',
  request_too_large: 'INVALID_ARGUMENT',
  timeout_error: 'DEADLINE_EXCEEDED',
  // OpenAI (`error.code` / `error.type`)
  invalid_api_key: 'UNAUTHENTICATED',
  insufficient_quota: 'RESOURCE_EXHAUSTED',
  rate_limit_exceeded: 'RESOURCE_EXHAUSTED',
  context_length_exceeded: 'INVALID_ARGUMENT',
  model_not_found: 'NOT_FOUND',
  server_error: 'INTERNAL',
  // Bedrock (the exception's name)
  UnrecognizedClientException: 'UNAUTHENTICATED',
  ExpiredTokenException: 'UNAUTHENTICATED',
  AccessDeniedException: 'PERMISSION_DENIED',
  ResourceNotFoundException: 'NOT_FOUND',
  ThrottlingException: 'RESOURCE_EXHAUSTED',
  ServiceQuotaExceededException: 'RESOURCE_EXHAUSTED',
  ServiceUnavailableException: 'UNAVAILABLE',
  ModelNotReadyException: 'UNAVAILABLE',
  InternalServerException: 'INTERNAL',
  ModelStreamErrorException: 'INTERNAL',
  ModelErrorException: 'INTERNAL',
  ModelTimeoutException: 'DEADLINE_EXCEEDED',
  ValidationException: 'INVALID_ARGUMENT',
};

const codeByStatus: Record<number, string> = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  408: 'DEADLINE_EXCEEDED',
  413: 'INVALID_ARGUMENT',
  422: 'INVALID_ARGUMENT',
  429: 'RESOURCE_EXHAUSTED',
  500: 'INTERNAL',
  502: 'UNAVAILABLE',
  503: 'UNAVAILABLE',
  504: 'DEADLINE_EXCEEDED',
  // Anthropic's "overloaded".
  529: 'UNAVAILABLE',
};

// Every vendor words it differently; all of them mean the history no longer fits the model.
const tooLong =
  /prompt is too long|context length|context window|maximum context|too many tokens|input is too long/i;

function remedy(code: string, provider: ProviderInfo, contextTooLong: boolean): string {
  if (contextTooLong)
    return `The conversation no longer fits ${provider.label}'s context window; start a new session, or lower SRE_HISTORY_MAX_CHARS.`;
  switch (code) {
    case 'RESOURCE_EXHAUSTED':
      return `${provider.label} rate limit or quota reached; wait and retry, or raise the limit for this account.`;
    case 'UNAVAILABLE':
      return `${provider.label} is overloaded or unavailable; retry in a moment.`;
    case 'INTERNAL':
      return `${provider.label} had an internal error; retry in a moment.`;
    case 'UNAUTHENTICATED':
    case 'PERMISSION_DENIED':
      return `${provider.label} refused the credentials; check ${provider.keyHint}.`;
    case 'NOT_FOUND':
      return `${provider.label} does not know this model (or the endpoint path is wrong); check SRE_MODEL.`;
    case 'DEADLINE_EXCEEDED':
      return `${provider.label} timed out on its side; retry, or ask for less at once.`;
    case 'INVALID_ARGUMENT':
      return `${provider.label} rejected the request.`;
    default:
      return `${provider.label} returned an error.`;
  }
}

export function failureFromHttp(provider: ProviderInfo, http: HttpFailure): ModelFailure {
  const code = overloaded(http) ? 'UNAVAILABLE' : httpCode(http);
  const contextTooLong = code === 'INVALID_ARGUMENT' && tooLong.test(http.message ?? '');
  const status = http.status ? `HTTP ${http.status} ` : '';
  const said = http.message ? ` ${provider.label} said: ${firstLine(http.message)}` : '';
  const retry = http.retryAfter ? ` Suggested retry delay: ${retryDelay(http.retryAfter)}.` : '';
  return {
    ok: false,
    errorCode: code,
    errorMessage: `${remedy(code, provider, contextTooLong)} (${status}${http.type ?? code}).${said}${retry}`,
  };
}

// OpenAI reports overload inside a stream (and some compatible servers over HTTP 500) only in words,
// as a generic `server_error`: retrying shortly is the right advice, as for a 503.
function overloaded(http: HttpFailure): boolean {
  const code = httpCode(http);
  return (code === 'INTERNAL' || code === 'HTTP_500') && /overloaded|not ready yet/i.test(http.message ?? '');
}

function httpCode(http: HttpFailure): string {
  return (
    (http.type ? codeByType[http.type] : undefined) ??
    (http.status ? codeByStatus[http.status] : undefined) ??
    (http.status ? `HTTP_${http.status}` : 'INTERNAL')
  );
}

/** A failure that is not an HTTP answer: our timeout, the caller's cancellation, or no connection. */
export function failureFromTransport(
  provider: ProviderInfo,
  error: unknown,
  signal: AbortSignal | undefined,
  timeoutMs: number,
): ModelFailure {
  if (signal?.aborted)
    return {
      ok: false,
      errorCode: 'CANCELLED',
      errorMessage: `The request was cancelled before ${provider.label} answered.`,
    };
  const kind = `${error instanceof Error ? error.name : ''} ${error?.constructor?.name ?? ''}`;
  if (/Timeout|Abort/.test(kind)) {
    return {
      ok: false,
      errorCode: 'TIMEOUT',
      errorMessage: `${provider.label} did not answer within ${timeoutMs} ms; retry, ask for less at once, or raise SRE_MODEL_TIMEOUT_MS.`,
    };
  }
  const detail = error instanceof Error ? error.message : String(error);
  return {
    ok: false,
    errorCode: 'MODEL_UNREACHABLE',
    errorMessage: `Could not reach ${provider.label} (${firstLine(detail)}); check the network or ${provider.endpointHint}.`,
  };
}

/** `Retry-After` from a fetch `Headers` or a plain header record. */
export function retryAfterHeader(headers: unknown): string | undefined {
  if (!headers || typeof headers !== 'object') return undefined;
  const get = (headers as { get?: unknown }).get;
  const value =
    typeof get === 'function'
      ? (get.call(headers, 'retry-after') as string | null)
      : (headers as Record<string, unknown>)['retry-after'];
  return typeof value === 'string' && value.trim() ? value.trim() : undefined;
}

function retryDelay(value: string): string {
  return /^\d+(\.\d+)?$/.test(value) ? `${value}s` : value;
}

function firstLine(text: string): string {
  return truncateCodePoints(text.split('\n')[0] ?? '', 300, '...');
}
