import type { Principal } from './auth.js';

/** Per-request variables set by the middleware. */
export interface AppEnv {
  Variables: {
    requestId: string;
    /** Absent only on public routes called without a valid token. */
    principal: Principal | undefined;
    /** Set when a probe route was reached under a name this API does not answer to (see host-guard). */
    foreignHost: boolean | undefined;
  };
}
