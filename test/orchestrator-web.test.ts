// The web chat page as the orchestrator serves it: public, locked down by its CSP (scripts and styles from
// its own origin only), its bundle free of HTML-string APIs; and the tools routes its panel uses.
import { createLogger } from '@sre-agent/shared';
import { describe, expect, it } from 'vitest';
import type { Runner, SessionStore } from '../orchestrator/src/adk/types.ts';
import { createApp } from '../orchestrator/src/http/index.ts';
import type { HubTool } from '../orchestrator/src/mcp/mcp-connection.ts';
import type { McpHub } from '../orchestrator/src/mcp/mcp-hub.ts';
import { webPageAssets } from './web-page.ts';

const logger = createLogger({ name: 'web', level: 'error', write: () => undefined });
const runner: Runner = { run: async function* () {}, health: async () => ({}) };
const token = 'a-long-enough-service-token';
// The page never reaches the store; anything it touched would throw.
const store = new Proxy({} as SessionStore, {
  get: () => {
    throw new Error('the page must not touch the store');
  },
});
const tool = (name: string, mutating: boolean): HubTool => ({
  name,
  server: 'k8s',
  toolName: name.replace('k8s__', ''),
  description: `${name} description`,
  inputSchema: { type: 'object', properties: { namespace: { type: 'string' } }, required: ['namespace'] },
  mutating,
  destructive: mutating,
});
const calls: Array<{ name: string; args: unknown }> = [];
// The hub as the routes see it (its two methods); the real hub under these routes runs in the browser test.
const hub: Pick<McpHub, 'tools' | 'callTool'> = {
  tools: () => [tool('k8s__list_pods_from_namespace', false), tool('k8s__scale_deployment', true)],
  callTool: async (name, args) => {
    calls.push({ name, args });
    return { isError: false, text: `pods of ${String(args.namespace)}` };
  },
};
const app = createApp({
  store,
  runner,
  config: { apiToken: token, corsOrigins: [] },
  logger,
  version: 'web',
  webPage: await webPageAssets(),
  tools: hub,
});
const auth = { authorization: `Bearer ${token}` };

async function page() {
  const response = await app.request('/');
  return {
    response,
    html: await response.text(),
    csp: response.headers.get('content-security-policy') ?? '',
  };
}

describe('web chat page', () => {
  it('is served as HTML without a token, while the API behind it still wants one', async () => {
    const { response, html } = await page();
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html; charset=utf-8$/i);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect((await app.request('/list-apps')).status).toBe(401);
  });

  it("has a CSP that allows scripts and styles from 'self' only: no inline code, hash, nonce or CDN", async () => {
    const { csp } = await page();
    const directives = Object.fromEntries(
      csp.split(';').map((directive) => {
        const [name, ...values] = directive.trim().split(/\s+/);
        return [name, values];
      }),
    );
    expect(directives['default-src']).toEqual(["'none'"]);
    expect(directives['script-src']).toEqual(["'self'"]);
    expect(directives['style-src']).toEqual(["'self'"]);
    expect(directives['connect-src']).toEqual(["'self'"]);
    expect(directives['frame-ancestors']).toEqual(["'none'"]);
    expect(directives['base-uri']).toEqual(["'none'"]);
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|sha256-|nonce-|https?:|\*/);
  });

  it('loads only its own bundle: no inline script, style or handler, nothing from elsewhere', async () => {
    const { html } = await page();
    expect(html).not.toMatch(/https?:\/\/|\/\/[a-z0-9.-]+\.[a-z]{2,}/i);
    expect(html).not.toMatch(/<script(?![^>]*\ssrc="\/web\/page\.js")[^>]*>/i);
    expect(html).not.toMatch(/<style|\son[a-z]+=|\sstyle=/i);
    expect(html).toContain('<script type="module" src="/web/page.js"></script>');
    expect(html).toContain('<link rel="stylesheet" href="/web/page.css">');
  });

  it('serves the bundle as JavaScript and CSS, without a token, and the script writes no HTML strings', async () => {
    const script = await app.request('/web/page.js');
    const style = await app.request('/web/page.css');
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(style.headers.get('content-type')).toBe('text/css; charset=utf-8');
    expect(script.headers.get('x-content-type-options')).toBe('nosniff');
    const code = await script.text();
    expect(code).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write|eval\(|new Function/);
    for (const needle of ['/run_sse', '/list-apps', 'adk_request_confirmation', 'localStorage', 'Bearer ']) {
      expect(code).toContain(needle);
    }
    expect(await style.text()).toContain('@media');
  });

  it('says how to build the page when it was not built', async () => {
    const bare = createApp({
      store,
      runner,
      config: { apiToken: token, corsOrigins: [] },
      logger,
      version: 'web',
    });
    const response = await bare.request('/');
    expect(response.status).toBe(503);
    expect(await response.text()).toContain('npm run build');
    expect((await bare.request('/web/page.js')).status).toBe(401);
  });
});

describe('tools routes (the page tools panel)', () => {
  it('lists the tools with their schemas and whether they are read-only, behind the token', async () => {
    expect((await app.request('/apps/sre_agent/tools')).status).toBe(401);
    const response = await app.request('/apps/sre_agent/tools', { headers: auth });
    const tools = (await response.json()) as Array<{ name: string; readOnly: boolean; inputSchema: object }>;
    expect(tools.map((entry) => [entry.name, entry.readOnly])).toEqual([
      ['k8s__list_pods_from_namespace', true],
      ['k8s__scale_deployment', false],
    ]);
    expect(tools[0]?.inputSchema).toMatchObject({ required: ['namespace'] });
    expect((await app.request('/apps/nope/tools', { headers: auth })).status).toBe(404);
  });

  it('runs a read-only tool with its arguments as sent (snake_case kept)', async () => {
    calls.length = 0;
    const response = await app.request('/apps/sre_agent/tools/k8s__list_pods_from_namespace/run', {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({ args: { namespace: 'payments', label_selector: 'app=x' } }),
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { isError: boolean; text: string; images: unknown[] };
    expect(body).toMatchObject({ isError: false, text: 'pods of payments', images: [] });
    expect(calls).toEqual([
      { name: 'k8s__list_pods_from_namespace', args: { namespace: 'payments', label_selector: 'app=x' } },
    ]);
  });

  it('refuses a tool that changes state (403, saying where it can run) and an unknown one (404)', async () => {
    calls.length = 0;
    const run = (name: string) =>
      app.request(`/apps/sre_agent/tools/${name}/run`, {
        method: 'POST',
        headers: { ...auth, 'content-type': 'application/json' },
        body: JSON.stringify({ args: { namespace: 'payments' } }),
      });
    const write = await run('k8s__scale_deployment');
    expect(write.status).toBe(403);
    expect(((await write.json()) as { detail: string }).detail).toContain('after a human confirms it');
    expect((await run('k8s__nope')).status).toBe(404);
    expect(calls).toEqual([]);
  });
});
