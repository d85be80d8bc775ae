// The guards every route shares, checked on every route of the app's own table (so a route added later is
// covered without touching this file): the Host/Origin check, the JSON media type, 405 for a wrong
// method, the body's depth and text limits, and who may write app: state.
import { createLogger } from '@sre-agent/shared';
import { openTestStore } from '@sre-agent/test/test-database.ts';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Runner, Session, SessionStore } from '../adk/types.js';
import { createSlackFrontEnd, signSlackRequest } from '../slack/index.js';
import type { AppEnv } from './app-env.js';
import { createUserToken } from './auth.js';
import { type AppDeps, createApp } from './create-app.js';

const secret = 'a-long-enough-service-token';
let store: SessionStore;
const runner: Runner = {
  run: async function* () {},
  health: async () => ({ k8s: { ok: false, tools: 0, error: 'cannot spawn /opt/private/k8s' } }),
};

// Stands in for the Slack routes: mounted the same way, authenticating on its own.
const slackLike = new Hono<AppEnv>().post('/slack/events', (c) => c.json({ slack: true }));

function appWith(config: Partial<AppDeps['config']> = {}) {
  return createApp({
    store,
    runner,
    config: { apiToken: undefined, corsOrigins: [], ...config },
    logger: createLogger({ name: 'test', level: 'error', write: () => {} }),
    version: '1.0.0',
    publicRoutes: [slackLike],
  });
}

beforeAll(async () => {
  store = await openTestStore();
  await store.createSession({ appName: 'sre_agent', userId: 'alice', sessionId: 's' });
});
afterAll(() => store.close());

/** One request per route of the app, parameters filled in (alice's session s). */
function routesOf(app: ReturnType<typeof appWith>): { method: string; path: string }[] {
  const params: Record<string, string> = { app: 'sre_agent', user: 'alice', session: 's' };
  const seen = new Set<string>();
  return app.routes
    .filter((route) => route.method !== 'ALL')
    .map((route) => ({
      method: route.method,
      path: route.path.replace(/:([a-z]+)/gi, (_match, name: string) => params[name] ?? name),
    }))
    .filter(
      (route) => !seen.has(`${route.method} ${route.path}`) && seen.add(`${route.method} ${route.path}`),
    );
}

// The eval routes answer 501 whatever they are sent, so they read no body.
const takesBody = (route: { method: string; path: string }) =>
  route.method !== 'GET' &&
  route.method !== 'DELETE' &&
  route.path !== '/slack/events' &&
  !/\/(eval[_-]|metrics-info)/.test(route.path);

function send(
  app: ReturnType<typeof appWith>,
  route: { method: string; path: string },
  init: {
    origin?: string;
    host?: string;
    contentType?: string | null;
    body?: string | Uint8Array;
    token?: string;
  } = {},
) {
  const headers: Record<string, string> = {};
  if (init.host) headers.host = init.host;
  if (init.origin) headers.origin = init.origin;
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  const hasBody = route.method !== 'GET';
  if (hasBody && init.contentType !== null) headers['content-type'] = init.contentType ?? 'application/json';
  return app.request(route.path, {
    method: route.method,
    headers,
    ...(hasBody ? { body: init.body ?? '{}' } : {}),
  });
}

