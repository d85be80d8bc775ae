import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { ForbiddenError, UnauthorizedError } from '../errors.js';
import { APP_PREFIX } from '../store/state.js';
import type { AppEnv } from './app-env.js';

// Who is calling. With no SRE_API_TOKEN the API is open (meant for 127.0.0.1). With one:
// - the token itself authenticates a trusted *service* client (the Slack bot, a web backend) that may act
//   for any user, because it maps its own users (u_<slack id>) to ours;
// - a *user* token, derived from it with createUserToken(), reaches only that user's sessions. It is an
//   HMAC, so nothing is stored and rotating SRE_API_TOKEN revokes every user token at once.
export type Principal = { kind: 'open' } | { kind: 'service' } | { kind: 'user'; userId: string };

const USER_TOKEN_PREFIX = 'sreu_';

export function createUserToken(secret: string, userId: string): string {
  return `${USER_TOKEN_PREFIX}${Buffer.from(userId).toString('base64url')}.${userMac(secret, userId).toString('base64url')}`;
}

/** Resolves a bearer token to a principal, or undefined when it is not valid. Timing-safe throughout. */
export function authenticate(secret: string, bearer: string): Principal | undefined {
  if (safeEqual(digest(bearer), digest(secret))) return { kind: 'service' };
  if (!bearer.startsWith(USER_TOKEN_PREFIX)) return undefined;
  const [encodedUser = '', encodedMac = ''] = bearer.slice(USER_TOKEN_PREFIX.length).split('.', 2);
  const userId = Buffer.from(encodedUser, 'base64url').toString('utf8');
  if (userId === '' || Buffer.from(userId).toString('base64url') !== encodedUser) return undefined;
  const mac = Buffer.from(encodedMac, 'base64url');
  return safeEqual(mac, userMac(secret, userId)) ? { kind: 'user', userId } : undefined;
}

/** Routes a load balancer or a probe must reach without a token. */
const PUBLIC_PATHS = new Set(['/health', '/version']);

export function authMiddleware(secret: string | undefined): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    // A probe route reached under a foreign name (see host-guard) answers as to an anonymous caller.
    const principal = c.get('foreignHost')
      ? undefined
      : secret === undefined
        ? { kind: 'open' as const }
        : principalOf(secret, c.req.header('authorization'));
    if (principal !== undefined) c.set('principal', principal);
    else if (!PUBLIC_PATHS.has(c.req.path)) throw new UnauthorizedError();
    await next();
  };
}

/** Enforces that a user token only reaches its own user's sessions. */
export function assertCanActAs(principal: Principal | undefined, userId: string): void {
  if (principal === undefined) throw new UnauthorizedError();
  if (principal.kind === 'user' && principal.userId !== userId) {
    throw new ForbiddenError('This token is scoped to a different user');
  }
}

/**
 * `app:` state is shared by every user and session of the app: one user's token writing it would reach
 * everyone else's sessions. Only the service token (or an open API) may; `user:` and session keys are
 * confined to the path's user by assertCanActAs.
 */
export function assertCanWriteState(
  principal: Principal | undefined,
  state: Record<string, unknown> | undefined,
  field: string,
): void {
  if (principal?.kind !== 'user' || state === undefined) return;
  const appKeys = Object.keys(state).filter((key) => key.startsWith(APP_PREFIX));
  if (appKeys.length === 0) return;
  throw new ForbiddenError(
    `${field}: a user token cannot write app-wide state (${appKeys.slice(0, 5).join(', ')}${appKeys.length > 5 ? ', ...' : ''}): ${APP_PREFIX} keys are shared by every user, so they need the service token (SRE_API_TOKEN); use user: or session keys`,
  );
}

function principalOf(secret: string, header: string | undefined): Principal | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return match?.[1] === undefined ? undefined : authenticate(secret, match[1]);
}

function userMac(secret: string, userId: string): Buffer {
  return createHmac('sha256', secret).update(`sre-agent user token v1\0${userId}`).digest();
}

// Hashing first makes both sides the same length, which timingSafeEqual requires.
function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

function safeEqual(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}
