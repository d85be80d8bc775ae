import { describe, expect, it } from 'vitest';
import { ConfigError } from './env.js';
import { parseServerConfig } from './server-config.js';

describe('parseServerConfig', () => {
  it('has safe defaults: writes off, confirmation on, 16 KB budget', () => {
    expect(parseServerConfig({})).toEqual({
      logLevel: 'info',
      outputBudgetBytes: 16_384,
      allowWrites: false,
      confirmWrites: true,
      toolTimeoutMs: 30_000,
      httpToken: undefined,
      maxSessions: 256,
      stateless: false,
      metricsToken: undefined,
    });
  });

  it('lists every problem at once', () => {
    const attempt = () =>
      parseServerConfig({ SRE_ALLOW_WRITES: 'maybe', SRE_OUTPUT_BUDGET: '12', SRE_MCP_TOKEN: 'short' });
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(
      /SRE_ALLOW_WRITES: expected true\/1\/yes\/on or false\/0\/no\/off .*, got "maybe"/,
    );
    expect(attempt).toThrow(/SRE_OUTPUT_BUDGET: expected an integer from 1024 to 1048576, got "12"/);
    expect(attempt).toThrow(/SRE_MCP_TOKEN: use at least 16 characters/);
  });

  it('accepts the usual spellings of a flag', () => {
    expect(parseServerConfig({ SRE_ALLOW_WRITES: 'YES', SRE_CONFIRM_WRITES: '0' })).toMatchObject({
      allowWrites: true,
      confirmWrites: false,
    });
  });
});

describe('envBoolean', () => {
  it('reads an empty value (compose and Helm write VAR=) as the default, not as false', () => {
    expect(parseServerConfig({ SRE_CONFIRM_WRITES: '', SRE_ALLOW_WRITES: '' })).toMatchObject({
      allowWrites: false,
      confirmWrites: true,
    });
  });
});
