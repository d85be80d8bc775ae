// The web chat page as the orchestrator serves it: public, self-contained, locked down by its CSP, and
// with inline code that parses and whose hashes match the policy.
import { createHash } from 'node:crypto';
import { Script } from 'node:vm';
import { createLogger } from '@sre-agent/shared';
import { describe, expect, it } from 'vitest';
import type { Runner, SessionStore } from '../orchestrator/src/adk/types.ts';
import { createApp } from '../orchestrator/src/http/index.ts';

const logger = createLogger({ name: 'web', level: 'error', write: () => undefined });
const runner: Runner = { run: async function* () {}, health: async () => ({}) };
// GET / never reaches the store; anything it touched would throw.
const store = new Proxy({} as SessionStore, {
  get: () => {
    throw new Error('the page must not touch the store');
  },
});
const app = createApp({
  store,
  runner,
  config: { apiToken: 'a-long-enough-service-token', corsOrigins: [] },
  logger,
  version: 'web',
});

async function page() {
  const response = await app.request('/');
  return {
    response,
    html: await response.text(),
    csp: response.headers.get('content-security-policy') ?? '',
  };
}

const inline = (html: string, tag: 'script' | 'style') =>
  [...html.matchAll(new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`, 'g'))].map((match) => match[1]!);
const hash = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;

describe('web chat page', () => {
  it('is served as HTML without a token, while the API behind it still wants one', async () => {
    const { response, html } = await page();
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html; charset=utf-8$/i);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect((await app.request('/list-apps')).status).toBe(401);
  });

  it('has a CSP that allows nothing but its own inline code (by hash) and its own origin', async () => {
    const { html, csp } = await page();
    const directives = Object.fromEntries(
      csp.split(';').map((directive) => {
        const [name, ...values] = directive.trim().split(/\s+/);
        return [name, values];
      }),
    );
    expect(directives['default-src']).toEqual(["'none'"]);
    expect(directives['connect-src']).toEqual(["'self'"]);
    expect(directives['frame-ancestors']).toEqual(["'none'"]);
    expect(directives['base-uri']).toEqual(["'none'"]);
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|https?:|\*/);
    const [script] = inline(html, 'script');
    const [style] = inline(html, 'style');
    expect(directives['script-src']).toEqual([hash(script!)]);
    expect(directives['style-src']).toEqual([hash(style!)]);
  });

  it('loads nothing from elsewhere: no external URL, src, href or inline handler', async () => {
    const { html } = await page();
    expect(html).not.toMatch(/https?:\/\/|\/\/[a-z0-9.-]+\.[a-z]{2,}/i);
    expect(html).not.toMatch(/<(script|img|link|iframe)[^>]*\s(src|href)=/i);
    expect(html).not.toMatch(/\son[a-z]+=/i);
    expect(html).not.toMatch(/\sstyle=/i);
    expect(inline(html, 'script')).toHaveLength(1);
  });

  it('ships a script that parses and never writes untrusted text as HTML', async () => {
    const { html } = await page();
    const [script] = inline(html, 'script');
    expect(() => new Script(script!)).not.toThrow();
    expect(script).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write|eval\(/);
    for (const path of ['/run_sse', '/list-apps', 'adk_request_confirmation', 'localStorage', 'Bearer ']) {
      expect(script).toContain(path);
    }
  });
});
