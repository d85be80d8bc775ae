import type { Logger } from '@sre-agent/shared';
import type { Context, ErrorHandler, NotFoundHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { HttpError, ServiceUnavailableError } from '../errors.js';
import type { AppEnv } from './app-env.js';

/** The one place errors become HTTP: expected ones keep their status, anything else is a bare 500. */
export function createErrorHandler(logger: Pick<Logger, 'warn' | 'error'>): ErrorHandler<AppEnv> {
  return (error, c) => {
    if (error instanceof HttpError) {
      if (error.status === 401) c.header('WWW-Authenticate', 'Bearer');
      if (error instanceof ServiceUnavailableError && error.retryAfterSeconds !== undefined) {
        c.header('Retry-After', String(error.retryAfterSeconds));
      }
      return c.json({ detail: error.detail }, error.status);
    }
    // Hono's own (malformed requests caught by its middleware) carry no internals.
    if (error instanceof HTTPException && error.status < 500) {
      return c.json({ detail: error.message || 'Bad request' }, error.status as ContentfulStatusCode);
    }
    const requestId = c.get('requestId');
    logger.error('request failed', { requestId, method: c.req.method, path: c.req.path, error });
    return c.json({ detail: 'Internal server error', requestId }, 500);
  };
}

export const notFound: NotFoundHandler<AppEnv> = (c: Context<AppEnv>) => c.json({ detail: 'Not Found' }, 404);
