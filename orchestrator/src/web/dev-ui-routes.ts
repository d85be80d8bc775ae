import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { Hono } from 'hono';
import type { AppEnv } from '../http/app-env.js';

// Google's ADK dev UI (orchestrator/scripts/fetch-dev-ui.ts puts its build in dist/dev-ui at build time),
// served unchanged at /dev-ui/ as `adk web` serves it: same origin as the API, whose routes it calls with
// relative URLs (its runtime-config.json has an empty backendUrl). Static files only; the page itself
// holds nothing, and what it calls goes through the API's own guards.

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
};

export function devUiRoutes(dir: string): Hono<AppEnv> {
  const root = normalize(dir.endsWith(sep) ? dir : `${dir}${sep}`);
  const routes = new Hono<AppEnv>();
  routes.get('/dev-ui', (c) => c.redirect('/dev-ui/', 301));
  routes.get('/dev-ui/*', async (c) => {
    const relative = decodeURIComponent(c.req.path.slice('/dev-ui/'.length)) || 'index.html';
    const target = normalize(join(root, relative));
    // A path that climbs out of the UI's directory is treated as one of the app's own routes.
    const file = target.startsWith(root) ? await readFile(target).catch(() => undefined) : undefined;
    // The Angular app routes on the client: an unknown path is the app itself.
    const body = file ?? (extname(relative) === '' ? await readFile(join(root, 'index.html')) : undefined);
    if (body === undefined) return c.json({ error: 'Not Found', detail: 'Not Found' }, 404);
    c.header('Content-Type', types[file ? extname(target) : '.html'] ?? 'application/octet-stream');
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('X-Frame-Options', 'DENY');
    c.header('Cache-Control', 'no-cache');
    return c.body(new Uint8Array(body));
  });
  return routes;
}
