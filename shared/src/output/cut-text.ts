/**
 * Cuts text to at most `maxUnits` UTF-16 code units (what `.length` counts) and appends `marker`
 * when it cut. The cut never splits a surrogate pair: half an emoji is a lone surrogate, which
 * JSON.stringify writes as `\udXXX` and PostgreSQL's json type refuses, losing the whole turn.
 * Lone surrogates already in the input (binary junk in a log) are replaced with U+FFFD, so the
 * result is always well-formed.
 */
export function truncateCodePoints(text: string, maxUnits: number, marker = ''): string {
  if (text.length <= maxUnits) return text.toWellFormed();
  let end = Math.max(0, Math.floor(maxUnits));
  if (end > 0 && isHighSurrogate(text.charCodeAt(end - 1)) && isLowSurrogate(text.charCodeAt(end))) end -= 1;
  return `${text.slice(0, end).toWellFormed()}${marker}`;
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}
