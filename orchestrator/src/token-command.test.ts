import { describe, expect, it } from 'vitest';
import { authenticate } from './http/auth.js';
import { mintUserToken } from './token-command.js';

const secret = 'a-service-token-of-some-length';

describe('mintUserToken', () => {
  it('mints a token the server accepts for that user only', () => {
    const result = mintUserToken('alice', { SRE_API_TOKEN: secret });
    if (!result.ok) throw new Error(result.message);
    expect(result.token).toMatch(/^sreu_/);
    expect(authenticate(secret, result.token)).toEqual({ kind: 'user', userId: 'alice' });
    expect(authenticate('another-service-token-entirely', result.token)).toBeUndefined();
  });

  it('derives from SRE_API_TOKEN as the server reads it, surrounding blanks trimmed', () => {
    const result = mintUserToken('u_U123', { SRE_API_TOKEN: `  ${secret}\n` });
    expect(result.ok && authenticate(secret, result.token)).toEqual({ kind: 'user', userId: 'u_U123' });
  });

  it.each([undefined, ''])('says SRE_API_TOKEN is not set when it is %o', (value) => {
    expect(mintUserToken('alice', { SRE_API_TOKEN: value })).toEqual({
      ok: false,
      message: expect.stringMatching(/^SRE_API_TOKEN is not set: user tokens are derived from it/),
    });
  });

  it('refuses an SRE_API_TOKEN the server would refuse', () => {
    expect(mintUserToken('alice', { SRE_API_TOKEN: 'short' })).toEqual({
      ok: false,
      message: expect.stringContaining('at least 16 characters'),
    });
  });

  it.each([undefined, '', '   '])('asks for a user id when given %o', (userId) => {
    expect(mintUserToken(userId, { SRE_API_TOKEN: secret })).toEqual({
      ok: false,
      message: expect.stringContaining('Usage: sre-agent token <user_id>'),
    });
  });
});
