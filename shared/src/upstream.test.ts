import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createMcpServer } from './create-mcp-server.js';
import { createLogger } from './logger.js';
import { parseServerConfig } from './server-config.js';
import { type AnyTool, defineTool } from './tool.js';
import { cacheUpstreamCheck, type UpstreamStatus, upstreamResourceUri } from './upstream.js';

const ping = defineTool({
  name: 'ping',
  description: 'Answers pong',
  input: { who: z.string().describe('who asks') },
  annotations: {
    title: 'Ping',
    readOnlyHint: true,
    destructiveHint: false,
    idempotentHint: true,
    openWorldHint: false,
  },
  handler: async ({ who }) => ({ text: `pong ${who}` }),
});
const up: UpstreamStatus = { configured: true, reachable: true, detail: 'context "prod"' };

describe('cacheUpstreamCheck', () => {
  it('checks at most once per TTL, sharing one check among concurrent callers', async () => {
    let clock = 0;
    let runs = 0;
    const check = cacheUpstreamCheck(
      async () => {
        runs += 1;
        return up;
      },
      { ttlMs: 30_000, now: () => clock },
    );
    expect(await Promise.all([check(), check()])).toEqual([up, up]);
    clock = 29_999;
    await check();
    expect(runs).toBe(1);
    clock = 30_000;
    await check();
    expect(runs).toBe(2);
  });

  it('turns a throw or a hang into a status an operator can read', async () => {
    const thrown = cacheUpstreamCheck(async () => {
      throw new Error('connect ECONNREFUSED 127.0.0.1:6443\n    at stack');
    });
    expect(await thrown()).toEqual({
      configured: true,
      reachable: false,
      detail: 'check failed: connect ECONNREFUSED 127.0.0.1:6443',
    });
    const hung = cacheUpstreamCheck(() => new Promise(() => {}), { timeoutMs: 50 });
    expect(await hung()).toEqual({
      configured: true,
      reachable: null,
      detail: 'the check has not answered within 50 ms; it goes on, ask again shortly',
    });
  });

  it('replaces a timed-out answer with the real one as soon as it comes, not a TTL later', async () => {
    const slow = cacheUpstreamCheck(() => new Promise((resolve) => setTimeout(() => resolve(up), 100)), {
      timeoutMs: 20,
    });
    expect(await slow()).toMatchObject({
      reachable: null,
      detail: expect.stringMatching(/not answered within 20 ms/),
    });
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(await slow()).toEqual(up);
  });
});

describe('the health://upstream resource', () => {
  it('is offered by a server given a check, as JSON, and absent otherwise', async () => {
    const read = async (upstream?: () => Promise<UpstreamStatus>) => {
      const server = createMcpServer({
        name: 't',
        version: '1',
        instructions: 'i',
        tools: [ping] as AnyTool[],
        config: parseServerConfig({}),
        logger: createLogger({ name: 't', write: () => {} }),
        ...(upstream ? { upstream } : {}),
      });
      const client = new Client({ name: 'c', version: '1' });
      const [a, b] = InMemoryTransport.createLinkedPair();
      await server.connect(a);
      await client.connect(b);
      try {
        if (!client.getServerCapabilities()?.resources) return 'no resources';
        const result = await client.readResource({ uri: upstreamResourceUri });
        const [content] = result.contents;
        return JSON.parse(content && 'text' in content ? content.text : '') as unknown;
      } finally {
        await client.close();
      }
    };
    expect(await read(async () => up)).toEqual(up);
    expect(await read()).toBe('no resources');
  });
});
