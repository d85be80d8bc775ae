import type { Attributes, AttributeValue, Span } from '@opentelemetry/api';
import type { SpanHandle, TraceRecorder } from '../runner/trace-recorder.js';

export interface OtlpExportOptions {
  /** Where spans are POSTed (OTLP/HTTP JSON), e.g. http://collector:4318/v1/traces. */
  url: string;
  serviceName: string;
  version: string;
}

/** A recorder that also exports; `flush` sends what is batched, `shutdown` flushes and stops. */
export interface ExportingRecorder {
  recorder: TraceRecorder;
  flush(): Promise<void>;
  shutdown(): Promise<void>;
}

/**
 * The dev UI's spans (same names, attributes and ids) also sent over OTLP/HTTP with OpenTelemetry's own
 * SDK, batched. Its modules are imported here, and this module only when OTEL_EXPORTER_OTLP_ENDPOINT is
 * set, so nobody else pays for them. Headers (OTEL_EXPORTER_OTLP_HEADERS) are read by the exporter.
 */
export async function exportSpansOverOtlp(
  inner: TraceRecorder,
  options: OtlpExportOptions,
): Promise<ExportingRecorder> {
  const [api, sdk, { OTLPTraceExporter }, { resourceFromAttributes }] = await Promise.all([
    import('@opentelemetry/api'),
    import('@opentelemetry/sdk-trace-base'),
    import('@opentelemetry/exporter-trace-otlp-http'),
    import('@opentelemetry/resources'),
  ]);
  const provider = new sdk.BasicTracerProvider({
    resource: resourceFromAttributes({
      'service.name': options.serviceName,
      'service.version': options.version,
    }),
    spanProcessors: [new sdk.BatchSpanProcessor(new OTLPTraceExporter({ url: options.url }))],
  });
  const tracer = provider.getTracer('sre-agent', options.version);
  const exported = new WeakMap<SpanHandle, Span>();
  const recorder: TraceRecorder = {
    start(session, name, attributes, parent) {
      const parentSpan = parent && exported.get(parent);
      const context = parentSpan ? api.trace.setSpan(api.ROOT_CONTEXT, parentSpan) : api.ROOT_CONTEXT;
      const span = tracer.startSpan(name, { attributes: toOtel(attributes) }, context);
      // The dev UI's span takes the exported span's ids, so a trace id found in one is found in the other.
      const { traceId, spanId } = span.spanContext();
      const recorded = inner.start(session, name, attributes, parent, { traceId, spanId });
      let ended = false;
      const handle: SpanHandle = {
        traceId,
        spanId,
        end(more = {}) {
          if (ended) return;
          ended = true;
          recorded.end(more);
          span.setAttributes(toOtel(more));
          if (reportsError(more)) span.setStatus({ code: api.SpanStatusCode.ERROR });
          span.end();
        },
      };
      exported.set(handle, span);
      return handle;
    },
    sessionSpans: (appName, sessionId, userId) => inner.sessionSpans(appName, sessionId, userId),
    eventTrace: (eventId, userId) => inner.eventTrace(eventId, userId),
  };
  return { recorder, flush: () => provider.forceFlush(), shutdown: () => provider.shutdown() };
}

// OTel attribute values are primitives or arrays of them; anything else goes as JSON text.
function toOtel(attributes: Record<string, unknown>): Attributes {
  const out: Attributes = {};
  for (const [key, value] of Object.entries(attributes)) {
    if (value === undefined || value === null) continue;
    out[key] =
      isPrimitive(value) || (Array.isArray(value) && value.every(isPrimitive))
        ? (value as AttributeValue)
        : JSON.stringify(value);
  }
  return out;
}

function isPrimitive(value: unknown): boolean {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}

// A tool call that failed or a model call that did: ADK's attributes carry it as `{"error...`.
function reportsError(attributes: Record<string, unknown>): boolean {
  const response =
    attributes['gcp.vertex.agent.tool_response'] ?? attributes['gcp.vertex.agent.llm_response'];
  return typeof response === 'string' && response.startsWith('{"error');
}
