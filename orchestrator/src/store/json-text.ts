// PostgreSQL's jsonb rejects the NUL character, which tool output (binary logs, odd API strings) can carry.
// Replace it rather than fail the write; the cheap check keeps the common path to one stringify.
export function toJsonText(value: unknown): string {
  const text = JSON.stringify(value);
  if (!text.includes('\\u0000')) return text;
  return JSON.stringify(value, (_key, item: unknown) =>
    typeof item === 'string' ? item.replaceAll('\u0000', '\uFFFD') : item,
  );
}