describe('Host and Origin (DNS rebinding, cross-site requests)', () => {
  const probes = new Set(['/health', '/version']);

  it('refuses a foreign Host with 403 on every route but the Slack and probe routes', async () => {
    const app = appWith();
    const routes = routesOf(app);
    expect(routes.length).toBeGreaterThanOrEqual(12);
    for (const route of routes) {
      const response = await send(app, route, { host: 'evil.example.com:8000' });
      const label = `${route.method} ${route.path}`;
      if (route.path === '/slack/events' || probes.has(route.path)) {
        expect(response.status, label).toBe(200);
        continue;
      }
      expect(response.status, label).toBe(403);
      const body = (await response.json()) as { error: string; detail: string };
      expect(body.detail, label).toContain('Host "evil.example.com:8000" is not allowed');
      expect(body.detail, label).toContain('SRE_ALLOWED_HOSTS');
      expect(body.error).toBe(body.detail);
    }
  });

  it("accepts this machine's names on any port on every route", async () => {
    const app = appWith();
    for (const host of ['localhost:8000', '127.0.0.1:9999', '[::1]:8000', 'LOCALHOST']) {
      for (const route of routesOf(app)) {
        const response = await send(app, route, { host, origin: 'http://localhost:8000' });
        expect(response.status, `${host} ${route.method} ${route.path}`).not.toBe(403);
      }
    }
  });

  it('refuses a foreign Origin with 403 on every route but the Slack and probe routes', async () => {
    const app = appWith();
    for (const origin of ['https://evil.example.com', 'null', 'http://localhost.evil.example.com']) {
      for (const route of routesOf(app)) {
        const response = await send(app, route, { host: 'localhost:8000', origin });
        const label = `${origin} ${route.method} ${route.path}`;
        if (route.path === '/slack/events' || probes.has(route.path)) {
          expect(response.status, label).toBe(200);
          continue;
        }
        expect(response.status, label).toBe(403);
        expect(((await response.json()) as { detail: string }).detail).toContain(`Origin "${origin}"`);
      }
    }
  });

  it('is widened by SRE_ALLOWED_HOSTS, a specific bind address and SRE_CORS_ORIGINS', async () => {
    const app = appWith({
      host: '10.1.2.3',
      allowedHosts: ['sre.example.com'],
      corsOrigins: ['https://ops.example.com'],
    });
    const list = { method: 'GET', path: '/list-apps' };
    const status = async (init: { host: string; origin?: string }) => (await send(app, list, init)).status;
    expect(await status({ host: 'sre.example.com' })).toBe(200);
    expect(await status({ host: 'sre.example.com:443', origin: 'https://sre.example.com' })).toBe(200);
    expect(await status({ host: '10.1.2.3:8000' })).toBe(200);
    expect(await status({ host: 'localhost:8000', origin: 'https://ops.example.com' })).toBe(200);
    expect(await status({ host: 'other.example.com' })).toBe(403);
    expect(await status({ host: 'sre.example.com', origin: 'https://other.example.com' })).toBe(403);
  });

  it("keeps Slack's signed requests working under whatever Host the proxy passes, JSON and form-encoded", async () => {
    const logger = createLogger({ name: 'test', level: 'error', write: () => {} });
    const slack = createSlackFrontEnd({
      config: {
        botToken: 'xoxb-test',
        signingSecret: 'slack-signing-secret',
        apiBaseUrl: 'http://127.0.0.1:9',
      },
      store,
      runner,
      hub: { tools: () => [], unavailableServers: () => [] },
      logger,
      appName: 'sre_agent',
    });
    const app = createApp({
      store,
      runner,
      config: { apiToken: secret, corsOrigins: [] },
      logger,
      version: '1',
      publicRoutes: [slack.routes],
    });
    const timestamp = String(Math.floor(Date.now() / 1000));
    const signed = (body: string, contentType: string, sign = true) =>
      app.request('/slack/events', {
        method: 'POST',
        headers: {
          host: 'sre-bot.example.com',
          'content-type': contentType,
          'x-slack-request-timestamp': timestamp,
          'x-slack-signature': sign ? signSlackRequest('slack-signing-secret', timestamp, body) : 'v0=00',
        },
        body,
      });
    const challenge = JSON.stringify({ type: 'url_verification', challenge: 'c-123' });
    const verified = await signed(challenge, 'application/json');
    expect(verified.status).toBe(200);
    expect(await verified.json()).toEqual({ challenge: 'c-123' });
    const click = `payload=${encodeURIComponent(JSON.stringify({ type: 'block_actions', actions: [] }))}`;
    expect((await signed(click, 'application/x-www-form-urlencoded')).status).toBe(200);
    // What keeps a forged one out is the signature, whatever its Host.
    expect((await signed(challenge, 'application/json', false)).status).toBe(401);
    await slack.idle();
  });

  it('answers a probe reached under a foreign name as it would an anonymous caller', async () => {
    const app = appWith();
    const health = { method: 'GET', path: '/health' };
    const local = await (await send(app, health, { host: 'localhost:8000' })).text();
    expect(local).toContain('/opt/private/k8s');
    const foreign = await (await send(app, health, { host: 'evil.example.com:8000' })).text();
    expect(foreign).not.toContain('/opt/private');
    expect(JSON.parse(foreign)).toMatchObject({ mcpServers: { k8s: { ok: false, tools: 0 } } });
  });
});

