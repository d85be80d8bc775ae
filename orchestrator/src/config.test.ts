import { ConfigError } from '@sre-agent/shared';
import { describe, expect, it } from 'vitest';
import { describeConfig, parseConfig } from './config.js';

describe('parseConfig', () => {
  it('applies the documented defaults on an empty environment', () => {
    const config = parseConfig({}, '/srv/app');
    expect(config).toMatchObject({
      port: 8000,
      host: '127.0.0.1',
      database: { kind: 'pglite', dataDir: '/srv/app/data/pglite' },
      apiToken: undefined,
      corsOrigins: [],
      allowedHosts: [],
      geminiModel: 'gemini-flash-latest',
      mcpServers: undefined,
      maxSteps: 12,
      toolResultMaxChars: 20_000,
      historyMaxChars: 800_000,
      geminiTimeoutMs: 60_000,
      logLevel: 'info',
    });
  });

  it('reads the Gemini timeout and the history budget, within bounds', () => {
    const config = parseConfig({ GEMINI_TIMEOUT_MS: '15000', SRE_HISTORY_MAX_CHARS: '120000' });
    expect(config).toMatchObject({ geminiTimeoutMs: 15_000, historyMaxChars: 120_000 });
    expect(() => parseConfig({ GEMINI_TIMEOUT_MS: '10' })).toThrow(/GEMINI_TIMEOUT_MS/);
    expect(() => parseConfig({ SRE_HISTORY_MAX_CHARS: 'lots' })).toThrow(/SRE_HISTORY_MAX_CHARS/);
  });

  it('maps DATABASE_URL to PostgreSQL, in-memory PGlite, or the default data directory', () => {
    expect(parseConfig({ DATABASE_URL: 'postgres://u@db/x' }).database).toEqual({
      kind: 'postgres',
      url: 'postgres://u@db/x',
    });
    expect(parseConfig({ DATABASE_URL: 'memory:' }).database).toEqual({ kind: 'pglite' });
    expect(parseConfig({ DATABASE_URL: '' }, '/x').database).toEqual({
      kind: 'pglite',
      dataDir: '/x/data/pglite',
    });
  });

  it('parses SRE_MCP_SERVERS entries of both shapes', () => {
    const servers = [
      { name: 'k8s', command: 'node', args: ['k8s.js'] },
      { name: 'cost', url: 'http://127.0.0.1:9000/mcp', token: 't' },
    ];
    expect(parseConfig({ SRE_MCP_SERVERS: JSON.stringify(servers) }).mcpServers).toEqual([
      { name: 'k8s', command: 'node', args: ['k8s.js'], env: {} },
      { name: 'cost', url: 'http://127.0.0.1:9000/mcp', token: 't' },
    ]);
  });

  it('reads SRE_ALLOWED_HOSTS as host names with an optional port, lower-cased', () => {
    const config = parseConfig({
      SRE_ALLOWED_HOSTS: 'SRE.example.com, sre.example.com:8443,10.0.0.5,[fd00::1]:80',
    });
    expect(config.allowedHosts).toEqual([
      'sre.example.com',
      'sre.example.com:8443',
      '10.0.0.5',
      '[fd00::1]:80',
    ]);
    for (const bad of ['https://sre.example.com', 'sre.example.com/path', '*', 'a b']) {
      expect(() => parseConfig({ SRE_ALLOWED_HOSTS: bad }), bad).toThrow(/SRE_ALLOWED_HOSTS/);
    }
  });

  it('fails fast listing every problem at once', () => {
    const env = {
      PORT: 'eighty',
      DATABASE_URL: 'mysql://x',
      SRE_API_TOKEN: 'short',
      SRE_CORS_ORIGINS: 'https://ok.example.com,not an origin',
      SRE_MCP_SERVERS: '[{"name":"k8s"}]',
      SRE_MAX_STEPS: '0',
      LOG_LEVEL: 'loud',
    };
    let error: unknown;
    try {
      parseConfig(env);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    for (const name of Object.keys(env)) expect(message).toContain(name);
  });

  it('rejects SRE_MCP_SERVERS that is not JSON or repeats a name', () => {
    expect(() => parseConfig({ SRE_MCP_SERVERS: '{nope' })).toThrow(/SRE_MCP_SERVERS: is not valid JSON/);
    const twice = JSON.stringify([
      { name: 'a', command: 'x' },
      { name: 'a', command: 'y' },
    ]);
    expect(() => parseConfig({ SRE_MCP_SERVERS: twice })).toThrow(/unique/);
  });

  it.each(['aws__cost', 'k8s_'])(
    'rejects the server name %s, which would make <server>__<tool> ambiguous',
    (name) => {
      const servers = JSON.stringify([{ name, command: 'node' }]);
      expect(() => parseConfig({ SRE_MCP_SERVERS: servers })).toThrow(
        /SRE_MCP_SERVERS: \[0\.name\] must not contain "__" or end in "_"/,
      );
      const single = JSON.stringify([{ name: 'aws_cost', command: 'node' }]);
      expect(parseConfig({ SRE_MCP_SERVERS: single }).mcpServers?.[0]?.name).toBe('aws_cost');
    },
  );

  it('describes every variable', () => {
    const described = describeConfig();
    expect(described.map((entry) => entry.name)).toEqual(
      expect.arrayContaining(['SRE_API_TOKEN', 'GEMINI_TIMEOUT_MS', 'SRE_HISTORY_MAX_CHARS']),
    );
    expect(described.every((entry) => entry.description.length > 10)).toBe(true);
  });
});
