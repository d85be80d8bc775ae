// A fake of the Slack Web API (https://slack.com/api/{method}) on 127.0.0.1, enough for the bot's
// chat.postMessage / chat.postEphemeral / chat.update: bearer token checked, JSON or form bodies, Slack's
// `{ok, error}` envelope (HTTP 200 even for errors), and rate limiting as Slack does it (HTTP 429 with
// Retry-After in seconds). Every call is recorded so tests assert on what the bot posted.
import { randomInt } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SlackCall {
  method: string;
  /** The decoded body (JSON, or a form's fields). */
  body: Record<string, unknown>;
  authorization: string | undefined;
  /** The ts the fake answered with, for calls that were accepted. */
  ts?: string;
}

export interface SlackFake {
  /** Base URL for `SLACK_API_BASE_URL`, without a trailing slash. */
  url: string;
  /** Accepted and refused calls alike, in arrival order. */
  calls: SlackCall[];
  /** The next `times` calls of `method` get HTTP 429 with `Retry-After: retryAfterSeconds`. */
  rateLimit(method: string, times: number, retryAfterSeconds?: number): void;
  /** The next call of `method` fails with `{ok: false, error}`. */
  failNext(method: string, error: string): void;
  /** Resolves with the accepted calls of `method` once `count` of them arrived (rejects after timeoutMs). */
  waitForCalls(method: string, count: number, timeoutMs?: number): Promise<SlackCall[]>;
  reset(): void;
  close(): Promise<void>;
}

const knownMethods = new Set(['chat.postMessage', 'chat.postEphemeral', 'chat.update', 'auth.test']);

export async function startSlackFake(options: { token?: string } = {}): Promise<SlackFake> {
  const calls: SlackCall[] = [];
  const limits = new Map<string, { times: number; retryAfter: number }>();
  const failures = new Map<string, string>();
  const server = createServer((req, res) => {
    handle(req, res).catch(() => send(res, 500, { ok: false, error: 'fatal_error' }));
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = new URL(req.url ?? '/', 'http://127.0.0.1').pathname.replace(/^\/(api\/)?/, '');
    const call: SlackCall = {
      method,
      body: decode(req, await readBody(req)),
      authorization: req.headers.authorization,
    };
    calls.push(call);
    const limit = limits.get(method);
    if (limit && limit.times > 0) {
      limit.times--;
      res.writeHead(429, { 'retry-after': String(limit.retryAfter), 'content-type': 'application/json' });
      res.end(JSON.stringify({ ok: false, error: 'ratelimited' }));
      return;
    }
    const error = refusal(method, call, options.token) ?? failures.get(method);
    failures.delete(method);
    if (error) return send(res, 200, { ok: false, error });
    call.ts = method === 'chat.update' ? String(call.body.ts) : newTs();
    send(res, 200, {
      ok: true,
      channel: call.body.channel,
      ts: call.ts,
      message: { ...call.body, ts: call.ts },
    });
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const accepted = (method: string) =>
    calls.filter((call) => call.method === method && call.ts !== undefined);
  return {
    url: `http://127.0.0.1:${port}/api`,
    calls,
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
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

// The checks Slack makes before anything else, with its error codes.
function refusal(method: string, call: SlackCall, token: string | undefined): string | undefined {
  if (!knownMethods.has(method)) return 'unknown_method';
  if (!call.authorization) return 'not_authed';
  if (token !== undefined && call.authorization !== `Bearer ${token}`) return 'invalid_auth';
  if (method === 'auth.test') return undefined;
  if (typeof call.body.channel !== 'string' || call.body.channel === '') return 'channel_not_found';
  if (!call.body.text && !call.body.blocks) return 'no_text';
  if (method === 'chat.postEphemeral' && typeof call.body.user !== 'string') return 'user_not_in_channel';
  if (method === 'chat.update' && typeof call.body.ts !== 'string') return 'message_not_found';
  return undefined;
}

function decode(req: IncomingMessage, text: string): Record<string, unknown> {
  if ((req.headers['content-type'] ?? '').includes('application/json')) {
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

let sequence = 0;
/** Slack's message ids: epoch seconds, a dot, six digits, unique per channel. */
function newTs(): string {
  sequence = (sequence + 1) % 1_000;
  return `${Math.floor(Date.now() / 1000)}.${String(randomInt(1_000)).padStart(3, '0')}${String(sequence).padStart(3, '0')}`;
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
