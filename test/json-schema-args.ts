/**
 * Arguments generated from a tool's published JSON input schema (what tools/list gives a model),
 * and a checker that says which top-level parameters a value breaks the schema on. Only the
 * keywords our servers publish are understood; an unknown one fails loudly so the fuzz cannot
 * quietly stop covering a new kind of field.
 */
import fc from 'fast-check';
import { hostileString, hostileValue, PROTOTYPE_KEYS, withOwnKey } from './fuzz-values.ts';

export type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  pattern?: string;
  additionalProperties?: boolean | JsonSchema;
  [other: string]: unknown;
};

const KNOWN = new Set([
  'type',
  'properties',
  'required',
  'items',
  'enum',
  'const',
  'anyOf',
  'minimum',
  'maximum',
  'minLength',
  'maxLength',
  'minItems',
  'maxItems',
  'pattern',
  'additionalProperties',
  'propertyNames',
  'description',
  'default',
  '$schema',
  'title',
]);

function checkKnown(schema: JsonSchema, where: string): void {
  for (const key of Object.keys(schema)) {
    if (!KNOWN.has(key))
      throw new Error(`json-schema-args.ts: ${where} uses "${key}"; teach the fuzz about it`);
  }
}

const length = (text: string) => [...text].length;

/** Whether `value` satisfies `schema` (JSON Schema semantics, as a client validating it would read them). */
export function satisfies(schema: JsonSchema, value: unknown): boolean {
  if (schema.anyOf && !schema.anyOf.some((option) => satisfies(option, value))) return false;
  if ('const' in schema && value !== schema.const) return false;
  if (schema.enum && !schema.enum.includes(value)) return false;
  const types = schema.type === undefined ? [] : [schema.type].flat();
  if (types.length > 0 && !types.some((type) => hasType(type, value))) return false;
  if (typeof value === 'number') {
    if (schema.minimum !== undefined && !(value >= schema.minimum)) return false;
    if (schema.maximum !== undefined && !(value <= schema.maximum)) return false;
  }
  if (typeof value === 'string') {
    if (schema.minLength !== undefined && length(value) < schema.minLength) return false;
    if (schema.maxLength !== undefined && length(value) > schema.maxLength) return false;
    if (schema.pattern !== undefined && !new RegExp(schema.pattern, 'u').test(value)) return false;
  }
  if (Array.isArray(value)) {
    if (schema.minItems !== undefined && value.length < schema.minItems) return false;
    if (schema.maxItems !== undefined && value.length > schema.maxItems) return false;
    const { items } = schema;
    if (items && !value.every((item) => satisfies(items, item))) return false;
  }
  if (isPlainObject(value) && schema.properties) return offendingKeys(schema, value).length === 0;
  return true;
}

function hasType(type: string, value: unknown): boolean {
  switch (type) {
    case 'string':
      return typeof value === 'string';
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value);
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'boolean':
      return typeof value === 'boolean';
    case 'null':
      return value === null;
    case 'array':
      return Array.isArray(value);
    case 'object':
      return isPlainObject(value);
    default:
      throw new Error(`json-schema-args.ts: unknown type ${type}`);
  }
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The top-level parameters on which `args` breaks an object schema: missing required ones and
 * ones whose value does not fit. An `undefined` value counts as absent, as it does once the
 * arguments travel as JSON.
 */
export function offendingKeys(schema: JsonSchema, args: Record<string, unknown>): string[] {
  const properties = schema.properties ?? {};
  const present = (key: string) => Object.hasOwn(args, key) && args[key] !== undefined;
  const missing = (schema.required ?? []).filter((key) => !present(key));
  const wrong = Object.keys(properties).filter((key) => {
    const property = properties[key];
    return property !== undefined && present(key) && !satisfies(property, args[key]);
  });
  const extra =
    schema.additionalProperties === false ? Object.keys(args).filter((key) => !(key in properties)) : [];
  return [...missing, ...wrong, ...extra];
}

/** Values likely to mean something to the server (names in the fakes): per parameter, and for any string. */
export type Vocabulary = { any: readonly string[]; [parameter: string]: readonly string[] };

