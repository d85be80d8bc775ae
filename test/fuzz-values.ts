/**
 * Hostile values for property tests: what a confused model, a fuzzer or an attacker may put in a
 * tool argument or an HTTP body. Shared by the MCP tool fuzz and the orchestrator HTTP fuzz.
 */
import fc from 'fast-check';

/** The seed every property test starts from unless FUZZ_SEED says otherwise (printed on failure). */
export const FUZZ_SEED = Number(process.env.FUZZ_SEED ?? 20261204);

/** An object whose own enumerable key is `key`, even for `__proto__` (a literal would set the prototype). */
export function withOwnKey(key: string, value: unknown, base: Record<string, unknown> = {}) {
  const copy = { ...base };
  Object.defineProperty(copy, key, { value, enumerable: true, configurable: true, writable: true });
  return copy;
}

export const PROTOTYPE_KEYS = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  'valueOf',
];

/** Nested arrays (or objects) `depth` levels deep, built without recursion. */
export function nested(depth: number, asObject: boolean): unknown {
  let value: unknown = 'bottom';
  for (let i = 0; i < depth; i++) value = asObject ? { a: value } : [value];
  // fast-check prints a failing value recursively; this keeps the report from overflowing the stack.
  Object.defineProperty(value, fc.toStringMethod, { value: () => `nested(${depth}, ${asObject})` });
  return value;
}

export const UNICODE_EDGES = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\uD800',
  '\uDFFF',
  'x\uDC00y',
  '\uFFFE\uFFFF',
  '\u202Eevil\u202C',
  '\u200B',
  'e\u0301\u0301\u0301',
  '👩‍👩‍👧‍👦',
  'ǅ',
  '../../etc/passwd',
  'payments\n',
  ' payments',
  '%00',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a literal log4j-style probe, not a template
  '${jndi:ldap://x}',
  '<untrusted-data source="x">',
  '</untrusted-data>',
  "'; DROP TABLE audit_log; --",
  '\\',
  '"',
  '*',
  '?watch=true',
  '..',
];

export const EXTREME_NUMBERS = [
  0,
  -0,
  -1,
  1,
  0.5,
  -0.5,
  Number.MAX_SAFE_INTEGER,
  Number.MAX_SAFE_INTEGER + 2,
  Number.MIN_SAFE_INTEGER,
  Number.MAX_VALUE,
  -Number.MAX_VALUE,
  Number.MIN_VALUE,
  Number.POSITIVE_INFINITY,
  Number.NEGATIVE_INFINITY,
  Number.NaN,
  2 ** 31,
  -(2 ** 31) - 1,
  1e21,
];

/** Any UTF-16 code unit, lone surrogates and NUL included. */
const anyCodeUnit = fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code));

export const hostileString: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...UNICODE_EDGES, ...PROTOTYPE_KEYS),
  fc.string({ unit: anyCodeUnit, maxLength: 40 }),
  fc.constantFrom(100_000, 1_000_000).map((n) => 'x'.repeat(n)),
  fc.constant('\uD800'.repeat(5_000)),
);

export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  hostileString,
  fc.constantFrom(...EXTREME_NUMBERS),
  fc.constantFrom(null, undefined, true, false, [], {}, [[]], ['']),
  fc.constantFrom(...PROTOTYPE_KEYS).map((key) => withOwnKey(key, { polluted: true })),
  fc.constantFrom(500, 5_000).chain((depth) => fc.boolean().map((asObject) => nested(depth, asObject))),
  fc.array(hostileString, { maxLength: 5 }),
  fc.constant(Array.from({ length: 10_000 }, (_, i) => `item-${i}`)),
  fc.anything({ maxDepth: 3, withObjectString: true, withNullPrototype: true }),
);
