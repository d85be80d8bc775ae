import { randomBytes } from 'node:crypto';
import type { SessionKey } from '../adk/types.js';

// The spans ADK's api_server keeps in memory for its dev UI (Traces tab, event inspector): one per model
// call and per tool call under an invocation, with ADK's attribute names, so the UI reads them unchanged.
// Sent over OTLP too when OTEL_EXPORTER_OTLP_ENDPOINT is set (telemetry/otlp-trace-recorder.ts). Memory is
// bounded by sessions kept and spans per session, oldest dropped.

/** One finished span as `/debug/trace/session/{id}` returns it (ADK Python's field names, times in ns). */
export interface RecordedSpan {
  name: string;
  trace_id: string;
  span_id: string;
  parent_span_id: string | null;
  start_time: number;
  end_time: number;
  attributes: Record<string, unknown>;
}

export interface SpanHandle {
  readonly traceId: string;
  readonly spanId: string;
  /** Finishes the span with its last attributes; a second call does nothing. */
  end(attributes?: Record<string, unknown>): void;
}

export interface TraceRecorder {
  start(
    session: SessionKey,
    name: string,
    attributes: Record<string, unknown>,
    parent?: SpanHandle,
    /** The span's ids when another tracer made them (the OTLP export), so both show the same trace. */
    ids?: { traceId: string; spanId: string },
  ): SpanHandle;
  /** The session's spans, oldest first; `userId` narrows them to that user's session. */
  sessionSpans(appName: string, sessionId: string, userId?: string): RecordedSpan[];
  /** The attributes of the model or tool span that produced an event, plus its ids, as ADK answers. */
  eventTrace(eventId: string, userId?: string): Record<string, unknown> | undefined;
}

export interface TraceLimits {
  maxSessions: number;
  maxSpansPerSession: number;
  /** Characters of attribute text kept in all; the least recently traced sessions go first. */
  maxChars: number;
}

const defaultLimits: TraceLimits = { maxSessions: 200, maxSpansPerSession: 400, maxChars: 32_000_000 };

const eventIdKey = 'gcp.vertex.agent.event_id';
const nowNs = () => Math.round((performance.timeOrigin + performance.now()) * 1e6);
const hexId = (bytes: number) => randomBytes(bytes).toString('hex');

export function createTraceRecorder(overrides: Partial<TraceLimits> = {}): TraceRecorder {
  const limits = { ...defaultLimits, ...overrides };
  // Map order is insertion order: re-inserting a session on each span keeps the most recent last.
  const sessions = new Map<string, { userId: string; spans: RecordedSpan[] }>();
  const byEvent = new Map<string, { span: RecordedSpan; userId: string }>();
  let totalChars = 0;

  const keep = (session: SessionKey, span: RecordedSpan) => {
    const key = `${session.appName}\u0000${session.sessionId}`;
    const entry = sessions.get(key) ?? { userId: session.userId, spans: [] };
    sessions.delete(key);
    sessions.set(key, entry);
    entry.spans.push(span);
    totalChars += sizeOf(span);
    if (entry.spans.length > limits.maxSpansPerSession) forget(entry.spans.shift());
    const eventId = span.attributes[eventIdKey];
    if (typeof eventId === 'string') byEvent.set(eventId, { span, userId: session.userId });
    while (sessions.size > limits.maxSessions || (totalChars > limits.maxChars && sessions.size > 1)) {
      const [oldest] = sessions.keys();
      if (oldest === undefined) break;
      for (const dropped of sessions.get(oldest)?.spans ?? []) forget(dropped);
      sessions.delete(oldest);
    }
  };
  const forget = (span: RecordedSpan | undefined) => {
    if (span) totalChars -= sizeOf(span);
    const eventId = span?.attributes[eventIdKey];
    if (typeof eventId === 'string' && byEvent.get(eventId)?.span === span) byEvent.delete(eventId);
  };

  return {
    start(session, name, attributes, parent, ids) {
      const traceId = ids?.traceId ?? parent?.traceId ?? hexId(16);
      const spanId = ids?.spanId ?? hexId(8);
      const startTime = nowNs();
      let ended = false;
      return {
        traceId,
        spanId,
        end(more = {}) {
          if (ended) return;
          ended = true;
          keep(session, {
            name,
            trace_id: traceId,
            span_id: spanId,
            parent_span_id: parent?.spanId ?? null,
            start_time: startTime,
            end_time: nowNs(),
            attributes: { ...attributes, ...more },
          });
        },
      };
    },
    sessionSpans(appName, sessionId, userId) {
      const entry = sessions.get(`${appName}\u0000${sessionId}`);
      if (entry === undefined || (userId !== undefined && entry.userId !== userId)) return [];
      return [...entry.spans];
    },
    eventTrace(eventId, userId) {
      const found = byEvent.get(eventId);
      if (found === undefined || (userId !== undefined && found.userId !== userId)) return undefined;
      return { ...found.span.attributes, trace_id: found.span.trace_id, span_id: found.span.span_id };
    },
  };
}

function sizeOf(span: RecordedSpan): number {
  let chars = 200;
  for (const value of Object.values(span.attributes)) chars += typeof value === 'string' ? value.length : 16;
  return chars;
}