/** A value that fits `schema` most of the time: boundary numbers, pattern-shaped and known strings. */
export function validish(schema: JsonSchema, words: Vocabulary, where = 'schema'): fc.Arbitrary<unknown> {
  checkKnown(schema, where);
  if (schema.anyOf)
    return fc.oneof(...schema.anyOf.map((option, i) => validish(option, words, `${where}|${i}`)));
  if ('const' in schema) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const type = [schema.type ?? 'string'].flat()[0];
  switch (type) {
    case 'integer':
    case 'number': {
      const min = schema.minimum ?? -1_000;
      const max = schema.maximum ?? 100_000;
      const edges = [min, max, min - 1, max + 1, Math.round((min + max) / 2)];
      const between =
        type === 'integer'
          ? fc.integer({ min: Math.ceil(min), max: Math.floor(max) })
          : fc.double({ min, max, noNaN: true });
      return fc.oneof(fc.constantFrom(...edges), between);
    }
    case 'boolean':
      return fc.boolean();
    case 'array': {
      const item = validish(schema.items ?? {}, words, `${where}[]`);
      const minLength = schema.minItems ?? 0;
      const maxLength = Math.min(schema.maxItems ?? 4, minLength + 4);
      return fc.oneof(fc.array(item, { minLength, maxLength }), fc.array(item, { maxLength: maxLength + 2 }));
    }
    case 'object':
      return objectArgs(schema, words, where);
    case 'string':
      return validishString(schema, words, where.split('.').at(-1) ?? '');
    default:
      throw new Error(`json-schema-args.ts: ${where} has type ${String(type)}`);
  }
}

function validishString(schema: JsonSchema, words: Vocabulary, parameter: string): fc.Arbitrary<string> {
  const options: fc.Arbitrary<string>[] = [];
  const own = (Object.hasOwn(words, parameter) && parameter !== 'any' ? words[parameter] : undefined) ?? [];
  // A parameter's own words come up half the time, so many calls reach the fake with a real object.
  if (own.length > 0) options.push(fc.constantFrom(...own), fc.constantFrom(...own), fc.constantFrom(...own));
  const fitting = words.any.filter((word) => satisfies(schema, word));
  if (fitting.length > 0) options.push(fc.constantFrom(...fitting));
  if (schema.pattern) {
    // Patterns are matched against code units as the server's zod regex does.
    options.push(fc.stringMatching(new RegExp(schema.pattern)));
  } else {
    options.push(fc.constantFrom(...words.any));
    options.push(
      fc.string({ minLength: schema.minLength ?? 0, maxLength: Math.min(schema.maxLength ?? 30, 30) }),
    );
  }
  return fc.oneof(...options);
}

function objectArgs(
  schema: JsonSchema,
  words: Vocabulary,
  where: string,
): fc.Arbitrary<Record<string, unknown>> {
  const properties = schema.properties ?? {};
  const required = new Set(schema.required ?? []);
  const record: Record<string, fc.Arbitrary<unknown>> = {};
  for (const [key, property] of Object.entries(properties))
    record[key] = validish(property, words, `${where}.${key}`);
  const requiredKeys = Object.keys(properties).filter((key) => required.has(key));
  return fc.record(record, { requiredKeys }) as fc.Arbitrary<Record<string, unknown>>;
}

/**
 * Tool arguments: mostly valid-ish, then one parameter replaced by a hostile value, a required
 * one dropped, extra (prototype) keys, or a wholly hostile object.
 */
export function toolArguments(
  schema: JsonSchema,
  words: Vocabulary,
  tool: string,
): fc.Arbitrary<Record<string, unknown>> {
  const base = objectArgs(schema, words, tool);
  const keys = Object.keys(schema.properties ?? {});
  const oneHostile = keys.length
    ? fc
        .tuple(base, fc.constantFrom(...keys), hostileValue)
        .map(([args, key, value]) => withOwnKey(key, value, args))
    : base;
  const dropRequired = (schema.required ?? []).length
    ? fc.tuple(base, fc.constantFrom(...(schema.required ?? []))).map(([args, key]) => {
        const copy = { ...args };
        delete copy[key];
        return copy;
      })
    : base;
  const extraKeys = fc
    .tuple(base, fc.constantFrom(...PROTOTYPE_KEYS, 'unexpected', 'output_mode'), hostileValue)
    .map(([args, key, value]) => withOwnKey(key, value, args));
  const allHostile = fc
    .dictionary(fc.oneof(fc.constantFrom(...keys, ...PROTOTYPE_KEYS), hostileString), hostileValue, {
      maxKeys: 4,
    })
    .map((entries) =>
      Object.entries(entries).reduce((args, [key, value]) => withOwnKey(key, value, args), {}),
    );
  // Only the required parameters: most likely to get past the handler's own checks to the fake.
  const minimal = objectArgs(
    { ...schema, properties: pick(schema.properties ?? {}, schema.required ?? []) },
    words,
    tool,
  );
  return fc.oneof(
    { weight: 3, arbitrary: minimal },
    { weight: 4, arbitrary: base },
    { weight: 4, arbitrary: oneHostile },
    { weight: 1, arbitrary: dropRequired },
    { weight: 2, arbitrary: extraKeys },
    { weight: 1, arbitrary: allHostile },
  );
}

const pick = (properties: Record<string, JsonSchema>, keys: string[]) =>
  Object.fromEntries(Object.entries(properties).filter(([key]) => keys.includes(key)));
