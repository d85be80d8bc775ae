import { Hono } from 'hono';
import type { AppEnv } from '../http/app-env.js';
import { chatPageCsp, chatPageHtml } from './chat-page.js';

/** `GET /`: the web chat page. Public: it holds no data and asks for the token itself. */
export function chatPageRoutes(): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();
  routes.get('/', (c) => {
    c.header('Content-Security-Policy', chatPageCsp);
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('X-Frame-Options', 'DENY');
    c.header('Referrer-Policy', 'no-referrer');
    c.header('Cache-Control', 'no-cache');
    return c.html(chatPageHtml);
  });
  return routes;
}
