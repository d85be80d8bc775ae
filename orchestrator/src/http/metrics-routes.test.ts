import { createLogger } from '@sre-agent/shared';
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import type { Runner, SessionStore } from '../adk/types.js';
import type { AppEnv } from './app-env.js';
import { createUserToken } from './auth.js';
import { createApp } from './create-app.js';
import { createErrorHandler } from './error-handler.js';
import { metricsRoutes } from './metrics-routes.js';

const apiToken = 'the-service-token-of-this-api';
const metricsToken = 'a-token-for-the-scraper-only';
const metrics = {
  render: async () => ({
    contentType: 'text/plain; version=0.0.4; charset=utf-8',
    body: 'sre_agent_turns_total 1\n',
  }),
};

function appWith(tokens: { apiToken?: string; metricsToken?: string }) {
  const app = new Hono<AppEnv>();
  app.onError(createErrorHandler(createLogger({ name: 'test', level: 'error', write: () => {} })));
  app.route('/', metricsRoutes({ metrics, apiToken: tokens.apiToken, metricsToken: tokens.metricsToken }));
  return app;
}
const scrape = (app: Hono<AppEnv>, token?: string) =>
  app.request('/metrics', token ? { headers: { Authorization: `Bearer ${token}` } } : {});

describe('/metrics on the orchestrator', () => {
  it('serves the Prometheus text format, openly when the API has no token', async () => {
    const response = await scrape(appWith({}));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/plain; version=0.0.4');
    expect(await response.text()).toBe('sre_agent_turns_total 1\n');
  });

  it('takes the scraper token or the service token, never a user token', async () => {
    const app = appWith({ apiToken, metricsToken });
    expect((await scrape(app)).status).toBe(401);
    expect((await scrape(app, metricsToken)).status).toBe(200);
    expect((await scrape(app, apiToken)).status).toBe(200);
    expect((await scrape(app, createUserToken(apiToken, 'alice'))).status).toBe(401);
    expect((await scrape(app, 'not-a-token-we-know-of')).status).toBe(401);
    // A scraper token alone guards it too, on an otherwise open API.
    expect((await scrape(appWith({ metricsToken }))).status).toBe(401);
  });
});

describe('/metrics in the whole API', () => {
  // Scraping touches neither the store nor the runner.
  const app = (apiToken: string | undefined) =>
    createApp({
      store: {} as SessionStore,
      runner: {} as Runner,
      config: { apiToken, corsOrigins: [], host: '0.0.0.0' },
      logger: createLogger({ name: 'test', level: 'error', write: () => {} }),
      version: '1',
      metrics,
      metricsToken,
    });
  const byPodIp = (token?: string) => ({
    headers: { host: '10.1.2.3:8000', ...(token ? { authorization: `Bearer ${token}` } : {}) },
  });

  it('answers a scraper that comes by pod IP with a token, since the token guards it', async () => {
    const response = await app(apiToken).request('http://10.1.2.3:8000/metrics', byPodIp(metricsToken));
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('sre_agent_turns_total');
  });

  it('keeps the Host guard in front of an API with no token at all', async () => {
    const open = createApp({
      store: {} as SessionStore,
      runner: {} as Runner,
      config: { apiToken: undefined, corsOrigins: [] },
      logger: createLogger({ name: 'test', level: 'error', write: () => {} }),
      version: '1',
      metrics,
    });
    expect((await open.request('http://10.1.2.3:8000/metrics', byPodIp())).status).toBe(403);
    expect((await open.request('http://127.0.0.1:8000/metrics')).status).toBe(200);
  });
});