describe('JSON bodies only', () => {
  it('refuses every body that is not application/json with 415 on every route that takes one', async () => {
    const app = appWith();
    const routes = routesOf(app).filter(takesBody);
    expect(routes.map((route) => route.path)).toContain('/run');
    const bodies: { contentType: string | null; body: string | Uint8Array }[] = [
      // A cross-site <form> or fetch() sends these without a preflight.
      { contentType: 'text/plain;charset=UTF-8', body: '{}' },
      { contentType: 'application/x-www-form-urlencoded', body: 'a=1' },
      { contentType: 'multipart/form-data; boundary=x', body: '--x--' },
      // A typeless Blob: no Content-Type header at all.
      { contentType: null, body: new TextEncoder().encode('{}') },
    ];
    for (const route of routes) {
      for (const { contentType, body } of bodies) {
        const response = await send(app, route, { contentType, body });
        const label = `${contentType} ${route.method} ${route.path}`;
        expect(response.status, label).toBe(415);
        expect(((await response.json()) as { detail: string }).detail, label).toContain(
          'Content-Type: application/json',
        );
      }
      const charset = await send(app, route, { contentType: 'Application/JSON; charset=utf-8', body: '{}' });
      expect(charset.status, `${route.method} ${route.path}`).not.toBe(415);
    }
  });

  it('still takes a request with no body and no Content-Type where the body is optional', async () => {
    const app = appWith();
    const created = await app.request('/apps/sre_agent/users/alice/sessions/nobody', { method: 'POST' });
    expect(created.status).toBe(200);
    const deleted = await app.request('/apps/sre_agent/users/alice/sessions/nobody', { method: 'DELETE' });
    expect(deleted.status).toBe(200);
  });
});

describe('wrong method', () => {
  it('answers 405 with Allow on every route path, 404 only where no route is', async () => {
    const app = appWith();
    const byPath = new Map<string, Set<string>>();
    for (const route of routesOf(app))
      byPath.set(route.path, (byPath.get(route.path) ?? new Set()).add(route.method));
    for (const [path, methods] of byPath) {
      for (const method of ['GET', 'POST', 'PATCH', 'DELETE', 'PUT'].filter((name) => !methods.has(name))) {
        const response = await app.request(path, { method });
        expect(response.status, `${method} ${path}`).toBe(405);
        expect(response.headers.get('allow')?.split(', ').sort()).toEqual([...methods].sort());
        const body = (await response.json()) as { error: string; detail: string };
        expect(body.detail).toContain(`Method ${method} is not allowed on ${path}`);
      }
    }
    const run = await app.request('/run');
    expect(run.status).toBe(405);
    expect(await run.json()).toEqual({
      error: 'Method GET is not allowed on /run; use POST',
      detail: 'Method GET is not allowed on /run; use POST',
    });
    expect((await app.request('/nowhere')).status).toBe(404);
  });
});

describe('body limits', () => {
  const nested = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;

  it('refuses a body nested beyond 32 levels with 422 on every route that takes one, never a 500', async () => {
    const app = appWith();
    for (const route of routesOf(app).filter(takesBody)) {
      for (const depth of [33, 10_000]) {
        const response = await send(app, route, { body: `{"state_delta": ${nested(depth)}}` });
        const label = `${depth} ${route.method} ${route.path}`;
        expect(response.status, label).toBe(422);
        const body = (await response.json()) as { detail: { loc: unknown[]; msg: string; type: string }[] };
        expect(body.detail[0]?.loc.slice(0, 3), label).toEqual(['body', 'state_delta', 'a']);
        expect(body.detail[0]?.msg, label).toContain('nested deeper than 32 levels');
      }
      // 31 levels inside the body's own object: within the limit (whatever the route then says of it).
      const within = await send(app, route, { body: `{"state_delta": ${nested(31)}}` });
      expect(within.status, `${route.method} ${route.path}`).not.toBe(500);
      expect(JSON.stringify(await within.json())).not.toContain('nested deeper');
    }
  });

  it('refuses a lone surrogate in any text or key with 422 naming the field, on every route that takes a body', async () => {
    const app = appWith();
    for (const route of routesOf(app).filter(takesBody)) {
      for (const [body, loc] of [
        [{ state: { note: 'cut emoji \ud83d' } }, ['body', 'state', 'note']],
        [{ state: { 'key\udc00': 1 } }, ['body', 'state', 'key\udc00']],
        [{ new_message: { parts: [{ text: 'x\ud83d' }] } }, ['body', 'new_message', 'parts', 0, 'text']],
      ] as const) {
        const response = await send(app, route, { body: JSON.stringify(body) });
        const label = `${JSON.stringify(loc)} ${route.method} ${route.path}`;
        expect(response.status, label).toBe(422);
        const detail = ((await response.json()) as { detail: { loc: unknown[]; msg: string }[] }).detail;
        expect(detail[0]?.loc, label).toEqual(loc);
        expect(detail[0]?.msg, label).toContain('lone UTF-16 surrogate');
      }
    }
  });
});

