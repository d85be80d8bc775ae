// What a parsed request body may not hold, checked before anything walks it. Deep nesting overflows the
// stack of every recursive walk after this one (key camelising, validation, PostgreSQL's own JSON parser);
// a lone UTF-16 surrogate (half an emoji, cut by a client) is valid in JSON text but refused by
// PostgreSQL's jsonb, so the write would fail later with a 500 instead of a 422 now.

/** Levels of nested objects and arrays in one request body: far beyond any real state or message. */
export const maxJsonDepth = 32;

export interface JsonProblem {
  /** Keys and indexes from the body's root to the offending value, as sent. */
  path: (string | number)[];
  msg: string;
  type: string;
}

const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** The first problem found, depth first, or undefined. Recursion stops at `maxDepth`, so it is bounded. */
export function findJsonProblem(value: unknown, maxDepth: number = maxJsonDepth): JsonProblem | undefined {
  return walk(value, [], maxDepth);
}

// `path` is one array pushed and popped on the way (a big body has many leaves); copied only when reported.
function walk(value: unknown, path: (string | number)[], maxDepth: number): JsonProblem | undefined {
  if (typeof value === 'string') return surrogateProblem(value, path, 'text');
  if (value === null || typeof value !== 'object') return undefined;
  if (path.length >= maxDepth) {
    return {
      path: [...path],
      msg: `nested deeper than ${maxDepth} levels of objects and arrays; flatten the value`,
      type: 'too_deep',
    };
  }
  const entries: [string | number, unknown][] = Array.isArray(value)
    ? [...value.entries()]
    : Object.entries(value);
  for (const [key, item] of entries) {
    path.push(key);
    const problem =
      (typeof key === 'string' ? surrogateProblem(key, path, 'key') : undefined) ??
      walk(item, path, maxDepth);
    path.pop();
    if (problem) return problem;
  }
  return undefined;
}

function surrogateProblem(
  text: string,
  path: (string | number)[],
  what: 'text' | 'key',
): JsonProblem | undefined {
  if (text.isWellFormed()) return undefined;
  const index = text.search(loneSurrogate);
  const unit = text.charCodeAt(index).toString(16).toUpperCase();
  return {
    path: [...path],
    msg: `the ${what} holds a lone UTF-16 surrogate (\\u${unit} at position ${index}), which is not Unicode text (a cut emoji leaves one); send well-formed text`,
    type: 'string_unicode',
  };
}
