import { describe, expect, it } from 'vitest';
import { signSlackRequest, verifySlackSignature } from './slack-signature.js';

const secret = '8f742231b10e8888abcd99yyyzzz85a5';
// The worked example of Slack's "Verifying requests from Slack" guide.
const body =
  'token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V' +
  '&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=' +
  '&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN' +
  '&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c';

describe('verifySlackSignature', () => {
  const now = 1_531_420_618;
  const check = (signature: string | undefined, timestamp: string | undefined = String(now), at = now) =>
    verifySlackSignature({ secret, timestamp, signature, body, nowSeconds: at });

  it("accepts Slack's own documented example", () => {
    const signature = 'v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503';
    expect(signSlackRequest(secret, '1531420618', body)).toBe(signature);
    expect(check(signature)).toEqual({ ok: true });
  });

  it('refuses a changed body, a wrong secret, a truncated or missing signature', () => {
    const good = signSlackRequest(secret, String(now), body);
    expect(
      verifySlackSignature({
        secret,
        timestamp: String(now),
        signature: good,
        body: `${body}&x=1`,
        nowSeconds: now,
      }),
    ).toEqual({
      ok: false,
      reason: 'mismatch',
    });
    expect(check(signSlackRequest('another-secret', String(now), body))).toMatchObject({
      reason: 'mismatch',
    });
    expect(check(good.slice(0, -2))).toMatchObject({ reason: 'mismatch' });
    expect(check(undefined)).toMatchObject({ reason: 'missing' });
    expect(check(good, 'yesterday')).toMatchObject({ reason: 'missing' });
  });

  it('refuses timestamps more than five minutes away, either way', () => {
    const at = (timestamp: number) =>
      check(signSlackRequest(secret, String(timestamp), body), String(timestamp));
    expect(at(now - 299)).toEqual({ ok: true });
    expect(at(now - 301)).toMatchObject({ reason: 'stale' });
    expect(at(now + 301)).toMatchObject({ reason: 'stale' });
  });
});
