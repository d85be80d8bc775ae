import { type Context, Hono } from 'hono';
import type { AppEnv } from '../http/app-env.js';
import { chatPageCsp, chatPageHtml } from './chat-page.js';
import { type WebPageAssets, webPageFiles } from './web-page-assets.js';

/**
 * `GET /`: the web chat page, and `/web/page.js` and `/web/page.css`, its bundled code. Public: they hold
 * no data, and the page asks for the token itself. Without a build, `/` says how to make one.
 */
export function chatPageRoutes(assets: WebPageAssets | undefined): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();
  const secure = (c: Context<AppEnv>) => {
    c.header('Content-Security-Policy', chatPageCsp);
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('X-Frame-Options', 'DENY');
    c.header('Referrer-Policy', 'no-referrer');
    c.header('Cache-Control', 'no-cache');
  };
  routes.get('/', (c) => {
    secure(c);
    if (assets === undefined) {
      return c.text('The web page is not built: run `npm run build`, then reload.', 503);
    }
    return c.html(chatPageHtml);
  });
  if (assets === undefined) return routes;
  routes.get(`/web/${webPageFiles.script}`, (c) => {
    secure(c);
    c.header('Content-Type', 'text/javascript; charset=utf-8');
    return c.body(assets.script);
  });
  routes.get(`/web/${webPageFiles.style}`, (c) => {
    secure(c);
    c.header('Content-Type', 'text/css; charset=utf-8');
    return c.body(assets.style);
  });
  return routes;
}