describe('app: state', () => {
  const alice = createUserToken(secret, 'alice');
  const base = '/apps/sre_agent/users/alice/sessions';
  const message = { role: 'user', parts: [{ text: 'hi' }] };
  const run = (stateDelta: object) => ({
    app_name: 'sre_agent',
    user_id: 'alice',
    session_id: 's',
    new_message: message,
    state_delta: stateDelta,
  });
  // Every route that writes state, with the field that carries it.
  const writers = (delta: Record<string, unknown>) => [
    { method: 'POST', path: base, body: { session_id: 'w1', state: delta }, field: 'state' },
    {
      method: 'POST',
      path: base,
      body: { session_id: 'w2', events: [{ author: 'user', actions: { stateDelta: delta } }] },
      field: 'events[0].actions.stateDelta',
    },
    { method: 'POST', path: `${base}/w3`, body: { state: delta }, field: 'state' },
    { method: 'PATCH', path: `${base}/s`, body: { stateDelta: delta }, field: 'stateDelta' },
    { method: 'POST', path: '/run', body: run(delta), field: 'stateDelta' },
    { method: 'POST', path: '/run_sse', body: run(delta), field: 'stateDelta' },
  ];

  it('covers every route that takes a body', () => {
    const covered = new Set(
      writers({}).map((writer) => `${writer.method} ${writer.path.replace(/\/w3$/, '/s')}`),
    );
    const app = appWith({ apiToken: secret });
    expect(
      routesOf(app)
        .filter(takesBody)
        .map((route) => `${route.method} ${route.path}`),
    ).toEqual(expect.arrayContaining([...covered]));
    expect(routesOf(app).filter(takesBody)).toHaveLength(covered.size);
  });

  it('refuses app: keys from a user token with 403 on every route that writes state, writing nothing', async () => {
    const app = appWith({ apiToken: secret });
    for (const writer of writers({ 'app:banner': 'pwned', mine: 1 })) {
      const response = await send(app, writer, { token: alice, body: JSON.stringify(writer.body) });
      const label = `${writer.method} ${writer.path}`;
      expect(response.status, label).toBe(403);
      const detail = ((await response.json()) as { detail: string }).detail;
      expect(detail, label).toContain(
        `${writer.field}: a user token cannot write app-wide state (app:banner)`,
      );
      expect(detail, label).toContain('service token');
    }
    const session = (await (
      await send(app, { method: 'GET', path: `${base}/s` }, { token: secret })
    ).json()) as Session;
    expect(session.state).not.toHaveProperty('app:banner');
    expect((await send(app, { method: 'GET', path: `${base}/w1` }, { token: secret })).status).toBe(404);
  });

  it('lets a user token write its own user: and session keys, and the service token write app: keys', async () => {
    const app = appWith({ apiToken: secret });
    const own = await send(
      app,
      { method: 'PATCH', path: `${base}/s` },
      {
        token: alice,
        body: JSON.stringify({ stateDelta: { 'user:tz': 'UTC', step: 1 } }),
      },
    );
    expect(own.status).toBe(200);
    const service = await send(
      app,
      { method: 'PATCH', path: `${base}/s` },
      {
        token: secret,
        body: JSON.stringify({ stateDelta: { 'app:banner': 'maintenance at 02:00' } }),
      },
    );
    expect(service.status).toBe(200);
    expect(((await service.json()) as Session).state).toMatchObject({
      'app:banner': 'maintenance at 02:00',
      'user:tz': 'UTC',
      step: 1,
    });
  });
});
