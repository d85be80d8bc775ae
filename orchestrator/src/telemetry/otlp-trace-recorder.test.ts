import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type OtlpCollector, startOtlpCollector } from '../../../test/fakes/otlp/otlp-collector.js';
import { createTraceRecorder } from '../runner/trace-recorder.js';
import { endTurnTrace, startTurnTrace, traceModelCall, traceToolCall } from '../runner/turn-trace.js';
import { exportSpansOverOtlp } from './otlp-trace-recorder.js';

let collector: OtlpCollector;
beforeAll(async () => {
  collector = await startOtlpCollector();
});
afterAll(() => collector.close());

const session = { appName: 'sre_agent', userId: 'oncall', sessionId: 's-1' };

describe('spans over OTLP', () => {
  it('exports the dev UI spans, with their names, attributes, ids and the turn id', async () => {
    const inner = createTraceRecorder();
    const otlp = await exportSpansOverOtlp(inner, {
      url: `${collector.url}/v1/traces`,
      serviceName: 'sre-agent',
      version: '9.9.9',
    });
    const trace = startTurnTrace(otlp.recorder, session, 'e-turn-42', 'sre_agent');
    const request = { systemInstruction: 'be brief', contents: [], tools: [] };
    traceModelCall(
      trace,
      'ev-1',
      'gemini-test',
      request,
    )({
      ok: true,
      content: { role: 'model', parts: [{ text: 'hi' }] },
      usage: { promptTokenCount: 12, candidatesTokenCount: 3 },
    });
    const call = { id: 'c-1', name: 'k8s__list_namespaces', args: {} };
    traceToolCall(trace, 'ev-2', call, 'Lists namespaces')({ isError: true, text: 'forbidden' });
    endTurnTrace(trace);
    await otlp.shutdown();

    const spans = await collector.waitForSpans(4);
    const byName = Object.fromEntries(spans.map((span) => [span.name, span]));
    expect(Object.keys(byName).sort()).toEqual([
      'call_llm',
      'execute_tool k8s__list_namespaces',
      'invocation',
      'invoke_agent sre_agent',
    ]);
    const [invocation, agent, llm, tool] = [
      byName.invocation,
      byName['invoke_agent sre_agent'],
      byName.call_llm,
      byName['execute_tool k8s__list_namespaces'],
    ];
    expect(new Set(spans.map((span) => span.traceId)).size).toBe(1);
    expect(agent?.parentSpanId).toBe(invocation?.spanId);
    expect(llm?.parentSpanId).toBe(agent?.spanId);
    expect(invocation?.service).toBe('sre-agent');
    for (const span of spans) expect(span.attributes['gcp.vertex.agent.invocation_id']).toBe('e-turn-42');
    expect(llm?.attributes).toMatchObject({
      'gen_ai.request.model': 'gemini-test',
      'gen_ai.usage.input_tokens': 12,
      'gen_ai.usage.output_tokens': 3,
      'gcp.vertex.agent.event_id': 'ev-1',
    });
    expect(tool?.attributes).toMatchObject({
      'gen_ai.tool.name': 'k8s__list_namespaces',
      'gen_ai.tool.call.id': 'c-1',
    });
    expect(tool?.status).toBe(2);
    // The dev UI's copy has the same ids as the exported one.
    const recorded = inner.sessionSpans('sre_agent', 's-1');
    expect(recorded.map((span) => span.span_id).sort()).toEqual(spans.map((span) => span.spanId).sort());
    expect(recorded[0]?.trace_id).toBe(invocation?.traceId);
  });
});
