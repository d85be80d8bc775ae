import type { RoleTarget } from './config.js';

export interface TemporaryCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  expiration: Date;
}

export interface RoleCredentialCacheOptions {
  assume(roleName: string, role: RoleTarget): Promise<TemporaryCredentials>;
  now: () => number;
  /** Credentials are renewed this long before they expire, so no call runs on a dying session. */
  refreshMarginMs?: number;
}

export interface RoleCredentialCache {
  get(roleName: string, role: RoleTarget): Promise<TemporaryCredentials>;
  /** Drops a role's credentials, e.g. after AWS said they expired early. */
  invalidate(roleName: string): void;
}

const FIVE_MINUTES = 5 * 60_000;

/**
 * Assumed-role credentials by role name, reused until five minutes before they expire. Concurrent
 * callers share one in-flight AssumeRole; a failed one is not cached.
 */
export function createRoleCredentialCache(options: RoleCredentialCacheOptions): RoleCredentialCache {
  const margin = options.refreshMarginMs ?? FIVE_MINUTES;
  const entries = new Map<string, Promise<TemporaryCredentials>>();
  const fresh = (credentials: TemporaryCredentials) =>
    credentials.expiration.getTime() - options.now() > margin;

  const assume = (roleName: string, role: RoleTarget) => {
    const pending = options.assume(roleName, role);
    entries.set(roleName, pending);
    pending.catch(() => {
      if (entries.get(roleName) === pending) entries.delete(roleName);
    });
    return pending;
  };

  return {
    async get(roleName, role) {
      const cached = entries.get(roleName);
      if (!cached) return assume(roleName, role);
      const credentials = await cached.catch(() => undefined);
      if (credentials && fresh(credentials)) return credentials;
      // Another caller may have replaced the entry while we waited; only renew once.
      const current = entries.get(roleName);
      return current && current !== cached ? current : assume(roleName, role);
    },
    invalidate(roleName) {
      entries.delete(roleName);
    },
  };
}
