import { createHash } from 'node:crypto';
import { CeError } from './errors.ts';

/** Hash of a request without its page token, so a token only continues the request it came from. */
function requestHash(body: Record<string, unknown>, tokenField: string): string {
  const { [tokenField]: _token, ...rest } = body;
  return createHash('sha256').update(JSON.stringify(rest)).digest('hex').slice(0, 16);
}

export function encodeToken(body: Record<string, unknown>, tokenField: string, offset: number): string {
  const payload = JSON.stringify({ o: offset, h: requestHash(body, tokenField) });
  return Buffer.from(payload).toString('base64url');
}

/** The offset a page token points at, or 0 for the first page. */
export function decodeToken(body: Record<string, unknown>, tokenField: string): number {
  const token = body[tokenField];
  if (token === undefined || token === null) return 0;
  let parsed: { o?: unknown; h?: unknown };
  try {
    parsed = JSON.parse(Buffer.from(String(token), 'base64url').toString('utf8'));
  } catch {
    throw new CeError('InvalidNextTokenException', 'The pagination token is invalid.');
  }
  if (typeof parsed.o !== 'number')
    throw new CeError('InvalidNextTokenException', 'The pagination token is invalid.');
  if (parsed.h !== requestHash(body, tokenField)) {
    throw new CeError(
      'RequestChangedException',
      'Your request parameters changed between pages. Submit the request again.',
    );
  }
  return parsed.o;
}

/** Slices one page of `items` and the token for the next, if any. */
export function page<T>(
  items: readonly T[],
  body: Record<string, unknown>,
  tokenField: string,
  size: number,
): { items: T[]; next?: string } {
  const offset = decodeToken(body, tokenField);
  const slice = items.slice(offset, offset + size);
  const end = offset + size;
  return end < items.length ? { items: slice, next: encodeToken(body, tokenField, end) } : { items: slice };
}
