import type { Logger } from '@sre-agent/shared';
import type { Context, ErrorHandler, Hono, NotFoundHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { HttpError, ServiceUnavailableError } from '../errors.js';
import type { AppEnv } from './app-env.js';

// Every error body is `{"error": <one line>, "detail": ...}`: `detail` as FastAPI (ADK Python) shapes it,
// a string or the list of bad fields; `error` as ADK's JS server does, always a string.

/** The one place errors become HTTP: expected ones keep their status, anything else is a bare 500. */
export function createErrorHandler(logger: Pick<Logger, 'warn' | 'error'>): ErrorHandler<AppEnv> {
  return (error, c) => {
    if (error instanceof HttpError) {
      if (error.status === 401) c.header('WWW-Authenticate', 'Bearer');
      if (error instanceof ServiceUnavailableError && error.retryAfterSeconds !== undefined) {
        c.header('Retry-After', String(error.retryAfterSeconds));
      }
      return c.json({ error: error.message, detail: error.detail }, error.status);
    }
    // Hono's own (malformed requests caught by its middleware) carry no internals.
    if (error instanceof HTTPException && error.status < 500) {
      const message = error.message || 'Bad request';
      return c.json({ error: message, detail: message }, error.status as ContentfulStatusCode);
    }
    const requestId = c.get('requestId');
    logger.error('request failed', { requestId, method: c.req.method, path: c.req.path, error });
    return c.json({ error: 'Internal server error', detail: 'Internal server error', requestId }, 500);
  };
}

/**
 * 404 for a path no route serves; 405 with `Allow` for one served under other methods (`GET /run`), so a
 * client learns it used the wrong method rather than the wrong address.
 */
export function notFoundOrWrongMethod(app: Hono<AppEnv>): NotFoundHandler<AppEnv> {
  let table: { pattern: RegExp; method: string }[] | undefined;
  return (c: Context<AppEnv>) => {
    // Built on first use, once every route is registered.
    table ??= app.routes
      .filter((route) => route.method !== 'ALL')
      .map((route) => ({ pattern: pathPattern(route.path), method: route.method }));
    const allowed = [
      ...new Set(table.filter((route) => route.pattern.test(c.req.path)).map((route) => route.method)),
    ];
    if (allowed.length === 0) return c.json({ error: 'Not Found', detail: 'Not Found' }, 404);
    c.header('Allow', allowed.join(', '));
    const message = `Method ${c.req.method} is not allowed on ${c.req.path}; use ${allowed.join(' or ')}`;
    return c.json({ error: message, detail: message }, 405);
  };
}

// Hono's `/apps/:app/users/:user/*` paths as a regular expression.
function pathPattern(path: string): RegExp {
  const source = path
    .split('/')
    .map((segment) =>
      segment.startsWith(':')
        ? '[^/]+'
        : segment === '*'
          ? '.*'
          : segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'),
    )
    .join('/');
  return new RegExp(`^${source}/?$`);
}
