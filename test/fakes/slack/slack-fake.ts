// A fake of the Slack Web API (https://slack.com/api/{method}) on 127.0.0.1, for the methods the bot calls
// (orchestrator/src/slack/slack-methods.ts): chat.postMessage / postEphemeral / update, reactions.add /
// remove, conversations.history / replies over the messages it holds, and the file upload flow
// (files.getUploadURLExternal, a POST of the bytes to the URL it hands out, files.completeUploadExternal).
// As Slack does: bearer token checked, the `{ok, error}` envelope (HTTP 200 even for errors), rate limiting
// with HTTP 429 and Retry-After in seconds, and the read methods and getUploadURLExternal taking form
// fields only (a JSON body reads as no arguments). Every call is recorded so tests assert on it.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createSlackState, type SlackState, type StoredMessage } from './slack-state.ts';

export type { StoredMessage } from './slack-state.ts';

export interface SlackCall {
  method: string;
  /** The decoded body (JSON, or a form's fields). */
  body: Record<string, unknown>;
  authorization: string | undefined;
  /** How the body came: `json` or `form`. */
  encoding: 'json' | 'form';
  /** The ts the fake answered with, for calls that were accepted. */
  ts?: string;
  /** Set on accepted calls. */
  ok?: boolean;
}

export interface SharedFile {
  id: string;
  filename: string;
  title: string;
  bytes: Buffer;
  channel: string | undefined;
  threadTs: string | undefined;
}

export interface SlackFake {
  /** Base URL for `SLACK_API_BASE_URL`, without a trailing slash. */
  url: string;
  /** Accepted and refused calls alike, in arrival order. */
  calls: SlackCall[];
  /** Files shared by files.completeUploadExternal, with the bytes that were uploaded. */
  files: SharedFile[];
  /** Puts a message in a channel, as if a person (or an alerting bot) had posted it. */
  addMessage(message: Omit<StoredMessage, 'reactions'>): void;
  /** Reactions on a message now, by emoji name. */
  reactionsOn(channel: string, ts: string): string[];
  /** The next `times` calls of `method` get HTTP 429 with `Retry-After: retryAfterSeconds`. */
  rateLimit(method: string, times: number, retryAfterSeconds?: number): void;
  /** The next call of `method` fails with `{ok: false, error}`. */
  failNext(method: string, error: string): void;
  /** Resolves with the accepted calls of `method` once `count` of them arrived (rejects after timeoutMs). */
  waitForCalls(method: string, count: number, timeoutMs?: number): Promise<SlackCall[]>;
  reset(): void;
  close(): Promise<void>;
}

export async function startSlackFake(options: { token?: string } = {}): Promise<SlackFake> {
  const calls: SlackCall[] = [];
  const limits = new Map<string, { times: number; retryAfter: number }>();
  const failures = new Map<string, string>();
  let state: SlackState;
  const server = createServer((req, res) => {
    handle(req, res).catch(() => send(res, 500, { ok: false, error: 'fatal_error' }));
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    const raw = await readBody(req);
    if (path.startsWith('/upload/')) return upload(res, path.slice('/upload/'.length), raw);
    const method = path.replace(/^\/(api\/)?/, '');
    const encoding = (req.headers['content-type'] ?? '').includes('application/json') ? 'json' : 'form';
    const call: SlackCall = {
      method,
      body: decode(encoding, raw.toString('utf8')),
      authorization: req.headers.authorization,
      encoding,
    };
    calls.push(call);
    const limit = limits.get(method);
    if (limit && limit.times > 0) {
      limit.times--;
      res.writeHead(429, { 'retry-after': String(limit.retryAfter), 'content-type': 'application/json' });
      res.end(JSON.stringify({ ok: false, error: 'ratelimited' }));
      return;
    }
    const refused = refusal(method, call, options.token) ?? failures.get(method);
    failures.delete(method);
    if (refused) return send(res, 200, { ok: false, error: refused });
    const answer = state.answer(method, call.body);
    if (!answer.ok) return send(res, 200, answer);
    call.ok = true;
    if (typeof answer.ts === 'string') call.ts = answer.ts;
    send(res, 200, answer);
  }

  // The upload URL needs no token (it is a capability), and answers in plain text as Slack's does.
  function upload(res: ServerResponse, id: string, bytes: Buffer): void {
    const result = state.upload(id, bytes);
    res.writeHead(result.ok ? 200 : 400, { 'content-type': 'text/plain' });
    res.end(result.ok ? `OK - ${bytes.byteLength}` : result.error);
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  state = createSlackState(origin);
  const accepted = (method: string) => calls.filter((call) => call.method === method && call.ok);
  return {
    url: `${origin}/api`,
    calls,
    get files() {
      return state.files;
    },
    addMessage: (message) => state.addMessage(message),
    reactionsOn: (channel, ts) => state.reactionsOn(channel, ts),
    rateLimit: (method, times, retryAfter = 1) => limits.set(method, { times, retryAfter }),
    failNext: (method, error) => failures.set(method, error),
    waitForCalls: async (method, count, timeoutMs = 10_000) => {
      const deadline = Date.now() + timeoutMs;
      while (accepted(method).length < count) {
        if (Date.now() > deadline) {
          throw new Error(
            `waited ${timeoutMs} ms for ${count} ${method} call(s), got ${accepted(method).length}`,
          );
        }
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      return accepted(method);
    },
    reset: () => {
      calls.length = 0;
      limits.clear();
      failures.clear();
      state = createSlackState(origin);
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

// Methods whose arguments Slack reads from a JSON body; the others take form fields (or a query) only.
const jsonMethods = new Set([
  'chat.postMessage',
  'chat.postEphemeral',
  'chat.update',
  'reactions.add',
  'reactions.remove',
  'files.completeUploadExternal',
]);

// The checks Slack makes before looking at the arguments, with its error codes.
function refusal(method: string, call: SlackCall, token: string | undefined): string | undefined {
  if (!knownMethods.has(method)) return 'unknown_method';
  if (!call.authorization) return 'not_authed';
  if (token !== undefined && call.authorization !== `Bearer ${token}`) return 'invalid_auth';
  if (call.encoding === 'json' && !jsonMethods.has(method)) call.body = {};
  return undefined;
}

const knownMethods = new Set([
  'auth.test',
  ...jsonMethods,
  'conversations.history',
  'conversations.replies',
  'files.getUploadURLExternal',
]);

function decode(encoding: 'json' | 'form', text: string): Record<string, unknown> {
  if (encoding === 'json') {
    try {
      return JSON.parse(text) as Record<string, unknown>;
    } catch {
      return {};
    }
  }
  const fields: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(text)) fields[key] = value;
  return fields;
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
