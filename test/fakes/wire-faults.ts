/**
 * One fault-injection shape for every HTTP fake (kube-apiserver, AWS, Cost Explorer, Gemini): the
 * failures a real network and a real overloaded API produce, injected in front of the fake's own
 * handler so its protocol logic stays untouched.
 *
 *   fake.wire.inject({ kind: 'status', status: 503, times: 3 });        // a burst, then recovery
 *   fake.wire.inject({ kind: 'stall', times: Infinity });               // until fake.wire.clear()
 *
 * - latency: the request is answered normally, `ms` later.
 * - status: an error in the service's own error shape (`renderStatus`), `Retry-After` when asked.
 * - reset: the status line, headers and half the body, then the TCP connection is destroyed.
 * - truncate: a complete response (Content-Length matches) whose JSON/XML body is cut in half.
 * - stall: the status line, headers and half the body, then nothing until `clear()` or close:
 *   a log stream or an SSE stream that stops mid-way without the connection closing.
 */
import type { IncomingMessage, OutgoingHttpHeaders, RequestListener, ServerResponse } from 'node:http';

export type WireFault =
  | { kind: 'latency'; ms: number }
  | { kind: 'status'; status: number; retryAfterSeconds?: number }
  | { kind: 'reset' }
  | { kind: 'truncate' }
  | { kind: 'stall' };

export type WireFaultRule = WireFault & {
  /** Only requests whose URL (path and query) contains this; every request when omitted. */
  pathIncludes?: string;
  /** How many matching requests it hits: default 1; `Infinity` until `clear()`. */
  times?: number;
};

/** An error body in the service's own shape, for a `status` fault. */
export type RenderedError = { contentType: string; body: string };

export type WireFaults = {
  inject(...rules: WireFaultRule[]): void;
  /** Forgets pending rules and releases stalled responses (their connections are destroyed). */
  clear(): void;
  /** How many requests a fault hit since start. */
  hits(): number;
  /** The fake's request listener with the faults in front of it. */
  wrap(listener: RequestListener): RequestListener;
};

type Pending = WireFaultRule & { remaining: number };

export function createWireFaults(
  renderStatus: (status: number, req: IncomingMessage) => RenderedError,
): WireFaults {
  let rules: Pending[] = [];
  const held = new Set<ServerResponse>();
  let hits = 0;
  const take = (url: string): Pending | undefined => {
    const rule = rules.find((r) => r.remaining > 0 && (!r.pathIncludes || url.includes(r.pathIncludes)));
    if (rule) rule.remaining -= 1;
    return rule;
  };
  const hold = (res: ServerResponse) => {
    held.add(res);
    res.on('close', () => held.delete(res));
  };
  return {
    inject: (...added) => {
      for (const rule of added) rules.push({ ...rule, remaining: rule.times ?? 1 });
    },
    clear: () => {
      rules = [];
      for (const res of held) res.destroy();
      held.clear();
    },
    hits: () => hits,
    wrap: (listener) => (req, res) => {
      const rule = take(req.url ?? '/');
      if (!rule) return listener(req, res);
      hits += 1;
      if (rule.kind === 'latency') {
        hold(res);
        setTimeout(() => {
          held.delete(res);
          if (!res.destroyed) listener(req, res);
        }, rule.ms);
        return;
      }
      if (rule.kind === 'status') return sendStatus(req, res, rule, renderStatus(rule.status, req));
      if (rule.kind === 'stall') hold(res);
      damage(res, rule.kind);
      listener(req, res);
    },
  };
}

function sendStatus(
  req: IncomingMessage,
  res: ServerResponse,
  rule: { status: number; retryAfterSeconds?: number },
  error: RenderedError,
): void {
  req.resume();
  res.writeHead(rule.status, {
    'content-type': error.contentType,
    'content-length': Buffer.byteLength(error.body),
    ...(rule.retryAfterSeconds === undefined ? {} : { 'retry-after': String(rule.retryAfterSeconds) }),
  });
  res.end(error.body);
}

/**
 * Buffers what the fake writes, then sends it damaged. Patching this one response object is the
 * only way to cut a body every fake builds differently (one `end`, or SSE frames written one by one).
 */
function damage(res: ServerResponse, kind: 'reset' | 'truncate' | 'stall'): void {
  const writeHead = res.writeHead.bind(res);
  const write = res.write.bind(res);
  const end = res.end.bind(res);
  const chunks: Buffer[] = [];
  let status = 200;
  let headers: OutgoingHttpHeaders = {};
  const keep = (chunk: unknown) => {
    if (chunk !== undefined && typeof chunk !== 'function') chunks.push(Buffer.from(chunk as string));
  };
  res.writeHead = ((code: number, ...rest: unknown[]) => {
    status = code;
    const given = rest.find((item) => typeof item === 'object' && item !== null);
    headers = Object.fromEntries(
      Object.entries((given ?? {}) as OutgoingHttpHeaders).map(([key, value]) => [key.toLowerCase(), value]),
    );
    return res;
  }) as typeof res.writeHead;
  res.write = ((chunk: unknown) => {
    keep(chunk);
    return true;
  }) as typeof res.write;
  res.end = ((chunk?: unknown) => {
    keep(chunk);
    const body = Buffer.concat(chunks);
    const half = body.subarray(0, Math.max(1, Math.floor(body.length / 2)));
    res.removeHeader('content-length');
    delete headers['transfer-encoding'];
    const length = kind === 'truncate' ? half.length : body.length;
    writeHead(status, { ...headers, 'content-length': length });
    if (kind === 'truncate') return end(half);
    write(half);
    // Let the half reach the client before the connection dies.
    if (kind === 'reset') setTimeout(() => res.destroy(), 10);
    return res;
  }) as typeof res.end;
}
