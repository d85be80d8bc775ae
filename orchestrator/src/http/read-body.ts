import type { Context } from 'hono';
import type { z } from 'zod';
import { ValidationError } from '../errors.js';
import { camelizeKeys } from './camelize-keys.js';
import { findJsonProblem } from './json-limits.js';
import { withoutNullFields } from './null-fields.js';

/**
 * Reads a JSON body, accepts snake_case keys and `null` for absent optional fields (as ADK's pydantic
 * models do), validates it, and reports every bad field FastAPI-style (`loc` starts with "body"), so ADK
 * clients see the 422 shape they know. An empty body is `{}` when the route's body is optional.
 */
export async function readBody<Schema extends z.ZodType>(
  c: Context,
  schema: Schema,
  /** `raw`: the JSON as sent, for a body that is user data throughout (a whole state object). */
  options: { optional?: boolean; raw?: boolean } = {},
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
  const problem = findJsonProblem(json);
  if (problem)
    throw new ValidationError([{ loc: ['body', ...problem.path], msg: problem.msg, type: problem.type }]);
  const result = schema.safeParse(options.raw ? json : withoutNullFields(camelizeKeys(json)));
  if (result.success) return result.data;
  throw new ValidationError(
    result.error.issues.map((issue) => ({
      loc: ['body', ...issue.path.map((part) => (typeof part === 'symbol' ? String(part) : part))],
      msg: issue.message,
      type: issue.code,
    })),
  );
}
