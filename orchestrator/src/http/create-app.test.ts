import { createLogger } from '@sre-agent/shared';
import { openTestStore } from '@sre-agent/test/test-database.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { McpServerHealth, Runner, SessionStore } from '../adk/types.js';
import { authenticate, createUserToken } from './auth.js';
import { type AppDeps, createApp } from './create-app.js';

const secret = 'a-long-enough-service-token';
let store: SessionStore;
let mcpHealth: Record<string, McpServerHealth> | Error = {};
let pingFails = false;

const runner: Runner = {
  run: async function* () {},
  health: async () => {
    if (mcpHealth instanceof Error) throw mcpHealth;
    return mcpHealth;
  },
};

function appWith(config: Partial<AppDeps['config']> = {}, extra: Partial<AppDeps> = {}) {
  const flakyStore: SessionStore = {
    ...store,
    ping: () => (pingFails ? Promise.reject(new Error('connection refused')) : store.ping()),
  };
  const logger = createLogger({ name: 'test', level: 'error', write: () => {} });
  return createApp({
    store: flakyStore,
    runner,
    config: { apiToken: undefined, corsOrigins: [], ...config },
    logger,
    version: '1.2.3',
    ...extra,
  });
}

beforeAll(async () => {
  store = await openTestStore();
  for (const userId of ['alice', 'bob'])
    await store.createSession({ appName: 'sre_agent', userId, sessionId: 's' });
});
afterAll(() => store.close());

const bearer = (token: string) => ({ headers: { Authorization: `Bearer ${token}` } });

describe('meta routes', () => {
  it('lists the one app and reports the version', async () => {
    const app = appWith();
    expect(await (await app.request('/list-apps')).json()).toEqual(['sre_agent']);
    expect(await (await app.request('/version')).json()).toEqual({ name: 'sre-agent', version: '1.2.3' });
  });

  it('reports health: ok, degraded when an MCP server is down, 503 when the database is', async () => {
    const app = appWith();
    mcpHealth = { k8s: { ok: true, tools: 17 } };
    expect(await (await app.request('/health')).json()).toEqual({
      status: 'ok',
      database: { ok: true },
      mcpServers: { k8s: { ok: true, tools: 17 } },
    });

    mcpHealth = { k8s: { ok: true, tools: 17 }, aws_cost: { ok: false, tools: 0, error: 'spawn ENOENT' } };
    const degraded = await app.request('/health');
    expect(degraded.status).toBe(200);
    expect(await degraded.json()).toMatchObject({
      status: 'degraded',
      mcpServers: { aws_cost: { error: 'spawn ENOENT' } },
    });

    const secured = appWith({ apiToken: secret });
    const asUser = await secured.request('/health', bearer(createUserToken(secret, 'alice')));
    expect(await asUser.json()).not.toHaveProperty('mcpServers.aws_cost.error');
    const asService = await secured.request('/health', bearer(secret));
    expect(await asService.json()).toHaveProperty('mcpServers.aws_cost.error', 'spawn ENOENT');

    pingFails = true;
    const down = await app.request('/health');
    expect(down.status).toBe(503);
    expect(await down.json()).toMatchObject({ status: 'unavailable', database: { ok: false } });
    pingFails = false;
  });

  it('stays up when the runner health check throws or hangs', async () => {
    mcpHealth = new Error('hub gone');
    const thrown = await appWith().request('/health');
    expect(thrown.status).toBe(200);
    expect(await thrown.json()).toMatchObject({ status: 'degraded', mcpServers: {} });

    const hanging = appWith(
      {},
      { runner: { ...runner, health: () => new Promise(() => {}) }, healthTimeoutMs: 50 },
    );
    expect(await (await hanging.request('/health')).json()).toMatchObject({ status: 'degraded' });
  });
});

