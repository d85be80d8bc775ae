// MCP tools describe their input in full JSON Schema (zod 4 emits draft 2020-12); Gemini's
// `parametersJsonSchema` takes a subset and rejects the request over a keyword it does not know.
// Keep what it accepts, turn `const` into a one-value `enum`, drop the rest.

const kept = new Set([
  '$id',
  '$ref',
  '$anchor',
  'type',
  'format',
  'title',
  'description',
  'enum',
  'items',
  'prefixItems',
  'minItems',
  'maxItems',
  'minimum',
  'maximum',
  'minLength',
  'maxLength',
  'pattern',
  'anyOf',
  'oneOf',
  'properties',
  'additionalProperties',
  'required',
  'default',
  'nullable',
  'propertyOrdering',
]);

const schemaMaps = new Set(['properties', '$defs']);
const schemaLists = new Set(['anyOf', 'oneOf', 'prefixItems']);
const schemaValues = new Set(['items', 'additionalProperties']);

export function toGeminiSchema(inputSchema: unknown): Record<string, unknown> {
  const schema = clean(inputSchema);
  // A tool without parameters still needs an object schema.
  return isObject(schema) ? { type: 'object', ...schema } : { type: 'object', properties: {} };
}

function clean(node: unknown): unknown {
  if (!isObject(node)) return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === 'const') out.enum = [value];
    else if (schemaMaps.has(key) && isObject(value)) out[key] = mapValues(value, clean);
    else if (schemaLists.has(key) && Array.isArray(value)) out[key] = value.map(clean);
    else if (schemaValues.has(key)) out[key] = typeof value === 'boolean' ? value : clean(value);
    else if (kept.has(key)) out[key] = value;
  }
  return out;
}

function mapValues(
  record: Record<string, unknown>,
  fn: (value: unknown) => unknown,
): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).map(([key, value]) => [key, fn(value)]));
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
