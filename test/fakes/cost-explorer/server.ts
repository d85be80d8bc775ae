import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createWireFaults, type WireFaults } from '../wire-faults.ts';
import { getAnomalies } from './anomalies.ts';
import { type FakeContext, getCostAndUsage } from './cost-and-usage.ts';
import { getReservationCoverage, getSavingsPlansCoverage } from './coverage.ts';
import { getDimensionValues, getTags } from './dimension-values.ts';
import { CeError, errorBody, statusFor } from './errors.ts';
import { getCostForecast } from './forecast.ts';
import { createLedger, type Ledger, type SpikePlan } from './ledger.ts';
import { getRightsizingRecommendation } from './rightsizing.ts';

type Handler = (body: Record<string, unknown>, ctx: FakeContext) => unknown;

const OPERATIONS: Record<string, Handler> = {
  GetCostAndUsage: getCostAndUsage,
  GetCostForecast: getCostForecast,
  GetAnomalies: getAnomalies,
  GetSavingsPlansCoverage: getSavingsPlansCoverage,
  GetReservationCoverage: getReservationCoverage,
  GetRightsizingRecommendation: getRightsizingRecommendation,
  GetDimensionValues: getDimensionValues,
  GetTags: getTags,
};

const TARGET_PREFIX = 'AWSInsightsIndexService.';
const CONTENT_TYPE = 'application/x-amz-json-1.1';

export interface CostExplorerFakeOptions {
  /** "Today" for the ledger and for date validation; defaults to the real clock. */
  now?: Date;
  seed?: number;
  /** Result cells (period x group) per GetCostAndUsage page, and the default page of list calls. */
  pageSize?: number;
  /** Delay before each response, to make benchmarks feel the network. */
  latencyMs?: number;
  /** Currency of the bill (the Unit of cost amounts); default USD. */
  currency?: string;
  /** Adds credits and refunds to the bill: amounts below zero, one service negative for a month. */
  credits?: boolean;
  /** Extra cost changes planned into the ledger (spikes reported by GetAnomalies too). */
  spikes?: readonly SpikePlan[];
}

export interface InjectedError {
  /** Operation name such as `GetCostAndUsage`; any operation when omitted. */
  operation?: string;
  /** Error type such as `LimitExceededException`, `AccessDeniedException`, `InternalServerError`. */
  type: string;
  message?: string;
  status?: number;
  /** How many requests fail before the operation recovers (default 1). */
  times?: number;
}

interface PendingError {
  operation?: string;
  type: string;
  message?: string;
  status: number;
  times: number;
}

export interface RecordedRequest {
  operation: string;
  body: Record<string, unknown>;
  /** From the SigV4 credential scope, to tell which identity (e.g. an assumed role) signed it. */
  accessKeyId: string;
  /** The region the request was signed for (Cost Explorer's is us-east-1 whatever the caller's). */
  region: string;
}

export interface CostExplorerFake {
  /** Pass as the SDK's `endpoint`. */
  url: string;
  ledger: Ledger;
  now: Date;
  pageSize: number;
  requests: RecordedRequest[];
  requestCount(operation?: string): number;
  resetRequests(): void;
  injectError(error: InjectedError): void;
  clearErrors(): void;
  /** Network and overload faults shared by every fake: latency, 429/5xx, resets, truncation, stalls. */
  wire: WireFaults;
  close(): Promise<void>;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function send(res: ServerResponse, status: number, body: string): void {
  res.writeHead(status, {
    'content-type': CONTENT_TYPE,
    'x-amzn-requestid': randomUUID(),
    'content-length': Buffer.byteLength(body),
  });
  res.end(body);
}

/** Checks what the real endpoint checks before it looks at the operation. */
function checkEnvelope(req: IncomingMessage): string {
  if (req.method !== 'POST' || (req.url ?? '/') !== '/')
    throw new CeError('UnknownOperationException', 'Not found', 404);
  if (!String(req.headers.authorization ?? '').startsWith('AWS4-HMAC-SHA256')) {
    throw new CeError('MissingAuthenticationTokenException', 'Missing Authentication Token');
  }
  if (!String(req.headers['content-type'] ?? '').startsWith(CONTENT_TYPE)) {
    throw new CeError('SerializationException', `Content-Type must be ${CONTENT_TYPE}`);
  }
  const target = String(req.headers['x-amz-target'] ?? '');
  if (!target.startsWith(TARGET_PREFIX))
    throw new CeError('UnknownOperationException', `Unknown target ${target}`);
  return target.slice(TARGET_PREFIX.length);
}

function parseJson(text: string): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(text || '{}');
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed))
      return parsed as Record<string, unknown>;
  } catch {
    // fall through to the error the service would send
  }
  throw new CeError('SerializationException', 'Request body is not a JSON object');
}

