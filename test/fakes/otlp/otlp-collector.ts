// An OpenTelemetry collector's OTLP/HTTP trace receiver, as far as the JSON encoding goes: POST
// /v1/traces with an ExportTraceServiceRequest (resourceSpans > scopeSpans > spans, ids as hex, attribute
// values as AnyValue objects), answered with an empty ExportTraceServiceResponse. Protobuf bodies are
// refused with 415 (the exporter under test is the JSON one, @opentelemetry/exporter-trace-otlp-http).
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

interface AnyValue {
  stringValue?: string;
  intValue?: string | number;
  doubleValue?: number;
  boolValue?: boolean;
  arrayValue?: { values?: AnyValue[] };
}

/** One received span, flattened: attributes as plain values, the resource's service name beside it. */
export interface CollectedSpan {
  name: string;
  traceId: string;
  spanId: string;
  parentSpanId: string;
  service: string;
  attributes: Record<string, unknown>;
  /** OTLP status code: 0 unset, 1 ok, 2 error. */
  status: number;
}

export interface OtlpCollector {
  /** Base URL, as OTEL_EXPORTER_OTLP_ENDPOINT takes it (the exporter appends /v1/traces). */
  url: string;
  spans: CollectedSpan[];
  /** Resolves once at least `count` spans arrived (or rejects after `timeoutMs`). */
  waitForSpans(count: number, timeoutMs?: number): Promise<CollectedSpan[]>;
  close(): Promise<void>;
}

type KeyValue = { key: string; value: AnyValue };
type ExportRequest = {
  resourceSpans?: {
    resource?: { attributes?: KeyValue[] };
    scopeSpans?: {
      spans?: {
        name: string;
        traceId: string;
        spanId: string;
        parentSpanId?: string;
        attributes?: KeyValue[];
        status?: { code?: number };
      }[];
    }[];
  }[];
};

export async function startOtlpCollector(): Promise<OtlpCollector> {
  const spans: CollectedSpan[] = [];
  const server = createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    if (request.method !== 'POST' || request.url !== '/v1/traces') {
      return void response.writeHead(404).end();
    }
    if (!request.headers['content-type']?.startsWith('application/json')) {
      return void response.writeHead(415).end();
    }
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as ExportRequest;
    for (const resourceSpans of body.resourceSpans ?? []) {
      const resource = flatten(resourceSpans.resource?.attributes);
      for (const scope of resourceSpans.scopeSpans ?? []) {
        for (const span of scope.spans ?? []) {
          spans.push({
            name: span.name,
            traceId: span.traceId,
            spanId: span.spanId,
            parentSpanId: span.parentSpanId ?? '',
            service: String(resource['service.name'] ?? ''),
            attributes: flatten(span.attributes),
            status: span.status?.code ?? 0,
          });
        }
      }
    }
    response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    spans,
    async waitForSpans(count, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      while (spans.length < count) {
        if (Date.now() > deadline) throw new Error(`${spans.length} spans arrived, wanted ${count}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      return spans;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function flatten(attributes: KeyValue[] | undefined): Record<string, unknown> {
  return Object.fromEntries((attributes ?? []).map(({ key, value }) => [key, plain(value)]));
}

function plain(value: AnyValue): unknown {
  if (value.stringValue !== undefined) return value.stringValue;
  if (value.intValue !== undefined) return Number(value.intValue);
  if (value.doubleValue !== undefined) return value.doubleValue;
  if (value.boolValue !== undefined) return value.boolValue;
  if (value.arrayValue) return (value.arrayValue.values ?? []).map(plain);
  return undefined;
}