describe('bearer token', () => {
  const app = () => appWith({ apiToken: secret });

  it('requires the token on every route but /health and /version', async () => {
    for (const path of ['/list-apps', '/apps/sre_agent/users/alice/sessions/s']) {
      const response = await app().request(path);
      expect(response.status, path).toBe(401);
      expect(response.headers.get('www-authenticate')).toBe('Bearer');
      expect(await response.json()).toEqual({
        error: 'Missing or invalid bearer token',
        detail: 'Missing or invalid bearer token',
      });
      expect((await app().request(path, bearer('wrong-token-of-some-length'))).status).toBe(401);
    }
    const run = await app().request('/run', { method: 'POST', body: '{}' });
    expect(run.status).toBe(401);
    expect((await app().request('/version')).status).toBe(200);
    expect((await app().request('/health')).status).toBe(200);
  });

  it('hides MCP failure text from an unauthenticated /health', async () => {
    mcpHealth = { aws_cost: { ok: false, tools: 0, error: 'cannot spawn /opt/secret/path' } };
    const anonymous = await (await app().request('/health')).json();
    expect(anonymous).toMatchObject({ mcpServers: { aws_cost: { ok: false, tools: 0 } } });
    expect(JSON.stringify(anonymous)).not.toContain('/opt/secret');
    const authed = await (await app().request('/health', bearer(secret))).json();
    expect(JSON.stringify(authed)).toContain('/opt/secret');
  });

  it('lets the service token act for any user', async () => {
    for (const user of ['alice', 'bob']) {
      expect((await app().request(`/apps/sre_agent/users/${user}/sessions/s`, bearer(secret))).status).toBe(
        200,
      );
    }
  });

  it("confines a user token to that user's sessions, on session routes and /run", async () => {
    const alice = createUserToken(secret, 'alice');
    expect((await app().request('/apps/sre_agent/users/alice/sessions/s', bearer(alice))).status).toBe(200);
    expect((await app().request('/list-apps', bearer(alice))).status).toBe(200);
    const other = await app().request('/apps/sre_agent/users/bob/sessions/s', bearer(alice));
    expect(other.status).toBe(403);
    expect(await other.json()).toEqual({
      error: 'This token is scoped to a different user',
      detail: 'This token is scoped to a different user',
    });
    const run = await app().request('/run', {
      method: 'POST',
      headers: { Authorization: `Bearer ${alice}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({
        app_name: 'sre_agent',
        user_id: 'bob',
        session_id: 's',
        new_message: { parts: [{ text: 'hi' }] },
      }),
    });
    expect(run.status).toBe(403);
  });

  it('rejects forged, re-targeted and foreign user tokens', () => {
    const alice = createUserToken(secret, 'alice');
    expect(authenticate(secret, alice)).toEqual({ kind: 'user', userId: 'alice' });
    const [, mac] = alice.split('.');
    expect(authenticate(secret, `sreu_${Buffer.from('bob').toString('base64url')}.${mac}`)).toBeUndefined();
    expect(authenticate('another-secret-entirely', alice)).toBeUndefined();
    expect(authenticate(secret, 'sreu_.')).toBeUndefined();
    expect(authenticate(secret, secret)).toEqual({ kind: 'service' });
  });
});

describe('CORS', () => {
  const preflight = (origin: string) => ({
    method: 'OPTIONS',
    headers: {
      Origin: origin,
      'Access-Control-Request-Method': 'POST',
      'Access-Control-Request-Headers': 'authorization',
    },
  });

  it('is off unless origins are configured', async () => {
    const response = await appWith().request('/list-apps', {
      headers: { Origin: 'https://evil.example.com' },
    });
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
    const pre = await appWith().request('/run', preflight('https://evil.example.com'));
    expect(pre.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('answers preflights for listed origins only, before authentication', async () => {
    const app = appWith({ apiToken: secret, corsOrigins: ['https://ops.example.com'] });
    const allowed = await app.request('/run', preflight('https://ops.example.com'));
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://ops.example.com');
    expect(allowed.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('authorization');
    const refused = await app.request('/run', preflight('https://evil.example.com'));
    expect(refused.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('limits', () => {
  it('refuses an oversized body with 413', async () => {
    const app = appWith({}, { maxBodyBytes: 1024 });
    const response = await app.request('/apps/sre_agent/users/alice/sessions/big', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ state: { blob: 'x'.repeat(4096) } }),
    });
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({
      error: 'Request body too large',
      detail: 'Request body too large',
    });
  });
});
