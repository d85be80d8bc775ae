import { createLogger } from '@sre-agent/shared';
import { openTestStore } from '@sre-agent/test/test-database.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AdkEvent, Runner, Session, SessionStore } from '../adk/types.js';
import { createApp } from './create-app.js';

// A stand-in for the real runner (tested end to end elsewhere): it persists what it yields under the session
// lock, as the contract asks, and can be told to fail midway.
type RunInput = Parameters<Runner['run']>[0];
const calls: RunInput[] = [];
let failAfter: number | undefined;

function event(id: string, text: string, extra: Partial<AdkEvent> = {}): AdkEvent {
  return {
    id,
    invocationId: 'inv-1',
    author: 'sre_agent',
    timestamp: Date.now() / 1000,
    content: { role: 'model', parts: [{ text }] },
    actions: { stateDelta: {}, artifactDelta: {} },
    ...extra,
  };
}

function stubRunner(store: SessionStore): Runner {
  return {
    async *run(input) {
      calls.push(input);
      const stamp = `${calls.length}`;
      const script = [
        event(`u${stamp}`, '', { author: 'user', content: input.newMessage }),
        event(`p${stamp}`, 'Three pods', { partial: true }),
        event(`f${stamp}`, 'Three pods are running.'),
      ];
      for (const [index, item] of script.entries()) {
        if (failAfter !== undefined && index >= failAfter)
          throw new Error('secret internal failure at /srv/x');
        yield await store.withSessionLock(input.session, () => store.appendEvent(input.session, item));
      }
    },
    health: async () => ({}),
  };
}

let store: SessionStore;
let app: ReturnType<typeof createApp>;
const logged: string[] = [];

beforeAll(async () => {
  store = await openTestStore();
  const logger = createLogger({ name: 'test', level: 'error', write: (line) => logged.push(line) });
  const config = { apiToken: undefined, corsOrigins: [] };
  app = createApp({ store, runner: stubRunner(store), config, logger, version: '0.1.0' });
  await store.createSession({ appName: 'sre_agent', userId: 'u_123', sessionId: 's_123' });
});
afterAll(() => store.close());

const post = (path: string, body: unknown) =>
  app.request(path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });

// The seed README's /run example, byte for byte apart from the app name.
const seedRun = {
  app_name: 'sre_agent',
  user_id: 'u_123',
  session_id: 's_123',
  new_message: { role: 'user', parts: [{ text: '預設命名空間中有多少個 pod 正在執行？' }] },
};

function frames(body: string): unknown[] {
  expect(body.endsWith('\n\n')).toBe(true);
  return body
    .split('\n\n')
    .filter((frame) => frame !== '')
    .map((frame) => {
      expect(frame.startsWith('data: ')).toBe(true);
      return JSON.parse(frame.slice('data: '.length));
    });
}

describe('POST /run', () => {
  it("runs the seed README's snake_case request and returns the turn's final events as one array", async () => {
    failAfter = undefined;
    const response = await post('/run', seedRun);
    expect(response.status).toBe(200);
    const events = (await response.json()) as AdkEvent[];
    expect(events.map((item) => item.content?.parts[0]?.text)).toEqual([
      '預設命名空間中有多少個 pod 正在執行？',
      'Three pods are running.',
    ]);
    expect(events[1]).toMatchObject({ author: 'sre_agent', invocationId: 'inv-1' });
    expect(calls.at(-1)).toMatchObject({
      session: { appName: 'sre_agent', userId: 'u_123', sessionId: 's_123' },
      newMessage: seedRun.new_message,
      streaming: false,
    });
    const session = (await (
      await app.request('/apps/sre_agent/users/u_123/sessions/s_123')
    ).json()) as Session;
    expect(session.events.map((item) => item.id)).toContain(events[1]?.id);
  });

  it('accepts camelCase and passes stateDelta through', async () => {
    failAfter = undefined;
    const { app_name, user_id, session_id, new_message } = seedRun;
    const body = {
      appName: app_name,
      userId: user_id,
      sessionId: session_id,
      newMessage: new_message,
      stateDelta: { a: 1 },
    };
    expect((await post('/run', body)).status).toBe(200);
    expect(calls.at(-1)?.stateDelta).toEqual({ a: 1 });
  });

  it('404s an unknown session or app and 422s a body without new_message', async () => {
    const noSession = await post('/run', { ...seedRun, session_id: 'missing' });
    expect(noSession.status).toBe(404);
    expect(await noSession.json()).toEqual({ error: 'Session not found', detail: 'Session not found' });
    expect((await post('/run', { ...seedRun, app_name: 'other_app' })).status).toBe(404);
    const { new_message: _omitted, ...withoutMessage } = seedRun;
    const invalid = await post('/run', withoutMessage);
    expect(invalid.status).toBe(422);
    const detail = ((await invalid.json()) as { detail: { loc: unknown[] }[] }).detail;
    expect(detail.map((issue) => issue.loc)).toEqual([['body', 'newMessage']]);
  });

  it('turns an unexpected failure into a bare 500 with a request id, logging the cause', async () => {
    failAfter = 1;
    const response = await post('/run', seedRun);
    expect(response.status).toBe(500);
    const body = (await response.json()) as { detail: string; requestId: string };
    expect(body).toEqual({
      error: 'Internal server error',
      detail: 'Internal server error',
      requestId: response.headers.get('x-request-id'),
    });
    expect(JSON.stringify(body)).not.toContain('/srv/x');
    expect(
      logged.some((line) => line.includes(body.requestId) && line.includes('secret internal failure')),
    ).toBe(true);
  });
});

describe('POST /run_sse', () => {
  it('frames each final event as `data: <json>\\n\\n`, dropping partial events unless streaming', async () => {
    failAfter = undefined;
    const response = await post('/run_sse', seedRun);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const events = frames(await response.text()) as AdkEvent[];
    expect(events.map((item) => item.partial ?? false)).toEqual([false, false]);
    expect(calls.at(-1)?.streaming).toBe(false);
  });

  it('passes partial events through with streaming: true', async () => {
    failAfter = undefined;
    const events = frames(
      await (await post('/run_sse', { ...seedRun, streaming: true })).text(),
    ) as AdkEvent[];
    expect(events.map((item) => item.partial === true)).toEqual([false, true, false]);
    expect(events[1]?.content?.parts[0]?.text).toBe('Three pods');
    expect(calls.at(-1)?.streaming).toBe(true);
  });

  it('refuses before streaming (real status codes) and ends a failed stream with an error frame', async () => {
    expect((await post('/run_sse', { ...seedRun, session_id: 'missing' })).status).toBe(404);
    failAfter = 1;
    const response = await post('/run_sse', seedRun);
    expect(response.status).toBe(200);
    const received = frames(await response.text());
    expect(received).toHaveLength(2);
    expect(received[1]).toMatchObject({ error: 'Internal server error' });
    expect(JSON.stringify(received)).not.toContain('/srv/x');
  });
});
