// PostgreSQL's jsonb rejects the NUL character, which tool output (binary logs, odd API strings) and even
// object keys can carry. Replace it rather than fail the write. Done on the text: an escape `\u0000` is a
// NUL only when preceded by an even run of backslashes (`\\u0000` is a backslash, then "u0000").
const escapedNul = /(?<!\\)((?:\\\\)*)\\u0000/g;

export function toJsonText(value: unknown): string {
  const text = JSON.stringify(value);
  return text.includes('\\u0000') ? text.replace(escapedNul, '$1\\uFFFD') : text;
}
