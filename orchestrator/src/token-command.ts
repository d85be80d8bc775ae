import { configEnvSchema } from './config.js';
import { createUserToken } from './http/auth.js';

export type TokenCommandResult = { ok: true; token: string } | { ok: false; message: string };

/**
 * `sre-agent token <user_id>`: a bearer token that reaches only that user's sessions, derived from
 * SRE_API_TOKEN exactly as the server checks it (same trimming, same minimum length), so a token minted
 * here works against a server started with the same environment.
 */
export function mintUserToken(
  userId: string | undefined,
  env: Record<string, string | undefined>,
): TokenCommandResult {
  if (userId === undefined || userId.trim() === '') {
    return { ok: false, message: 'Usage: sre-agent token <user_id> (the user id of the ADK routes)' };
  }
  const secret = configEnvSchema.shape.SRE_API_TOKEN.safeParse(env.SRE_API_TOKEN);
  if (!secret.success) {
    return {
      ok: false,
      message: `SRE_API_TOKEN is not usable: ${secret.error.issues[0]?.message ?? 'invalid'}.`,
    };
  }
  if (secret.data === undefined) {
    return {
      ok: false,
      message:
        'SRE_API_TOKEN is not set: user tokens are derived from it. Set it to the value the server runs with.',
    };
  }
  return { ok: true, token: createUserToken(secret.data, userId) };
}
