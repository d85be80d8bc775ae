// A form from a tool's JSON Schema (as zod writes it for MCP): one labelled control per property, read
// back into arguments. The server validates them again; this only helps the person typing.
import { el } from './dom.js';
import type { JsonObject } from './types.js';

interface Schema {
  type?: string | string[];
  description?: string;
  enum?: unknown[];
  default?: unknown;
  minimum?: number;
  maximum?: number;
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  anyOf?: Schema[];
  oneOf?: Schema[];
}

type Kind = 'enum' | 'boolean' | 'integer' | 'number' | 'string' | 'list' | 'json';

interface Field {
  name: string;
  kind: Kind;
  required: boolean;
  /** A list's items are numbers. */
  numeric: boolean;
  control: HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;
}

export interface SchemaForm {
  fields: HTMLElement;
  /** The arguments typed, or what is wrong with them. */
  read(): { args: JsonObject } | { error: string };
}

/** `idPrefix` keeps each control's id (for its label and hint) unique on the page. */
export function schemaForm(inputSchema: JsonObject, idPrefix: string): SchemaForm {
  const schema = inputSchema as Schema;
  const required = new Set(schema.required ?? []);
  const fields: Field[] = [];
  const container = el('div', { className: 'schema-fields' });
  for (const [name, raw] of Object.entries(schema.properties ?? {})) {
    const property = concrete(raw);
    const numeric = ['number', 'integer'].includes(String(property.items?.type));
    const field = { name, kind: kindOf(property), required: required.has(name), numeric };
    const id = `${idPrefix}-${name}`;
    const control = controlFor(field.kind, property, field.required);
    control.id = id;
    control.name = name;
    const label = el('label', { attrs: { for: id } }, el('span', { text: name }));
    if (field.required) label.append(el('span', { className: 'required', text: ' (required)' }));
    const row = el('div', { className: `field field-${field.kind}` }, label, control);
    if (property.description) {
      row.append(el('div', { className: 'hint', text: property.description, attrs: { id: `${id}-hint` } }));
      control.setAttribute('aria-describedby', `${id}-hint`);
    }
    container.append(row);
    fields.push({ ...field, control });
  }
  if (fields.length === 0) container.append(el('p', { className: 'hint', text: 'No arguments.' }));
  return { fields: container, read: () => readFields(fields) };
}

/** `anyOf`/`oneOf` (optional and nullable fields): the first branch that is not null. */
function concrete(schema: Schema): Schema {
  const branches = schema.anyOf ?? schema.oneOf;
  if (!branches) return schema;
  const chosen = branches.find((branch) => branch.type !== 'null') ?? {};
  return { ...chosen, description: schema.description ?? chosen.description, default: schema.default };
}

function kindOf(schema: Schema): Kind {
  const type = Array.isArray(schema.type) ? schema.type.find((entry) => entry !== 'null') : schema.type;
  if (schema.enum) return 'enum';
  if (type === 'boolean' || type === 'integer' || type === 'number' || type === 'string') return type;
  if (type === 'array' && ['string', 'number', 'integer'].includes(String(schema.items?.type))) return 'list';
  return 'json';
}

function controlFor(kind: Kind, schema: Schema, required: boolean) {
  const fallback = schema.default === undefined ? '' : `default: ${JSON.stringify(schema.default)}`;
  if (kind === 'enum' || kind === 'boolean') {
    const values = kind === 'enum' ? (schema.enum ?? []).map(String) : ['true', 'false'];
    const select = el('select');
    if (!required || kind === 'boolean')
      select.append(el('option', { text: fallback || '(not set)', attrs: { value: '' } }));
    for (const value of values) select.append(el('option', { text: value, attrs: { value } }));
    return select;
  }
  if (kind === 'json') return el('textarea', { attrs: { rows: '2', placeholder: fallback || 'JSON' } });
  const input = el('input', { attrs: { autocomplete: 'off', spellcheck: 'false' } });
  input.placeholder = kind === 'list' ? `comma-separated${fallback ? `; ${fallback}` : ''}` : fallback;
  if (kind === 'integer' || kind === 'number') {
    input.type = 'number';
    input.step = kind === 'integer' ? '1' : 'any';
    if (schema.minimum !== undefined) input.min = String(schema.minimum);
    if (schema.maximum !== undefined) input.max = String(schema.maximum);
  }
  return input;
}

function readFields(fields: Field[]): { args: JsonObject } | { error: string } {
  const args: JsonObject = {};
  for (const field of fields) {
    const raw = field.control.value.trim();
    if (raw === '') {
      if (field.required) return { error: `${field.name} is required.` };
      continue;
    }
    const value = parse(field.kind, raw, field.numeric);
    if (value === undefined) return { error: `${field.name}: ${expected[field.kind]}.` };
    args[field.name] = value;
  }
  return { args };
}

const expected: Record<Kind, string> = {
  enum: 'pick one of the values',
  boolean: 'pick true or false',
  integer: 'a whole number',
  number: 'a number',
  string: 'text',
  list: 'values separated by commas',
  json: 'valid JSON',
};

function parse(kind: Kind, raw: string, numeric: boolean): unknown {
  switch (kind) {
    case 'boolean':
      return raw === 'true';
    case 'integer':
    case 'number': {
      const number = Number(raw);
      return Number.isFinite(number) && (kind === 'number' || Number.isInteger(number)) ? number : undefined;
    }
    case 'list': {
      const items = raw
        .split(',')
        .map((item) => item.trim())
        .filter((item) => item.length > 0);
      if (!numeric) return items;
      const numbers = items.map(Number);
      return numbers.every(Number.isFinite) ? numbers : undefined;
    }
    case 'json':
      try {
        return JSON.parse(raw) as unknown;
      } catch {
        return undefined;
      }
    default:
      return raw;
  }
}
