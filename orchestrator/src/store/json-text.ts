// PostgreSQL's jsonb rejects the NUL character, which tool output (binary logs, odd API strings) and even
// object keys can carry. Replace it rather than fail the write. Done on the text: an escape `\u0000` is a
// NUL only when preceded by an even run of backslashes (`\\u0000` is a backslash, then "u0000").
const escapedNul = /(?<!\\)((?:\\\\)*)\\u0000/g;
// It also rejects a lone surrogate (half an emoji cut by some upstream, binary junk): the whole turn failed
// with `invalid input syntax for type json` and the tool result was lost. JSON.stringify writes a valid
// pair as the characters themselves and only a lone half as a `\udXXX` escape, so every such escape
// (after an even run of backslashes) is one to repair.
const escapedLoneSurrogate = /(?<!\\)((?:\\\\)*)\\ud[89a-f][0-9a-f]{2}/g;

export function toJsonText(value: unknown): string {
  let text = JSON.stringify(value);
  if (text.includes('\\u0000')) text = text.replace(escapedNul, '$1\\uFFFD');
  if (text.includes('\\ud')) text = text.replace(escapedLoneSurrogate, '$1\\uFFFD');
  return text;
}
