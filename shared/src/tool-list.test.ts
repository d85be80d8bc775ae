import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createMcpServer } from './create-mcp-server.js';
import { createLogger } from './logger.js';
import { parseServerConfig } from './server-config.js';
import { defineTool } from './tool.js';

const hints = { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true };

const count = defineTool({
  name: 'count_words',
  description: 'Counts words',
  input: { words: z.array(z.string()).describe('Words to count') },
  annotations: { title: 'Count words', ...hints },
  handler: async ({ words }) => ({ text: String(words.length) }),
});

const erase = defineTool({
  name: 'erase_words',
  description: 'Erases words',
  input: {},
  annotations: { title: 'Erase', ...hints, readOnlyHint: false, destructiveHint: true },
  handler: async () => ({ text: 'erased' }),
});

async function connect(env: Record<string, string> = {}) {
  const server = createMcpServer({
    name: 'test',
    version: '1',
    instructions: 'test',
    tools: [count, erase],
    config: parseServerConfig(env),
    logger: createLogger({ name: 'test', level: 'error', write: () => {} }),
  });
  const client = new Client({ name: 'test', version: '1' });
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  await server.connect(serverSide);
  await client.connect(clientSide);
  return client;
}

describe('compact tools/list', () => {
  it('sends each schema without $schema, execution or a second title, and calls still validate', async () => {
    const client = await connect();
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name)).toEqual(['count_words']);
    const [tool] = tools;
    expect(tool).toEqual({
      name: 'count_words',
      title: 'Count words',
      description: 'Counts words',
      inputSchema: {
        type: 'object',
        properties: { words: { type: 'array', items: { type: 'string' }, description: 'Words to count' } },
        required: ['words'],
      },
      // Read-only: the destructive and idempotent hints mean nothing, openWorldHint true is the default.
      annotations: { readOnlyHint: true },
    });
    const ok = await client.callTool({ name: 'count_words', arguments: { words: ['a', 'b'] } });
    expect(ok.content).toEqual([{ type: 'text', text: '2' }]);
    const bad = await client.callTool({ name: 'count_words', arguments: { words: 'a' } });
    expect(bad.isError).toBe(true);
  });

  it('lists a mutating tool only when writes are enabled', async () => {
    const client = await connect({ SRE_ALLOW_WRITES: 'true' });
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name)).toEqual(['count_words', 'erase_words']);
    // A write keeps every hint: clients decide on confirmation from them.
    expect(tools[1]?.annotations).toEqual({
      readOnlyHint: false,
      destructiveHint: true,
      idempotentHint: true,
      openWorldHint: true,
    });
  });
});