interface FakeState {
  ledger: Ledger;
  now: Date;
  requests: RecordedRequest[];
  injected: PendingError[];
  settings: { pageSize: number; latencyMs: number };
}

function takeInjected(injected: PendingError[], operation: string): CeError | undefined {
  const hit = injected.find((e) => (e.operation ?? operation) === operation && e.times > 0);
  if (!hit) return undefined;
  hit.times -= 1;
  return new CeError(hit.type, hit.message ?? `Injected ${hit.type}`, hit.status);
}

/** Records the request, then answers it: an injected error, the operation's result, or its error. */
async function handle(state: FakeState, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const text = await readBody(req);
  if (state.settings.latencyMs) await new Promise((resolve) => setTimeout(resolve, state.settings.latencyMs));
  try {
    const operation = checkEnvelope(req);
    const body = parseJson(text);
    const scope = /Credential=([^/]+)\/\d{8}\/([^/]+)\//.exec(String(req.headers.authorization));
    state.requests.push({ operation, body, accessKeyId: scope?.[1] ?? '', region: scope?.[2] ?? '' });
    const failure = takeInjected(state.injected, operation);
    if (failure) throw failure;
    const handler = OPERATIONS[operation];
    if (!handler) throw new CeError('UnknownOperationException', `The fake does not implement ${operation}`);
    const { ledger, now } = state;
    send(res, 200, JSON.stringify(handler(body, { ledger, now, pageSize: state.settings.pageSize })));
  } catch (error) {
    const ce = error instanceof CeError ? error : new CeError('InternalServerError', 'Internal error', 500);
    send(res, ce.status, errorBody(ce));
  }
}

export async function startCostExplorerFake(
  options: CostExplorerFakeOptions = {},
): Promise<CostExplorerFake> {
  const now = options.now ?? new Date();
  const state: FakeState = {
    ledger: createLedger({
      now,
      ...(options.seed === undefined ? {} : { seed: options.seed }),
      ...(options.currency ? { currency: options.currency } : {}),
      credits: options.credits === true,
      ...(options.spikes ? { spikes: options.spikes } : {}),
    }),
    now,
    requests: [],
    injected: [],
    settings: { pageSize: options.pageSize ?? 50, latencyMs: options.latencyMs ?? 0 },
  };
  const wire = createWireFaults((status) => {
    const type =
      status === 429
        ? 'ThrottlingException'
        : status === 503
          ? 'ServiceUnavailableException'
          : 'InternalServerError';
    return { contentType: CONTENT_TYPE, body: errorBody(new CeError(type, `Injected ${type}`, status)) };
  });
  const server = createServer(wire.wrap((req, res) => void handle(state, req, res)));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const { requests, injected, settings } = state;
  return {
    url: `http://127.0.0.1:${port}`,
    ledger: state.ledger,
    now,
    get pageSize() {
      return settings.pageSize;
    },
    set pageSize(size: number) {
      settings.pageSize = size;
    },
    requests,
    requestCount: (operation?: string) =>
      requests.filter((r) => !operation || r.operation === operation).length,
    resetRequests: () => void requests.splice(0),
    injectError: (error: InjectedError) =>
      void injected.push({ times: 1, status: statusFor(error.type), ...error }),
    clearErrors: () => void injected.splice(0),
    wire,
    close: () =>
      new Promise<void>((resolve, reject) => {
        wire.clear();
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}
