// ADK's pydantic models accept both `new_message` and `newMessage`; so do we, by camelising keys on the
// way in. Values under these keys are user data (state keys, tool arguments, call ids), so their own keys
// are kept exactly as sent.
export const opaqueKeys: ReadonlySet<string> = new Set([
  'state',
  'stateDelta',
  'args',
  'response',
  'customMetadata',
  'artifactDelta',
  'requestedAuthConfigs',
  'requestedToolConfirmations',
]);

export function snakeToCamel(key: string): string {
  return key.includes('_') ? key.replace(/_([a-z0-9])/g, (_match, char: string) => char.toUpperCase()) : key;
}

export function camelizeKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(camelizeKeys);
  if (value === null || typeof value !== 'object') return value;
  const result: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    const camel = snakeToCamel(key);
    result[camel] = opaqueKeys.has(camel) ? item : camelizeKeys(item);
  }
  return result;
}
