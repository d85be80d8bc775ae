/** The fake kube-apiserver: one HTTP server on 127.0.0.1 in front of the store, with auth and fault hooks. */

import { randomUUID } from 'node:crypto';
import { appendFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { createWireFaults, type WireFaults } from '../wire-faults.ts';
import type { FaultMatch, Faults } from './faults.ts';
import { createFaults, statusBody } from './faults.ts';
import { defaultFixtures } from './fixtures.ts';
import type { KubeconfigOptions } from './kubeconfig.ts';
import { writeKubeconfigFile } from './kubeconfig.ts';
import { type MetricsData, metricsList } from './metrics.ts';
import type { RouteContext } from './router.ts';
import { handleResource, parseRoute, targetOf } from './router.ts';
import { badRequest, KubeError, unauthorized } from './status.ts';
import type { ObjectStore } from './store.ts';
import { createObjectStore } from './store.ts';
import { toTable, wantsTable } from './table.ts';
import type { KubeObject, PodLogs } from './types.ts';

export type KubeApiServerOptions = {
  /** Objects to serve; when omitted, `defaultFixtures()` (objects and logs). */
  objects?: KubeObject[];
  logs?: PodLogs;
  /** When set, every request must carry `Authorization: Bearer <token>`. */
  token?: string;
  /** The user named in 403 messages; default `system:serviceaccount:x:y`. */
  forbiddenUser?: string;
  /** Clock for log `sinceSeconds`; default the wall clock. */
  now?: () => Date;
  /** metrics.k8s.io content; absent = metrics-server not installed (its paths answer 404). */
  metrics?: MetricsData;
};

export type RecordedRequest = {
  method: string;
  path: string;
  query: Record<string, string>;
  /** Content-Type of requests with a body (which patch type a client chose). */
  contentType?: string;
};

export type FakeKubeApiServer = {
  url: string;
  requests: RecordedRequest[];
  store: ObjectStore;
  logs: PodLogs;
  close(): Promise<void>;
  writeKubeconfig(dir: string, opts?: KubeconfigOptions): string;
  failNext(match: FaultMatch, status: number, message?: string): void;
  setLatencyMs(ms: number): void;
  dropNextConnection(pathIncludes: string): void;
  /** Network and overload faults shared by every fake: latency, 429/5xx, resets, truncation, stalls. */
  wire: WireFaults;
};

type Env = {
  ctx: RouteContext;
  faults: Faults;
  token?: string;
  requests: RecordedRequest[];
  metrics?: MetricsData;
};

const readBody = async (req: IncomingMessage): Promise<unknown> => {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  if (chunks.length === 0) return undefined;
  const text = Buffer.concat(chunks).toString('utf8');
  // Server-side apply bodies are YAML; the patch step answers those with 415.
  if (req.headers['content-type']?.startsWith('application/apply-patch')) return text;
  try {
    return JSON.parse(text);
  } catch (err) {
    throw badRequest(`couldn't get version/kind; json parse error: ${(err as Error).message}`);
  }
};

const send = (res: ServerResponse, code: number, body: unknown, contentType = 'application/json'): void => {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(code, {
    'Content-Type': contentType,
    'Cache-Control': 'no-cache, private',
    'Audit-Id': randomUUID(),
    ...(code === 429 ? { 'Retry-After': '1' } : {}),
  });
  res.end(text);
};

const requestLog = process.env.SRE_KUBE_REQUEST_LOG;

const serve = async (env: Env, req: IncomingMessage, res: ServerResponse): Promise<void> => {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const method = (req.method ?? 'GET').toUpperCase();
  const contentType = req.headers['content-type'];
  const recorded = {
    method,
    path: url.pathname,
    query: Object.fromEntries(url.searchParams),
    ...(contentType ? { contentType } : {}),
  };
  env.requests.push(recorded);
  // Every fake of a test run into one file, for checking the suite's calls against the RBAC rules
  // (test/k8s-rbac.test.ts, SRE_KUBE_REQUEST_LOG_CHECK).
  if (requestLog) appendFileSync(requestLog, `${JSON.stringify(recorded)}\n`);
  if (env.faults.takeDrop(url.pathname)) {
    req.socket.destroy();
    return;
  }
  const latency = env.faults.latencyMs();
  if (latency > 0) await sleep(latency);
  try {
    if (env.token && req.headers.authorization !== `Bearer ${env.token}`) throw unauthorized();
    if (url.pathname.startsWith('/apis/metrics.k8s.io/')) return serveMetrics(env, method, url.pathname, res);
    const route = parseRoute(url.pathname, env.ctx);
    const injected = env.faults.takeFailure(method, url.pathname, targetOf(route, method, url.searchParams));
    if (injected) throw injected;
    if (!route) return send(res, 404, '404 page not found\n', 'text/plain; charset=utf-8');
    if (route.type === 'health') return send(res, 200, 'ok', 'text/plain; charset=utf-8');
    if (route.type === 'doc') return send(res, 200, route.body);
    const body = ['POST', 'PUT', 'PATCH'].includes(method) ? await readBody(req) : undefined;
    const request = { method, query: url.searchParams, body, contentType: contentType ?? '' };
    const out = handleResource(route, request, env.ctx);
    if (method === 'GET' && !route.subresource && wantsTable(req.headers.accept)) {
      const table = toTable(route.def, out.body as Record<string, unknown>, env.ctx.now());
      return send(res, out.code, table);
    }
    send(res, out.code, out.body, out.contentType);
  } catch (err) {
    if (err instanceof KubeError) return send(res, err.status.code, err.status);
    // A bug in the fake must still look like an API server failure, not hang the client.
    console.error('fake kube-apiserver:', err);
    send(res, 500, new KubeError(500, `Internal error occurred: ${(err as Error).message}`).status);
  }
};

/** metrics-server's aggregated API: lists only, 404 when not installed, faults as for any path. */
const serveMetrics = (env: Env, method: string, path: string, res: ServerResponse): void => {
  const injected = env.faults.takeFailure(method, path, {
    verb: method === 'GET' ? 'list' : method.toLowerCase(),
  });
  if (injected) throw injected;
  const body = env.metrics && method === 'GET' ? metricsList(path, env.metrics) : undefined;
  if (body) send(res, 200, body);
  else send(res, 404, '404 page not found\n', 'text/plain; charset=utf-8');
};

export const startKubeApiServer = async (options: KubeApiServerOptions = {}): Promise<FakeKubeApiServer> => {
  const fixture = options.objects
    ? { objects: options.objects, logs: options.logs ?? {} }
    : defaultFixtures();
  const store = createObjectStore(fixture.objects);
  const logs = options.logs ?? fixture.logs;
  const faults = createFaults(options.forbiddenUser ?? 'system:serviceaccount:x:y');
  const requests: RecordedRequest[] = [];
  const ctx: RouteContext = { store, logs, now: options.now ?? (() => new Date()), serverAddress: '' };
  const env: Env = {
    ctx,
    faults,
    requests,
    ...(options.token ? { token: options.token } : {}),
    ...(options.metrics ? { metrics: options.metrics } : {}),
  };
  const wire = createWireFaults((status) => ({ contentType: 'application/json', body: statusBody(status) }));
  const server = createServer(wire.wrap((req, res) => void serve(env, req, res)));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  ctx.serverAddress = `127.0.0.1:${port}`;
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    requests,
    store,
    logs,
    close: () =>
      new Promise<void>((resolve, reject) => {
        wire.clear();
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
    wire,
    writeKubeconfig: (dir, opts = {}) =>
      writeKubeconfigFile(dir, url, { ...opts, token: opts.token ?? options.token }),
    failNext: faults.failNext,
    setLatencyMs: faults.setLatencyMs,
    dropNextConnection: faults.dropNextConnection,
  };
};
