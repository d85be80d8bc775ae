import type { Logger } from '@sre-agent/shared';
import type { SlackMethod } from './slack-methods.js';

// The Web API methods the bot needs (slack-methods.ts lists them), over plain fetch: @slack/web-api would
// add a dependency tree for what is one POST per call. Calls never throw: a failure is logged and reported.

export interface SlackMessage {
  channel: string;
  text: string;
  thread_ts?: string;
  blocks?: unknown[];
}

export type SlackCallResult = { ok: true; ts?: string } | { ok: false; error: string };
export type SlackData = Record<string, unknown>;
type CallResult = { ok: true; data: SlackData } | { ok: false; error: string };

/** A message as conversations.history / conversations.replies return it (the fields the bot reads). */
export interface SlackHistoryMessage {
  ts: string;
  thread_ts?: string;
  user?: string;
  bot_id?: string;
  text?: string;
  attachments?: Array<{ title?: string; text?: string; fallback?: string }>;
}

export interface SlackClient {
  postMessage(message: SlackMessage): Promise<SlackCallResult>;
  postEphemeral(message: SlackMessage & { user: string }): Promise<SlackCallResult>;
  update(message: SlackMessage & { ts: string }): Promise<SlackCallResult>;
  addReaction(target: { channel: string; timestamp: string; name: string }): Promise<SlackCallResult>;
  removeReaction(target: { channel: string; timestamp: string; name: string }): Promise<SlackCallResult>;
  /** The one message with this ts, top level or in a thread, or why it could not be read. */
  findMessage(
    channel: string,
    ts: string,
  ): Promise<{ ok: true; message: SlackHistoryMessage } | { ok: false; error: string }>;
  /** Slack's upload flow: an upload URL, the bytes to it, then the file shared in the thread. */
  uploadFile(file: {
    channel: string;
    threadTs: string;
    filename: string;
    title: string;
    bytes: Uint8Array;
  }): Promise<SlackCallResult>;
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

// Slack's read methods and the upload URL call take form fields only (a JSON body reads as no arguments);
// the chat and file-completion methods take JSON, which keeps blocks and file lists as they are.
type Encoding = 'json' | 'form';

export function createSlackClient(options: SlackClientOptions): SlackClient {
  const call = (method: SlackMethod, body: Record<string, unknown>, encoding: Encoding = 'json') =>
    callWithRetry(options, method, body, encoding);
  const posted = async (result: Promise<CallResult>): Promise<SlackCallResult> => {
    const done = await result;
    if (!done.ok) return done;
    return typeof done.data.ts === 'string' ? { ok: true, ts: done.data.ts } : { ok: true };
  };
  return {
    postMessage: (message) => posted(call('chat.postMessage', { ...message })),
    postEphemeral: (message) => posted(call('chat.postEphemeral', { ...message })),
    update: (message) => posted(call('chat.update', { ...message })),
    addReaction: (target) => posted(call('reactions.add', target, 'form')),
    removeReaction: (target) => posted(call('reactions.remove', target, 'form')),
    findMessage: (channel, ts) => findMessage(call, channel, ts),
    uploadFile: (file) => uploadFile(options, call, file),
  };
}

type Call = (method: SlackMethod, body: Record<string, unknown>, encoding?: Encoding) => Promise<CallResult>;

// conversations.history lists top-level messages only; a reply is found through its thread.
async function findMessage(call: Call, channel: string, ts: string) {
  const window = { channel, latest: ts, oldest: ts, inclusive: 'true', limit: '1' };
  const top = await call('conversations.history', window, 'form');
  if (!top.ok) return top;
  const found = messagesOf(top.data).find((message) => message.ts === ts);
  if (found) return { ok: true as const, message: found };
  // The thread's parent comes first whatever the window, so a few more than one are asked for.
  const thread = await call('conversations.replies', { ...window, ts, limit: '10' }, 'form');
  if (!thread.ok) return thread;
  const reply = messagesOf(thread.data).find((message) => message.ts === ts);
  return reply ? { ok: true as const, message: reply } : { ok: false as const, error: 'message_not_found' };
}

function messagesOf(data: SlackData): SlackHistoryMessage[] {
  const list = Array.isArray(data.messages) ? data.messages : [];
  return list.filter(
    (message): message is SlackHistoryMessage => typeof (message as { ts?: unknown })?.ts === 'string',
  );
}

async function uploadFile(
  options: SlackClientOptions,
  call: Call,
  file: Parameters<SlackClient['uploadFile']>[0],
): Promise<SlackCallResult> {
  const ticket = await call(
    'files.getUploadURLExternal',
    { filename: file.filename, length: String(file.bytes.byteLength), alt_txt: file.title },
    'form',
  );
  if (!ticket.ok) return ticket;
  const { upload_url: url, file_id: id } = ticket.data;
  if (typeof url !== 'string' || typeof id !== 'string') return { ok: false, error: 'no_upload_url' };
  try {
    // The upload URL carries its own authorisation; the bot token is not sent to it.
    const response = await (options.fetch ?? fetch)(url, {
      method: 'POST',
      headers: { 'content-type': 'application/octet-stream' },
      body: file.bytes,
      signal: AbortSignal.timeout(options.timeoutMs ?? 30_000),
    });
    await response.body?.cancel();
    if (!response.ok) return { ok: false, error: `upload_http_${response.status}` };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.name : 'upload_failed' };
  }
  const shared = await call('files.completeUploadExternal', {
    files: [{ id, title: file.title }],
    channel_id: file.channel,
    thread_ts: file.threadTs,
  });
  return shared.ok ? { ok: true } : shared;
}

async function callWithRetry(
  options: SlackClientOptions,
  method: SlackMethod,
  body: Record<string, unknown>,
  encoding: Encoding,
): Promise<CallResult> {
  const maxRetries = options.maxRetries ?? 2;
  for (let attempt = 0; ; attempt++) {
    const result = await callOnce(options, method, body, encoding);
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
  method: SlackMethod,
  body: Record<string, unknown>,
  encoding: Encoding,
): Promise<CallResult | { retryAfterMs: number }> {
  try {
    const form = encoding === 'form';
    const response = await (options.fetch ?? fetch)(`${options.baseUrl.replace(/\/+$/, '')}/${method}`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${options.token}`,
        'content-type': form ? 'application/x-www-form-urlencoded' : 'application/json; charset=utf-8',
      },
      body: form ? new URLSearchParams(body as Record<string, string>).toString() : JSON.stringify(body),
      signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
    });
    if (response.status === 429) {
      await response.body?.cancel();
      // Retry-After is in whole seconds; a missing or odd one means "soon".
      return { retryAfterMs: (Number(response.headers.get('retry-after')) || 1) * 1000 };
    }
    const json = (await response.json().catch(() => ({}))) as SlackData;
    if (json.ok === true) return { ok: true, data: json };
    return { ok: false, error: typeof json.error === 'string' ? json.error : `http_${response.status}` };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.name : 'request_failed' };
  }
}
