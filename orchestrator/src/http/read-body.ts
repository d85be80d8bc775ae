import type { Context } from 'hono';
import type { z } from 'zod';
import { ValidationError } from '../errors.js';
import { camelizeKeys } from './camelize-keys.js';

/**
 * Reads a JSON body, accepts snake_case keys, validates it, and reports every bad field FastAPI-style
 * (`loc` starts with "body"), so ADK clients see the 422 shape they know. An empty body is `{}` when the
 * route's body is optional.
 */
export async function readBody<Schema extends z.ZodType>(
  c: Context,
  schema: Schema,
  options: { optional?: boolean } = {},
): Promise<z.infer<Schema>> {
  const text = await c.req.text();
  let json: unknown = {};
  if (text.trim() !== '') {
    try {
      json = JSON.parse(text);
    } catch {
      throw new ValidationError([
        { loc: ['body'], msg: 'Request body is not valid JSON', type: 'json_invalid' },
      ]);
    }
  } else if (!options.optional) {
    throw new ValidationError([{ loc: ['body'], msg: 'Request body is required', type: 'missing' }]);
  }
  // Someone posting `null` for an optional body means "no body".
  if (json === null && options.optional) json = {};
  const result = schema.safeParse(camelizeKeys(json));
  if (result.success) return result.data;
  throw new ValidationError(
    result.error.issues.map((issue) => ({
      loc: ['body', ...issue.path.map((part) => (typeof part === 'symbol' ? String(part) : part))],
      msg: issue.message,
      type: issue.code,
    })),
  );
}
