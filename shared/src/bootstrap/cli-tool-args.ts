import { UsageError } from './cli-args.js';
import { closestName } from './closest-name.js';

/** The part of a tool's input JSON schema (as tools/list sends it) that `--arg` values are read by. */
export interface JsonSchema {
  type?: string | string[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  items?: JsonSchema;
  properties?: Record<string, JsonSchema>;
}

/**
 * Builds a tool's arguments from `--json '{...}'` and `--arg key=value` pairs (pairs win).
 * A shell gives only strings, so each value becomes what the schema wants: a number, a boolean,
 * a JSON array or object, or a comma-separated list. What the schema still refuses is left to
 * the server's own validation, which names the parameter as it does for any client.
 */
export function buildToolArguments(
  toolName: string,
  pairs: readonly string[],
  json: string | undefined,
  schema: JsonSchema,
): Record<string, unknown> {
  const args = json === undefined ? {} : parseJsonObject(json);
  const properties = schema.properties ?? {};
  for (const pair of pairs) {
    const equals = pair.indexOf('=');
    if (equals <= 0) {
      throw new UsageError(`--arg takes key=value (e.g. --arg namespace=default), got "${pair}"`);
    }
    const key = pair.slice(0, equals);
    const property = properties[key];
    if (!property) throw unknownArgument(toolName, key, Object.keys(properties));
    args[key] = coerceValue(key, pair.slice(equals + 1), property);
  }
  return args;
}

function parseJsonObject(json: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (error) {
    throw new UsageError(
      `--json must be a JSON object such as '{"namespace":"default"}': ${(error as Error).message}`,
    );
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new UsageError(`--json must be a JSON object such as '{"namespace":"default"}'`);
  }
  return value as Record<string, unknown>;
}

function unknownArgument(toolName: string, key: string, known: readonly string[]): UsageError {
  if (known.length === 0) return new UsageError(`${toolName} takes no arguments, got --arg ${key}=...`);
  const near = closestName(key, known);
  return new UsageError(
    `${toolName} has no argument "${key}"${near ? `; did you mean "${near}"?` : '.'} Its arguments: ${known.join(', ')}`,
  );
}

/** The JSON types a schema accepts; empty when it says nothing (any value). */
export function schemaTypes(schema: JsonSchema): Set<string> {
  const types = new Set<string>();
  if (typeof schema.type === 'string') types.add(schema.type);
  if (Array.isArray(schema.type)) for (const type of schema.type) types.add(type);
  for (const branch of [...(schema.anyOf ?? []), ...(schema.oneOf ?? [])]) {
    for (const type of schemaTypes(branch)) types.add(type);
  }
  if (types.has('integer')) types.add('number');
  return types;
}

function coerceValue(key: string, raw: string, schema: JsonSchema): unknown {
  const types = schemaTypes(schema);
  const trimmed = raw.trim();
  if ((types.has('array') || types.has('object') || types.size === 0) && /^[[{]/.test(trimmed)) {
    return parseJsonValue(key, trimmed);
  }
  if (types.has('number') && trimmed !== '' && Number.isFinite(Number(trimmed))) return Number(trimmed);
  if (types.has('boolean') && (trimmed === 'true' || trimmed === 'false')) return trimmed === 'true';
  if (types.has('string') || types.size === 0) return raw;
  if (types.has('array')) {
    // `--arg namespaces=a,b` for a list of names; each item read by the list's item schema.
    return raw.split(',').map((item) => coerceValue(key, item.trim(), schema.items ?? {}));
  }
  throw new UsageError(`--arg ${key}=${raw}: "${key}" wants ${describeTypes(types)}`);
}

function parseJsonValue(key: string, raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch (error) {
    throw new UsageError(`--arg ${key}=...: not valid JSON (${(error as Error).message})`);
  }
}

function describeTypes(types: Set<string>): string {
  const words: Record<string, string> = {
    number: 'a number',
    boolean: 'true or false',
    array: 'a JSON array like ["a","b"] or a comma-separated list',
    object: 'a JSON object like {"key":"value"}',
  };
  return [...types]
    .filter((type) => type !== 'integer' && type !== 'null')
    .map((type) => words[type] ?? type)
    .join(' or ');
}
