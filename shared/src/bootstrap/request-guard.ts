// DNS-rebinding and CSRF protection for every HTTP surface of the suite (the MCP servers and the
// orchestrator's API): a web page in the operator's browser must not be able to drive a server that can
// read the cluster. A rebinding page reaches us under its own name (the Host header gives it away); a
// cross-site request carries its page's Origin.

/** The headers the guard reads; a node IncomingMessage's `headers` fits, so does a plain object. */
export interface GuardHeaders {
  host?: string | undefined;
  origin?: string | undefined;
  authorization?: string | undefined;
}

export interface GuardOptions {
  /**
   * Host header values accepted; empty means any (the server is bound to a wildcard address). An entry
   * without a port accepts that name on any port.
   */
  allowedHosts: readonly string[];
  /** Browser origins accepted besides loopback pages; `*` accepts any. */
  allowedOrigins: readonly string[];
  token: string | undefined;
}

export type GuardVerdict =
  | { ok: true }
  | { ok: false; status: 401 | 403; reason: 'host' | 'origin' | 'token'; message: string };

/** The names of this machine a rebinding page cannot take: only a page served from here sends them. */
export const loopbackHostNames: readonly string[] = ['localhost', '127.0.0.1', '[::1]'];

export function checkRequest(request: { headers: GuardHeaders }, options: GuardOptions): GuardVerdict {
  const host = request.headers.host?.toLowerCase();
  if (options.allowedHosts.length > 0 && (!host || !isAllowedHost(host, options.allowedHosts))) {
    return { ok: false, status: 403, reason: 'host', message: `Host "${host ?? ''}" is not allowed` };
  }
  const origin = request.headers.origin?.toLowerCase();
  if (origin && !isAllowedOrigin(origin, options)) {
    return { ok: false, status: 403, reason: 'origin', message: `Origin "${origin}" is not allowed` };
  }
  if (options.token && !hasBearer(request.headers.authorization, options.token)) {
    return {
      ok: false,
      status: 401,
      reason: 'token',
      message: 'Missing or wrong bearer token (Authorization: Bearer $SRE_MCP_TOKEN)',
    };
  }
  return { ok: true };
}

/**
 * `host` (a Host header value, or an origin's host) matches an entry exactly, or the entry names the same
 * host without a port. The port is no defence against rebinding (the attacker's name is), and a proxy or
 * a published container port may change it.
 */
export function isAllowedHost(host: string, allowed: readonly string[]): boolean {
  const lower = host.toLowerCase();
  const name = hostName(lower);
  return allowed.some((entry) => entry === lower || entry === name);
}

/** Whether a bind address is this machine only. */
export function isLoopbackAddress(address: string): boolean {
  return address === '127.0.0.1' || address === 'localhost' || address === '::1' || address === '[::1]';
}

// A page served from this machine, from a listed origin, or from a name this server answers to (the
// same site behind a reverse proxy that rewrites Host) may call.
function isAllowedOrigin(origin: string, options: GuardOptions): boolean {
  if (options.allowedOrigins.includes(origin) || options.allowedOrigins.includes('*')) return true;
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false; // `null` (sandboxed frames, file:) and anything else unparsable
  }
  if (loopbackHostNames.includes(url.hostname)) return true;
  return options.allowedHosts.length > 0 && isAllowedHost(url.host, options.allowedHosts);
}

/** `name` of `name:port`; IPv6 literals keep their brackets (`[::1]`). */
function hostName(host: string): string {
  if (host.startsWith('[')) return host.slice(0, host.indexOf(']') + 1) || host;
  const colon = host.lastIndexOf(':');
  return colon === -1 ? host : host.slice(0, colon);
}

function hasBearer(header: string | undefined, token: string): boolean {
  const match = /^Bearer\s+(.+)$/i.exec(header ?? '');
  if (!match?.[1]) return false;
  const given = Buffer.from(match[1].trim());
  const expected = Buffer.from(token);
  // Looked up here, not imported: a stdio server loads this module but never checks a token, and
  // `node:crypto` would cost its cold start ~10-20 ms.
  const { timingSafeEqual } = process.getBuiltinModule('node:crypto');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** Host header values that reach a server bound to `host:port` on this machine. */
export function defaultAllowedHosts(host: string, port: number, extra: readonly string[]): string[] {
  if (host === '0.0.0.0' || host === '::') return [...extra];
  const names = isLoopbackAddress(host) ? loopbackHostNames : [host.includes(':') ? `[${host}]` : host];
  return [...names.flatMap((name) => [`${name}:${port}`, name]), ...extra].map((name) => name.toLowerCase());
}
