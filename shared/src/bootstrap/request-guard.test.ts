import { describe, expect, it } from 'vitest';
import { checkRequest, defaultAllowedHosts, type GuardOptions, isAllowedHost } from './request-guard.js';

const loopbackOnly: GuardOptions = {
  allowedHosts: defaultAllowedHosts('127.0.0.1', 8080, []),
  allowedOrigins: [],
  token: undefined,
};

const verdict = (headers: Record<string, string>, options: GuardOptions = loopbackOnly) =>
  checkRequest({ headers }, options);

describe('checkRequest', () => {
  it('accepts loopback names on any port and refuses a rebinding name', () => {
    for (const host of ['127.0.0.1:8080', 'localhost', 'LOCALHOST:3000', '[::1]:8080']) {
      expect(verdict({ host }), host).toEqual({ ok: true });
    }
    expect(verdict({ host: 'evil.example.com:8080' })).toEqual({
      ok: false,
      status: 403,
      reason: 'host',
      message: 'Host "evil.example.com:8080" is not allowed',
    });
    expect(verdict({})).toMatchObject({ ok: false, reason: 'host' });
  });

  it('reads an entry without a port as any port of that name, one with a port as that port only', () => {
    expect(isAllowedHost('sre.example.com:8443', ['sre.example.com'])).toBe(true);
    expect(isAllowedHost('sre.example.com:8443', ['sre.example.com:443'])).toBe(false);
    expect(isAllowedHost('sre.example.com.evil.io', ['sre.example.com'])).toBe(false);
    expect(isAllowedHost('[fd00::1]:80', ['[fd00::1]'])).toBe(true);
  });

  it('accepts any Host when bound to a wildcard address with nothing listed', () => {
    const open = { ...loopbackOnly, allowedHosts: defaultAllowedHosts('0.0.0.0', 8080, []) };
    expect(verdict({ host: 'mcp.internal:8080' }, open)).toEqual({ ok: true });
  });

  it('accepts pages from this machine, listed origins and the names the server answers to', () => {
    const options = {
      ...loopbackOnly,
      allowedHosts: [...loopbackOnly.allowedHosts, 'sre.example.com'],
      allowedOrigins: ['https://console.example.com'],
    };
    for (const origin of [
      'http://localhost:5173',
      'http://[::1]:3000',
      'https://console.example.com',
      'https://sre.example.com',
    ]) {
      expect(verdict({ host: 'localhost', origin }, options), origin).toEqual({ ok: true });
    }
    for (const origin of ['https://evil.example.com', 'http://localhost.evil.example.com', 'null']) {
      expect(verdict({ host: 'localhost', origin }, options), origin).toMatchObject({
        ok: false,
        status: 403,
        reason: 'origin',
      });
    }
    const any = { ...options, allowedOrigins: ['*'] };
    expect(verdict({ host: 'localhost', origin: 'https://evil.example.com' }, any)).toEqual({ ok: true });
  });

  it('checks the bearer token last, timing-safe', () => {
    const options = { ...loopbackOnly, token: 'a-token-of-some-length' };
    expect(verdict({ host: 'localhost', authorization: 'Bearer a-token-of-some-length' }, options)).toEqual({
      ok: true,
    });
    expect(verdict({ host: 'localhost', authorization: 'Bearer wrong' }, options)).toMatchObject({
      status: 401,
      reason: 'token',
    });
  });
});

describe('defaultAllowedHosts', () => {
  it('names a specific bind address, bracketing an IPv6 one so it can match a Host header', () => {
    expect(defaultAllowedHosts('10.0.0.5', 3000, ['Extra.example.com'])).toEqual([
      '10.0.0.5:3000',
      '10.0.0.5',
      'extra.example.com',
    ]);
    expect(defaultAllowedHosts('fd00::1', 3000, [])).toEqual(['[fd00::1]:3000', '[fd00::1]']);
  });
});
