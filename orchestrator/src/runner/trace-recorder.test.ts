import { describe, expect, it } from 'vitest';
import { createTraceRecorder } from './trace-recorder.js';

const session = (sessionId: string) => ({ appName: 'sre_agent', userId: 'u', sessionId });

describe('trace recorder', () => {
  it('keeps a bounded number of spans per session and of sessions, forgetting the oldest', () => {
    const recorder = createTraceRecorder({ maxSessions: 2, maxSpansPerSession: 3 });
    for (let index = 0; index < 5; index++) {
      recorder.start(session('a'), `span ${index}`, { 'gcp.vertex.agent.event_id': `e${index}` }).end();
    }
    expect(recorder.sessionSpans('sre_agent', 'a').map((span) => span.name)).toEqual([
      'span 2',
      'span 3',
      'span 4',
    ]);
    expect(recorder.eventTrace('e0')).toBeUndefined();
    expect(recorder.eventTrace('e4')).toMatchObject({ 'gcp.vertex.agent.event_id': 'e4' });
    recorder.start(session('b'), 'b', {}).end();
    recorder.start(session('c'), 'c', {}).end();
    expect(recorder.sessionSpans('sre_agent', 'a')).toEqual([]);
    expect(recorder.eventTrace('e4')).toBeUndefined();
    expect(recorder.sessionSpans('sre_agent', 'c')).toHaveLength(1);
  });

  it('drops the least recently traced sessions when the text kept exceeds its budget', () => {
    const recorder = createTraceRecorder({ maxChars: 5_000 });
    recorder.start(session('old'), 'big', { text: 'x'.repeat(3_000) }).end();
    recorder.start(session('new'), 'big', { text: 'y'.repeat(3_000) }).end();
    expect(recorder.sessionSpans('sre_agent', 'old')).toEqual([]);
    expect(recorder.sessionSpans('sre_agent', 'new')).toHaveLength(1);
  });

  it('links a child to its parent within one trace and records its end only once', () => {
    const recorder = createTraceRecorder();
    const parent = recorder.start(session('s'), 'parent', {});
    const child = recorder.start(session('s'), 'child', { a: 1 }, parent);
    child.end({ b: 2 });
    child.end({ c: 3 });
    parent.end();
    const [first, second] = recorder.sessionSpans('sre_agent', 's');
    expect(first).toMatchObject({
      name: 'child',
      parent_span_id: parent.spanId,
      trace_id: parent.traceId,
      attributes: { a: 1, b: 2 },
    });
    expect(second).toMatchObject({ name: 'parent', parent_span_id: null });
    expect(first!.end_time).toBeGreaterThanOrEqual(first!.start_time);
  });
});
