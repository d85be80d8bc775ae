// One scripted HTTP server for the model vendors' wire protocols (Anthropic, OpenAI, Bedrock): the
// script says what the model "does" next in vendor-neutral terms (call tools, answer, fail, hang),
// and a dialect renders it exactly as that vendor's API would, unary or streamed. Every request is
// recorded, and checked against the vendor's own rules, so a test sees what the orchestrator sent.
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createHttp2Server, type Http2Session } from 'node:http2';
import type { AddressInfo } from 'node:net';
import { createWireFaults, type WireFaults } from './wire-faults.ts';

/** The failures every vendor has, each rendered in the vendor's own status and body. */
export type FakeError = 'auth' | 'rate_limit' | 'overloaded' | 'context_too_long' | 'server';

interface TurnBase {
  /** Runs against the request before answering; a throw fails the request with 400 and is recorded. */
  expect?: (request: FakeRequest) => void;
  delayMs?: number;
}

export type FakeTurn = TurnBase &
  (
    | { functionCalls: Array<{ name: string; args?: Record<string, unknown> }>; text?: string }
    /**
     * `chunks`: how many pieces the text streams in. `streamError`: a streamed answer breaks off after
     * its text with that error, sent inside the stream as the vendor does (a unary answer ignores it).
     */
    | { text: string; chunks?: number; streamError?: FakeError }
    | { error: FakeError; message?: string; retryAfterSeconds?: number }
    /** Never answers: for client timeouts. */
    | { hang: true }
  );

export type FakeStep = FakeTurn | ((request: FakeRequest) => FakeTurn);

export interface FakeRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: Record<string, unknown>;
  stream: boolean;
}

export interface WireReply {
  status: number;
  headers?: Record<string, string>;
  /** A unary JSON body. */
  body?: unknown;
  /** A streamed body, written frame by frame (SSE text or binary event-stream messages). */
  frames?: Array<string | Uint8Array>;
}

/** What makes a fake speak one vendor's API. */
export interface Dialect {
  /** Whether the request is for this API, and whether it asks for a stream. */
  route(method: string, path: string, body: Record<string, unknown>): { stream: boolean } | undefined;
  /** A protocol violation the real API would reject with 400, or undefined. */
  validate(request: FakeRequest): string | undefined;
  render(turn: Exclude<FakeTurn, { hang: true }>, request: FakeRequest): WireReply;
  /** The vendor's error for a broken request or a wire fault. */
  errorReply(status: number, message: string): WireReply;
}

export interface ModelFake {
  url: string;
  requests: FakeRequest[];
  failures: string[];
  push(...steps: FakeStep[]): void;
  remaining(): number;
  wire: WireFaults;
  reset(): void;
  close(): Promise<void>;
}

export interface ModelFakeOptions {
  /** Cleartext HTTP/2 (h2c), for clients that only speak HTTP/2 (the Bedrock runtime SDK); no wire faults. */
  http2?: boolean;
}

export async function startModelFake(
  dialect: Dialect,
  script: FakeStep[] = [],
  options: ModelFakeOptions = {},
): Promise<ModelFake> {
  const steps = [...script];
  const requests: FakeRequest[] = [];
  const failures: string[] = [];
  const hanging = new Set<ServerResponse>();
  const wire = createWireFaults((status) => {
    const reply = dialect.errorReply(status, 'injected fault');
    return { contentType: 'application/json', body: JSON.stringify(reply.body) };
  });
  const reject = (res: ServerResponse, message: string) => {
    failures.push(message);
    send(res, dialect.errorReply(400, message));
  };
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    const text = await readBody(req);
    let body: Record<string, unknown> = {};
    try {
      body = text ? (JSON.parse(text) as Record<string, unknown>) : {};
    } catch {
      return reject(res, `request body is not JSON: ${text.slice(0, 80)}`);
    }
    const routed = dialect.route(req.method ?? 'GET', path, body);
    if (!routed) return reject(res, `no route for ${req.method} ${path}`);
    const request: FakeRequest = { method: req.method ?? 'GET', path, headers: req.headers, body, ...routed };
    requests.push(request);
    const invalid = dialect.validate(request);
    if (invalid) return reject(res, `invalid request #${requests.length}: ${invalid}`);
    const step = steps.shift();
    if (!step) return reject(res, `script exhausted: unexpected request #${requests.length}`);
    let turn: FakeTurn;
    try {
      turn = typeof step === 'function' ? step(request) : step;
      turn.expect?.(request);
    } catch (error) {
      return reject(res, `expectation failed on request #${requests.length}: ${String(error)}`);
    }
    if (turn.delayMs) await new Promise((resolve) => setTimeout(resolve, turn.delayMs));
    if ('hang' in turn) {
      hanging.add(res);
      res.on('close', () => hanging.delete(res));
      return;
    }
    send(res, dialect.render(turn, request));
  };
  const listener = (req: IncomingMessage, res: ServerResponse) => {
    handle(req, res).catch((error: unknown) => {
      failures.push(`fake crashed: ${String(error)}`);
      if (!res.headersSent) send(res, dialect.errorReply(500, 'fake crashed'));
    });
  };
  const sessions = new Set<Http2Session>();
  // The HTTP/2 compatibility API hands over request/response objects shaped like node:http's.
  const server = options.http2
    ? createHttp2Server((req, res) => listener(req as never, res as never)).on('session', (session) => {
        sessions.add(session);
        session.on('close', () => sessions.delete(session));
      })
    : createServer(wire.wrap(listener));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    failures,
    push: (...more) => steps.push(...more),
    remaining: () => steps.length,
    wire,
    reset: () => {
      wire.clear();
      steps.length = 0;
      requests.length = 0;
      failures.length = 0;
    },
    close: async () => {
      wire.clear();
      for (const res of hanging) res.destroy();
      if ('closeAllConnections' in server) server.closeAllConnections();
      for (const session of sessions) session.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function send(res: ServerResponse, reply: WireReply): void {
  if (reply.frames) {
    res.writeHead(reply.status, { 'content-type': 'text/event-stream', ...reply.headers });
    for (const frame of reply.frames) res.write(frame);
    res.end();
    return;
  }
  res.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers });
  res.end(JSON.stringify(reply.body ?? {}));
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Splits text into `count` pieces (at least one), as a streaming API sends it. */
export function pieces(text: string, count: number): string[] {
  const size = Math.max(1, Math.ceil(text.length / Math.max(1, count)));
  const out: string[] = [];
  for (let at = 0; at < text.length; at += size) out.push(text.slice(at, at + size));
  return out.length > 0 ? out : [''];
}
