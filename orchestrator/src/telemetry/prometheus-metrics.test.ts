import { openTestStore } from '@sre-agent/test/test-database.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AdkEvent, Runner, SessionStore } from '../adk/types.js';
import type { Model, ModelTurn } from '../model/model.js';
import { meteredModel } from './metered-model.js';
import { meteredRunner } from './metered-runner.js';
import { meteredStore } from './metered-store.js';
import { createPrometheusMetrics } from './prometheus-metrics.js';

const answer: ModelTurn = {
  ok: true,
  content: { role: 'model', parts: [{ text: 'fine' }] },
  usage: { promptTokenCount: 100, candidatesTokenCount: 7, thoughtsTokenCount: 3 },
};
const scripted = (turns: ModelTurn[]): Model => ({
  name: 'gemini-test',
  generate: async () => turns.shift() ?? answer,
  async *generateStream() {
    yield { type: 'partial', text: 'fi' };
    yield { type: 'final', turn: turns.shift() ?? answer };
  },
});
const event = (fields: Partial<AdkEvent>): AdkEvent => ({
  id: 'e',
  invocationId: 'i',
  author: 'sre_agent',
  timestamp: 1,
  actions: { stateDelta: {}, artifactDelta: {} },
  ...fields,
});
const runnerOf = (events: AdkEvent[], fail = false): Runner => ({
  health: async () => ({}),
  async *run() {
    yield* events;
    if (fail) throw new Error('lock timeout');
  },
});
const drain = async (events: AsyncIterable<AdkEvent>) => {
  for await (const _ of events);
};
const session = { appName: 'sre_agent', userId: 'u', sessionId: 's' };

let raw: SessionStore;
// PGlite's start and migrations take a while on a busy machine.
beforeAll(async () => {
  raw = await openTestStore();
}, 120_000);
afterAll(() => raw.close());

describe('the orchestrator metrics', () => {
  it('counts model calls and tokens by provider, streaming or not', async () => {
    const metrics = await createPrometheusMetrics();
    const model = meteredModel(
      scripted([answer, { ok: false, errorCode: 'RATE_LIMITED', errorMessage: 'slow down' }]),
      'gemini',
      metrics,
    );
    await model.generate({ systemInstruction: '', contents: [], tools: [] });
    await model.generate({ systemInstruction: '', contents: [], tools: [] });
    for await (const _ of model.generateStream({ systemInstruction: '', contents: [], tools: [] }));
    const text = (await metrics.render()).body;
    expect(text).toContain(
      'sre_agent_model_calls_total{provider="gemini",model="gemini-test",outcome="ok"} 2',
    );
    expect(text).toContain(
      'sre_agent_model_calls_total{provider="gemini",model="gemini-test",outcome="error"} 1',
    );
    expect(text).toContain(
      'sre_agent_model_tokens_total{provider="gemini",model="gemini-test",kind="input"} 200',
    );
    expect(text).toContain(
      'sre_agent_model_tokens_total{provider="gemini",model="gemini-test",kind="output"} 14',
    );
    expect(text).toContain(
      'sre_agent_model_tokens_total{provider="gemini",model="gemini-test",kind="thoughts"} 6',
    );
    expect(text).toMatch(
      /sre_agent_model_call_duration_seconds_count\{provider="gemini",model="gemini-test",outcome="ok"\} 2/,
    );
  });

  it('counts turns by how they ended', async () => {
    const metrics = await createPrometheusMetrics();
    await drain(
      meteredRunner(runnerOf([event({ content: { role: 'model', parts: [{ text: 'ok' }] } })]), metrics).run(
        {} as never,
      ),
    );
    await drain(meteredRunner(runnerOf([event({ longRunningToolIds: ['c1'] })]), metrics).run({} as never));
    await drain(meteredRunner(runnerOf([event({ errorCode: 'MAX_STEPS' })]), metrics).run({} as never));
    await drain(meteredRunner(runnerOf([event({ errorCode: 'CANCELLED' })]), metrics).run({} as never));
    await expect(drain(meteredRunner(runnerOf([], true), metrics).run({} as never))).rejects.toThrow(
      'lock timeout',
    );
    const text = (await metrics.render()).body;
    for (const outcome of ['answered', 'awaiting_confirmation', 'error', 'cancelled', 'failed']) {
      expect(text).toContain(`sre_agent_turns_total{outcome="${outcome}"} 1`);
    }
    expect(text).toContain('sre_agent_turn_duration_seconds_count{outcome="answered"} 1');
  });

  it('counts confirmations asked, approved and refused, and store failures but not 404s', async () => {
    const metrics = await createPrometheusMetrics();
    // The database going away, as a store call meets it.
    const store = meteredStore(
      { ...raw, ping: () => Promise.reject(new Error('connection refused')) },
      metrics,
    );
    await store.createSession(session);
    const confirmations = {
      c1: { hint: 'scale', confirmed: false },
      c2: { hint: 'restart', confirmed: false },
    };
    await store.appendEvent(
      session,
      event({
        id: 'e1',
        actions: { stateDelta: {}, artifactDelta: {}, requestedToolConfirmations: confirmations },
      }),
    );
    const audit = { ...session, invocationId: 'i', tool: 'k8s__scale', args: {}, detail: '' };
    await store.recordAudit({ ...audit, outcome: 'confirmed' });
    await store.recordAudit({ ...audit, outcome: 'declined' });
    await expect(store.updateSessionState({ ...session, sessionId: 'missing' }, {})).rejects.toThrow();
    await expect(store.ping()).rejects.toThrow('connection refused');
    const text = (await metrics.render()).body;
    expect(text).toContain('sre_agent_confirmations_total{event="asked"} 2');
    expect(text).toContain('sre_agent_confirmations_total{event="approved"} 1');
    expect(text).toContain('sre_agent_confirmations_total{event="refused"} 1');
    expect(text).toContain('sre_agent_store_errors_total{operation="ping"} 1');
    expect(text).not.toContain('operation="updateSessionState"');
    expect(text).toContain('sre_agent_process_cpu_seconds_total');
  });
});
