import type { Principal } from './auth.js';

/** Per-request variables set by the middleware. */
export interface AppEnv {
  Variables: {
    requestId: string;
    /** Absent only on public routes called without a valid token. */
    principal: Principal | undefined;
  };
}
