import type { MiddlewareHandler } from 'hono';
import { HttpError } from '../errors.js';
import type { AppEnv } from './app-env.js';

// Every body this API takes is JSON. Requiring the JSON media type is what makes a cross-site page's
// request preflighted: a browser sends `text/plain`, a form type, or a typeless blob without asking
// first, but never `application/json`. A request without a body (an optional one left out) needs none.

const bodyMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function requireJsonBody(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (bodyMethods.has(c.req.method)) {
      const contentType = c.req.header('content-type');
      // Read once; the route reads the same cached text.
      if (!isJson(contentType) && (contentType !== undefined || (await c.req.text()) !== '')) {
        throw new HttpError(
          415,
          'unsupported_media_type',
          `Send the body as JSON with Content-Type: application/json (got ${contentType === undefined ? 'no Content-Type' : `"${contentType}"`})`,
        );
      }
    }
    await next();
  };
}

function isJson(contentType: string | undefined): boolean {
  return contentType?.split(';', 1)[0]?.trim().toLowerCase() === 'application/json';
}
