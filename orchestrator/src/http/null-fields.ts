import { opaqueKeys } from './camelize-keys.js';

// ADK's pydantic models take `null` for any optional field as "not given", and ADK's clients rely on it
// (the dev UI sends `"stateDelta": null` on every /run_sse). So a field holding null is dropped before
// validation, at every level of the request's own structure, so the schemas only ever see "absent". Inside
// user data (a state delta, tool arguments) null is a value and is kept: `{"stateDelta": {"x": null}}`
// sets x to null.
export function withoutNullFields(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNullFields);
  if (value === null || typeof value !== 'object') return value;
  const result: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    if (item === null) continue;
    result[key] = opaqueKeys.has(key) ? item : withoutNullFields(item);
  }
  return result;
}
