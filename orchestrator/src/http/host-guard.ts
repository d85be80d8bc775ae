import { checkRequest, type GuardOptions, isLoopbackAddress, loopbackHostNames } from '@sre-agent/shared';
import type { MiddlewareHandler } from 'hono';
import { ForbiddenError } from '../errors.js';
import type { AppEnv } from './app-env.js';

// Without SRE_API_TOKEN (the default) the API's only protection is where it listens. A web page in the
// operator's browser can still reach 127.0.0.1: by a cross-site POST (it carries the page's Origin) or by
// DNS rebinding its own name to this address (the Host header then carries that name). So, as the MCP
// servers do, only this machine's names and the listed ones are answered, and only pages from them.
//
// Not guarded: /slack/events (mounted ahead of this), which Slack authenticates by signing the raw body,
// so a forged request fails whatever its Host; a reverse proxy may pass Slack's Host (the public name) or
// rewrite it to the upstream, and either works unconfigured. Nor the probe routes: a kubelet or a load
// balancer calls them under the pod's IP or its own name, and they act on nothing; reached that way they
// answer as to an anonymous caller.

export interface HostGuardOptions {
  /** The bind address; a specific one (not 0.0.0.0) is a name clients may use too. */
  bindHost: string | undefined;
  /** SRE_ALLOWED_HOSTS. */
  allowedHosts: readonly string[];
  /** SRE_CORS_ORIGINS: pages elsewhere that may call. */
  corsOrigins: readonly string[];
}

const probePaths = new Set(['/health', '/version']);

export function hostGuard(options: HostGuardOptions): MiddlewareHandler<AppEnv> {
  const allowedHosts = allowedHostNames(options);
  const guard: GuardOptions = { allowedHosts, allowedOrigins: options.corsOrigins, token: undefined };
  return async (c, next) => {
    // A Request built in-process (tests, app.request) has no Host header; its URL says where it went.
    const host = c.req.header('host') ?? new URL(c.req.url).host;
    const verdict = checkRequest({ headers: { host, origin: c.req.header('origin') } }, guard);
    if (!verdict.ok) {
      if (!probePaths.has(c.req.path))
        throw new ForbiddenError(`${verdict.message}: ${remedy(verdict.reason)}`);
      c.set('foreignHost', true);
    }
    await next();
  };
}

/** The Host names this API answers to: this machine's, the bind address and SRE_ALLOWED_HOSTS. */
export function allowedHostNames(options: Pick<HostGuardOptions, 'bindHost' | 'allowedHosts'>): string[] {
  const bind = options.bindHost?.toLowerCase();
  // Bound to every interface, the wildcard itself is a name local clients use (the seed's README curls
  // http://0.0.0.0:8001); no other site's page can carry it, as no page is served from it but ours.
  const bound =
    bind === '0.0.0.0' || bind === '::'
      ? [bind === '::' ? '[::]' : bind]
      : bind === undefined || bind === '' || isLoopbackAddress(bind)
        ? []
        : [bind.includes(':') ? `[${bind}]` : bind];
  return [...loopbackHostNames, ...bound, ...options.allowedHosts.map((host) => host.toLowerCase())];
}

function remedy(reason: 'host' | 'origin' | 'token'): string {
  return reason === 'origin'
    ? 'this API takes browser requests only from pages on this machine or on SRE_ALLOWED_HOSTS names; list other pages in SRE_CORS_ORIGINS'
    : "this API answers only to this machine's names (localhost, 127.0.0.1, [::1]) and those in SRE_ALLOWED_HOSTS; if this name is yours (a reverse proxy passes it, say), add it there";
}
