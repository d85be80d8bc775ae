import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export interface GuardOptions {
  /** Host header values accepted; empty means any (the server is bound to a wildcard address). */
  allowedHosts: readonly string[];
  allowedOrigins: readonly string[];
  token: string | undefined;
}

export type GuardVerdict = { ok: true } | { ok: false; status: 401 | 403; message: string };

/**
 * DNS-rebinding and CSRF protection plus the bearer token: a web page in the operator's
 * browser must not be able to drive a server that can read the cluster.
 */
export function checkRequest(request: IncomingMessage, options: GuardOptions): GuardVerdict {
  const host = request.headers.host?.toLowerCase();
  if (options.allowedHosts.length > 0 && (!host || !options.allowedHosts.includes(host))) {
    return { ok: false, status: 403, message: `Host "${host ?? ''}" is not allowed` };
  }
  const origin = request.headers.origin?.toLowerCase();
  if (origin && !isAllowedOrigin(origin, options.allowedOrigins)) {
    return { ok: false, status: 403, message: `Origin "${origin}" is not allowed` };
  }
  if (options.token && !hasBearer(request, options.token)) {
    return {
      ok: false,
      status: 401,
      message: 'Missing or wrong bearer token (Authorization: Bearer $SRE_MCP_TOKEN)',
    };
  }
  return { ok: true };
}

function isAllowedOrigin(origin: string, allowed: readonly string[]): boolean {
  if (allowed.includes(origin)) return true;
  try {
    const { hostname } = new URL(origin);
    return hostname === 'localhost' || hostname === '127.0.0.1' || hostname === '[::1]';
  } catch {
    return false;
  }
}

function hasBearer(request: IncomingMessage, token: string): boolean {
  const header = request.headers.authorization ?? '';
  const match = /^Bearer\s+(.+)$/i.exec(header);
  if (!match?.[1]) return false;
  const given = Buffer.from(match[1].trim());
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** Host header values that reach a server bound to `host:port` on this machine. */
export function defaultAllowedHosts(host: string, port: number, extra: readonly string[]): string[] {
  if (host === '0.0.0.0' || host === '::') return [...extra];
  const names =
    host === '127.0.0.1' || host === 'localhost' || host === '::1'
      ? ['127.0.0.1', 'localhost', '[::1]']
      : [host];
  return [...names.flatMap((name) => [`${name}:${port}`, name]), ...extra].map((name) => name.toLowerCase());
}
