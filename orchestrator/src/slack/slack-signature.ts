import { createHmac, timingSafeEqual } from 'node:crypto';

// Slack signs every request it sends us: `v0=` + hex HMAC-SHA256 of `v0:{timestamp}:{raw body}` under the
// app's signing secret (https://api.slack.com/authentication/verifying-requests-from-slack).

/** Slack's own advice: refuse requests older than five minutes, so a captured one cannot be replayed. */
export const maxSignatureAgeSeconds = 5 * 60;

export type SignatureCheck = { ok: true } | { ok: false; reason: 'missing' | 'stale' | 'mismatch' };

export function signSlackRequest(secret: string, timestamp: string, body: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

export function verifySlackSignature(input: {
  secret: string;
  timestamp: string | undefined;
  signature: string | undefined;
  body: string;
  nowSeconds?: number;
}): SignatureCheck {
  const { timestamp, signature } = input;
  if (!timestamp || !signature || !/^\d{1,12}$/.test(timestamp)) return { ok: false, reason: 'missing' };
  const now = input.nowSeconds ?? Math.floor(Date.now() / 1000);
  if (Math.abs(now - Number(timestamp)) > maxSignatureAgeSeconds) return { ok: false, reason: 'stale' };
  const expected = Buffer.from(signSlackRequest(input.secret, timestamp, input.body));
  const given = Buffer.from(signature);
  // timingSafeEqual needs equal lengths; a length difference reveals nothing about the secret.
  const same = expected.length === given.length && timingSafeEqual(expected, given);
  return same ? { ok: true } : { ok: false, reason: 'mismatch' };
}
