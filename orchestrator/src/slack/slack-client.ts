import type { Logger } from '@sre-agent/shared';

// The three Web API methods the bot needs, over plain fetch: @slack/web-api would add a dependency tree
// for what is one JSON POST per call. Calls never throw: a failed post is logged and reported back.

export interface SlackMessage {
  channel: string;
  text: string;
  thread_ts?: string;
  blocks?: unknown[];
}

export type SlackCallResult = { ok: true; ts?: string } | { ok: false; error: string };

export interface SlackClient {
  postMessage(message: SlackMessage): Promise<SlackCallResult>;
  postEphemeral(message: SlackMessage & { user: string }): Promise<SlackCallResult>;
  update(message: SlackMessage & { ts: string }): Promise<SlackCallResult>;
}

export interface SlackClientOptions {
  token: string;
  /** `https://slack.com/api` in production; tests point it at a local fake. */
  baseUrl: string;
  logger: Pick<Logger, 'warn'>;
  fetch?: typeof fetch;
  /** Attempts after a 429 before giving up. */
  maxRetries?: number;
  /** Longest Retry-After honoured; a longer one fails the call rather than stall the bot. */
  maxRetryWaitMs?: number;
  timeoutMs?: number;
}

export function createSlackClient(options: SlackClientOptions): SlackClient {
  const call = (method: string, body: object) => callWithRetry(options, method, body);
  return {
    postMessage: (message) => call('chat.postMessage', message),
    postEphemeral: (message) => call('chat.postEphemeral', message),
    update: (message) => call('chat.update', message),
  };
}

async function callWithRetry(options: SlackClientOptions, method: string, body: object) {
  const maxRetries = options.maxRetries ?? 2;
  for (let attempt = 0; ; attempt++) {
    const result = await callOnce(options, method, body);
    if (!('retryAfterMs' in result)) {
      if (!result.ok) options.logger.warn('slack call failed', { method, error: result.error });
      return result;
    }
    if (attempt >= maxRetries || result.retryAfterMs > (options.maxRetryWaitMs ?? 30_000)) {
      options.logger.warn('slack call rate limited', { method, attempts: attempt + 1 });
      return { ok: false as const, error: 'ratelimited' };
    }
    await new Promise((resolve) => setTimeout(resolve, result.retryAfterMs));
  }
}

async function callOnce(
  options: SlackClientOptions,
  method: string,
  body: object,
): Promise<SlackCallResult | { retryAfterMs: number }> {
  try {
    const response = await (options.fetch ?? fetch)(`${options.baseUrl.replace(/\/+$/, '')}/${method}`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${options.token}`,
        'content-type': 'application/json; charset=utf-8',
      },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
    });
    if (response.status === 429) {
      await response.body?.cancel();
      // Retry-After is in whole seconds; a missing or odd one means "soon".
      return { retryAfterMs: (Number(response.headers.get('retry-after')) || 1) * 1000 };
    }
    const json = (await response.json().catch(() => ({}))) as { ok?: boolean; ts?: string; error?: string };
    if (json.ok === true) return { ok: true, ...(json.ts ? { ts: json.ts } : {}) };
    return { ok: false, error: json.error ?? `http_${response.status}` };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.name : 'request_failed' };
  }
}
