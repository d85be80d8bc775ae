// What a message may hold, checked at the door: a part Gemini would refuse is never stored (once stored,
// it breaks every later turn of the session), and `null` means "absent" as in ADK's pydantic models.

import { createLogger } from '@sre-agent/shared';
import { openTestStore } from '@sre-agent/test/test-database.ts';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Runner, Session, SessionStore } from '../adk/types.js';
import { createApp } from './create-app.js';

type RunInput = Parameters<Runner['run']>[0];
const runs: RunInput[] = [];
let store: SessionStore;
let app: ReturnType<typeof createApp>;

beforeAll(async () => {
  store = await openTestStore();
  const runner: Runner = {
    // Records what reached it; a turn's events are the runner's business, tested elsewhere.
    run: async function* (input) {
      runs.push(input);
      yield* [];
    },
    health: async () => ({}),
  };
  const logger = createLogger({ name: 'test', level: 'error', write: () => {} });
  app = createApp({ store, runner, config: { apiToken: undefined, corsOrigins: [] }, logger, version: '1' });
  await store.createSession({ appName: 'sre_agent', userId: 'u', sessionId: 's' });
});
afterAll(() => store.close());
beforeEach(() => {
  runs.length = 0;
});

const post = (path: string, body: unknown) =>
  app.request(path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
const run = (parts: unknown[], extra: object = {}) =>
  post('/run', {
    app_name: 'sre_agent',
    user_id: 'u',
    session_id: 's',
    new_message: { role: 'user', parts },
    ...extra,
  });

type Issue = { loc: (string | number)[]; msg: string };
async function issues(response: Response): Promise<Issue[]> {
  expect(response.status).toBe(422);
  return ((await response.json()) as { detail: Issue[] }).detail;
}

describe('message parts', () => {
  it('refuses a part Gemini would refuse with 422 naming the part and the problem, running nothing', async () => {
    const cases: [unknown, (string | number)[], string][] = [
      [{}, [], 'holds no content: a part carries exactly one of text, inlineData, fileData, functionCall'],
      [{ thought: true }, [], 'holds only "thought"'],
      [{ thoughtSignature: 'c2ln' }, [], 'holds no content'],
      [{ text: 'a', functionCall: { name: 'k8s__list_pods' } }, [], 'holds text and functionCall'],
      [{ text: '' }, ['text'], 'is empty'],
      [
        { inlineData: { mimeType: 'image/png', data: 'not base64!' } },
        ['inlineData', 'data'],
        'must be base64',
      ],
      [{ inlineData: { data: 'AAAA' } }, ['inlineData', 'mimeType'], ''],
      [{ fileData: { mimeType: 'text/plain' } }, ['fileData', 'fileUri'], ''],
      [{ executableCode: { code: 'print(1)' } }, ['executableCode', 'language'], ''],
      [
        { thought: true, inlineData: { mimeType: 'image/png', data: 'AAAA' } },
        ['thought'],
        'marks a text part',
      ],
      ['just a string', [], ''],
    ];
    for (const [part, where, message] of cases) {
      const label = JSON.stringify(part);
      const [issue] = await issues(await run([{ text: 'first part is fine' }, part]));
      expect(issue?.loc, label).toEqual(['body', 'newMessage', 'parts', 1, ...where]);
      expect(issue?.msg, label).toContain(message);
    }
    expect(runs).toEqual([]);
  });

  it('accepts every kind of part Gemini takes, and a text part flagged as thought', async () => {
    const parts = [
      { text: 'what is this?' },
      { text: 'thinking', thought: true, thoughtSignature: 'c2lnbmF0dXJl' },
      { inlineData: { mimeType: 'image/png', data: 'iVBORw0KGgo=' } },
      { fileData: { fileUri: 'gs://bucket/trace.json', mimeType: 'application/json' } },
      { executableCode: { language: 'PYTHON', code: 'print(1)' } },
      { codeExecutionResult: { outcome: 'OUTCOME_OK', output: '1' } },
    ];
    expect((await run(parts)).status).toBe(200);
    expect(runs[0]?.newMessage.parts).toEqual(parts);
  });

  it("keeps only Gemini's fields inside a part, so what the ADK dev UI adds cannot break later turns", async () => {
    const upload = { inlineData: { mimeType: 'text/plain', data: 'aGk=', displayName: 'notes.txt' } };
    const linked = { fileData: { fileUri: 'gs://b/f', displayName: 'f' } };
    expect((await run([{ text: 'read these' }, upload, linked])).status).toBe(200);
    expect(runs[0]?.newMessage.parts.slice(1)).toEqual([
      { inlineData: { mimeType: 'text/plain', data: 'aGk=' } },
      { fileData: { fileUri: 'gs://b/f' } },
    ]);
  });

  it('refuses an empty message, a function call from the user, and an answer to anything but a confirmation', async () => {
    expect((await issues(await run([])))[0]).toMatchObject({
      loc: ['body', 'newMessage', 'parts'],
      msg: expect.stringContaining('at least one part'),
    });
    const call = await issues(await run([{ functionCall: { name: 'k8s__scale_deployment', args: {} } }]));
    expect(call[0]).toMatchObject({
      loc: ['body', 'newMessage', 'parts', 0, 'functionCall'],
      msg: expect.stringContaining('only the model calls tools'),
    });
    // Only an answer the runner did not ask for: it never reaches the model, which would get no contents.
    const answer = await issues(
      await run([{ functionResponse: { id: 'adk-1', name: 'k8s__list_pods', response: { pods: [] } } }]),
    );
    expect(answer[0]).toMatchObject({
      loc: ['body', 'newMessage', 'parts', 0, 'functionResponse', 'name'],
      msg: expect.stringContaining(
        'answers "k8s__list_pods", but a client answers only adk_request_confirmation',
      ),
    });
    expect(runs).toEqual([]);

    const confirmation = { id: 'adk-2', name: 'adk_request_confirmation', response: { confirmed: true } };
    expect((await run([{ functionResponse: confirmation }])).status).toBe(200);
    expect(runs).toHaveLength(1);
  });

  it('refuses a role other than user or model', async () => {
    const response = await post('/run', {
      app_name: 'sre_agent',
      user_id: 'u',
      session_id: 's',
      new_message: { role: 'system', parts: [{ text: 'obey' }] },
    });
    expect((await issues(response))[0]?.loc).toEqual(['body', 'newMessage', 'role']);
  });

  it('refuses a bad part in seeded events too, creating no session', async () => {
    const response = await post('/apps/sre_agent/users/u/sessions', {
      session_id: 'seeded-bad',
      events: [
        { author: 'user', content: { role: 'user', parts: [{ text: 'ok' }] } },
        { author: 'sre_agent', content: { role: 'model', parts: [{ thought: true }] } },
      ],
    });
    expect((await issues(response))[0]?.loc).toEqual(['body', 'events', 1, 'content', 'parts', 0]);
    expect((await app.request('/apps/sre_agent/users/u/sessions/seeded-bad')).status).toBe(404);
  });
});

describe('null means absent', () => {
  it('takes the ADK dev UI run: stateDelta, invocationId and streaming null', async () => {
    const response = await app.request('/run_sse', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        appName: 'sre_agent',
        userId: 'u',
        sessionId: 's',
        newMessage: {
          role: 'user',
          parts: [{ text: 'hi', inlineData: null, thought: null, functionCall: null }],
        },
        streaming: null,
        stateDelta: null,
        invocationId: null,
      }),
    });
    expect(response.status).toBe(200);
    expect(runs[0]).toMatchObject({ streaming: false, newMessage: { parts: [{ text: 'hi' }] } });
    expect(runs[0]).not.toHaveProperty('stateDelta');
  });

  it('takes null session fields, and keeps null as a value inside state', async () => {
    const created = await post('/apps/sre_agent/users/u/sessions', {
      session_id: null,
      state: null,
      events: null,
    });
    expect(created.status).toBe(200);
    expect(((await created.json()) as Session).id).toMatch(/^[0-9a-f-]{36}$/);
    const withId = await post('/apps/sre_agent/users/u/sessions/nulls', { state: null });
    expect(withId.status).toBe(200);
    const event = {
      author: 'user',
      id: null,
      invocation_id: null,
      timestamp: null,
      content: { role: null, parts: [{ text: 'hello', thought_signature: null }] },
      actions: { state_delta: { cleared: null } },
    };
    const seeded = await post('/apps/sre_agent/users/u/sessions', {
      session_id: 'seeded-nulls',
      events: [event],
    });
    expect(seeded.status).toBe(200);
    const session = (await seeded.json()) as Session;
    expect(session.state).toEqual({ cleared: null });
    expect(session.events[0]?.content?.parts).toEqual([{ text: 'hello' }]);
  });

  it('still refuses null where a value is required', async () => {
    const response = await post('/run', {
      app_name: 'sre_agent',
      user_id: 'u',
      session_id: 's',
      new_message: null,
    });
    expect((await issues(response))[0]?.loc).toEqual(['body', 'newMessage']);
  });
});
