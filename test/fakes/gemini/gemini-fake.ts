// A scripted fake of the Gemini REST API (generativelanguage.googleapis.com) on 127.0.0.1, enough for
// the real @google/genai client: `POST /v1beta/models/{model}:generateContent` and
// `:streamGenerateContent?alt=sse`. Each request consumes the next scripted turn; every request is
// recorded so tests can assert on what the orchestrator sent (contents, tools, systemInstruction).
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createWireFaults, type WireFaults } from '../wire-faults.ts';
import { errorBody, type GeminiTurn, type RecordedRequest, renderTurn, type ScriptStep } from './script.ts';
import { validateRequest } from './validate.ts';

export type { GeminiTurn, RecordedRequest, ScriptStep } from './script.ts';

export interface GeminiFakeOptions {
  script?: ScriptStep[];
  /** When set, requests must carry it as `x-goog-api-key` (or `?key=`). */
  apiKey?: string;
  /** Reject function call turns sent back without their thought signature, as Gemini 3 does. Default true. */
  requireThoughtSignatures?: boolean;
}

export interface GeminiFake {
  /** Base URL for `httpOptions.baseUrl` / `GOOGLE_GEMINI_BASE_URL`. */
  url: string;
  requests: RecordedRequest[];
  /** Expectation failures and protocol violations, in order; a passing test usually asserts it is empty. */
  failures: string[];
  push(...steps: ScriptStep[]): void;
  /** Turns not yet consumed. */
  remaining(): number;
  /** Network and overload faults shared by every fake: latency, 429/5xx, resets, truncation, stalls. */
  wire: WireFaults;
  /** Forgets the script, the requests and the failures: a clean slate between tests sharing one fake. */
  reset(): void;
  close(): Promise<void>;
}

// The Gemini API's path, or Vertex AI's (`/v1beta1/projects/{p}/locations/{l}/publishers/google/models/...`).
const route =
  /^\/(v1(?:alpha|beta|beta1)?)\/(?:projects\/[^/]+\/locations\/[^/]+\/publishers\/google\/)?models\/([^/:]+):(generateContent|streamGenerateContent)$/;

export async function startGeminiFake(options: GeminiFakeOptions = {}): Promise<GeminiFake> {
  const script: ScriptStep[] = [...(options.script ?? [])];
  const requests: RecordedRequest[] = [];
  const failures: string[] = [];
  const hanging = new Set<ServerResponse>();
  const context: HandlerContext = { options, script, requests, failures, hanging };
  const wire = createWireFaults((status) => ({
    contentType: 'application/json; charset=UTF-8',
    body: JSON.stringify(errorBody(status)),
  }));
  const server = createServer(
    wire.wrap((req, res) => {
      handle(context, req, res).catch((error: unknown) => {
        failures.push(`fake crashed: ${String(error)}`);
        if (!res.headersSent) send(res, 500, errorBody(500));
      });
    }),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    failures,
    push: (...steps) => script.push(...steps),
    remaining: () => script.length,
    wire,
    reset: () => {
      wire.clear();
      script.length = 0;
      requests.length = 0;
      failures.length = 0;
    },
    close: async () => {
      wire.clear();
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

interface HandlerContext {
  options: GeminiFakeOptions;
  script: ScriptStep[];
  requests: RecordedRequest[];
  failures: string[];
  hanging: Set<ServerResponse>;
}

async function handle(context: HandlerContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const match = route.exec(url.pathname);
  if (req.method !== 'POST' || !match) return send(res, 404, errorBody(400, `No route for ${url.pathname}`));
  const apiKey = header(req, 'x-goog-api-key') ?? url.searchParams.get('key') ?? undefined;
  if (context.options.apiKey !== undefined && apiKey !== context.options.apiKey) {
    return send(res, 400, errorBody(400, 'API key not valid. Please pass a valid API key.'));
  }
  const body = JSON.parse(await readBody(req)) as Omit<RecordedRequest, 'model' | 'stream' | 'apiKey'>;
  const stream = match[3] === 'streamGenerateContent';
  const request: RecordedRequest = {
    ...body,
    model: match[2]!,
    stream,
    apiKey,
    path: url.pathname,
    ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}),
  };
  context.requests.push(request);
  const invalid = validateRequest(request, context.options.requireThoughtSignatures ?? true);
  if (invalid) {
    context.failures.push(`invalid request: ${invalid}`);
    return send(res, 400, errorBody(400, invalid));
  }
  const turn = nextTurn(context, request);
  if (!turn) return send(res, 400, errorBody(400, context.failures.at(-1)));
  if (turn.delayMs) await new Promise((resolve) => setTimeout(resolve, turn.delayMs));
  if ('hang' in turn) {
    context.hanging.add(res);
    res.on('close', () => context.hanging.delete(res));
    return;
  }
  const reply = renderTurn(turn, request.model, stream);
  if (!stream || reply.status !== 200) return send(res, reply.status, reply.bodies[0]);
  res.writeHead(200, { 'content-type': 'text/event-stream' });
  for (const chunk of reply.bodies) res.write(`data: ${JSON.stringify(chunk)}\r\n\r\n`);
  res.end();
}

function nextTurn(context: HandlerContext, request: RecordedRequest): GeminiTurn | undefined {
  const step = context.script.shift();
  if (!step) {
    context.failures.push(`script exhausted: unexpected request #${context.requests.length}`);
    return undefined;
  }
  try {
    const turn = typeof step === 'function' ? step(request) : step;
    turn.expect?.(request);
    return turn;
  } catch (error) {
    context.failures.push(`expectation failed on request #${context.requests.length}: ${String(error)}`);
    return undefined;
  }
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=UTF-8' });
  res.end(JSON.stringify(body));
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
