import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import {
  type CallToolResult,
  ElicitRequestSchema,
  type ElicitResult,
} from '@modelcontextprotocol/sdk/types.js';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createMcpServer } from './create-mcp-server.js';
import { createLogger } from './logger.js';
import { parseServerConfig } from './server-config.js';
import { type AnyTool, defineTool } from './tool.js';
import { ToolError } from './tool-error.js';

const readOnly = { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false };

const echo = defineTool({
  name: 'echo_words',
  description: 'Echoes words',
  input: {
    words: z.array(z.string()).describe('words'),
    count: z.number().int().min(1).max(3).describe('n'),
  },
  annotations: { title: 'Echo', ...readOnly },
  async handler({ words, count }) {
    if (words.includes('missing')) throw new ToolError('Word "missing" not found.', 'Call list_words.');
    if (words.includes('boom')) throw new Error('socket exploded');
    if (words.includes('teapot'))
      // How @kubernetes/client-node words a status it does not map: body and headers included.
      throw new Error(
        `HTTP-Code: 418\nMessage: Unknown API Status Code!\nBody: ${'x'.repeat(50_000)}\nHeaders: {"set-cookie":["session=abc"]}`,
      );
    return { text: Array.from({ length: count }, () => words.join(' ')).join('\n') };
  },
});

const slow = defineTool({
  name: 'slow_call',
  description: 'Never answers',
  input: {},
  annotations: { title: 'Slow', ...readOnly },
  handler: () => new Promise(() => {}),
});

let counter = 0;
const bump = defineTool({
  name: 'bump_counter',
  description: 'Adds one, after asking',
  input: {},
  annotations: {
    title: 'Bump',
    readOnlyHint: false,
    destructiveHint: true,
    idempotentHint: false,
    openWorldHint: false,
  },
  async handler(_args, context) {
    const outcome = await context.confirm('counter: 0 -> 1');
    if (outcome === 'confirmed' || outcome === 'not-required') counter += 1;
    context.audit({
      target: 'counter',
      arguments: {},
      outcome: outcome === 'confirmed' ? 'applied' : 'declined',
    });
    return { text: `outcome ${outcome}, counter ${counter}` };
  },
});

// Reaches its confirmation only after the call has already timed out.
const lateBump = defineTool({
  name: 'late_bump',
  description: 'Asks too late',
  input: {},
  annotations: { ...bump.annotations, title: 'Late bump' },
  async handler(_args, context) {
    await new Promise((resolve) => setTimeout(resolve, 1_300));
    if ((await context.confirm('counter: 0 -> 1')) === 'confirmed') counter += 1;
    return { text: `counter ${counter}` };
  },
});

const stuckWrite = defineTool({
  name: 'stuck_write',
  description: 'Sends a write that never answers',
  input: {},
  annotations: { ...bump.annotations, title: 'Stuck write' },
  handler: () => new Promise(() => {}),
});

const tools = [echo, slow, bump, lateBump, stuckWrite] as AnyTool[];
const closers: (() => Promise<void>)[] = [];

afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
  counter = 0;
});

async function connect(env: Record<string, string>, elicit?: () => ElicitResult) {
  const audit: string[] = [];
  const server = createMcpServer({
    name: 'test',
    version: '1.0.0',
    instructions: 'test',
    tools,
    config: parseServerConfig(env),
    logger: createLogger({ name: 'test', write: () => {} }),
    writeAudit: (line) => audit.push(line),
  });
  const client = new Client(
    { name: 'tester', version: '2.0.0' },
    { capabilities: elicit ? { elicitation: {} } : {} },
  );
  if (elicit) client.setRequestHandler(ElicitRequestSchema, async () => elicit());
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  await server.connect(serverSide);
  await client.connect(clientSide);
  closers.push(() => client.close());
  const call = async (name: string, args: Record<string, unknown> = {}) => {
    const result = (await client.callTool({ name, arguments: args })) as CallToolResult;
    const text = result.content.map((item) => (item.type === 'text' ? item.text : '')).join('\n');
    return { text, isError: result.isError === true };
  };
  return { client, call, audit };
}

describe('registerTools', () => {
  it('hides mutating tools unless writes are enabled', async () => {
    const { client } = await connect({});
    const names = (await client.listTools()).tools.map((tool) => tool.name);
    expect(names).toEqual(['echo_words', 'slow_call']);
  });

  it('publishes annotations and a described schema', async () => {
    const { client } = await connect({ SRE_ALLOW_WRITES: 'true' });
    const bumpTool = (await client.listTools()).tools.find((tool) => tool.name === 'bump_counter');
    // The title once, at the top: tools/list is paid for on every turn.
    expect(bumpTool?.title).toBe('Bump');
    expect(bumpTool?.annotations).toMatchObject({
      readOnlyHint: false,
      destructiveHint: true,
    });
    const echoTool = (await client.listTools()).tools.find((tool) => tool.name === 'echo_words');
    expect(echoTool?.inputSchema.properties).toHaveProperty('words.description', 'words');
  });

  it('turns bad input, expected and unexpected failures into isError results', async () => {
    const { call } = await connect({});
    expect(await call('echo_words', { words: ['a'], count: 9 })).toMatchObject({
      isError: true,
      text: expect.stringMatching(/count/),
    });
    expect(await call('echo_words', { words: ['missing'], count: 1 })).toEqual({
      isError: true,
      text: 'Word "missing" not found. Call list_words.',
    });
    const crash = await call('echo_words', { words: ['boom'], count: 1 });
    expect(crash).toMatchObject({ isError: true, text: expect.stringContaining('socket exploded') });
    expect(crash.text).not.toMatch(/at .*\.ts:\d+/);
    const teapot = await call('echo_words', { words: ['teapot'], count: 1 });
    expect(teapot).toMatchObject({ isError: true, text: expect.stringContaining('HTTP-Code: 418') });
    expect(teapot.text).not.toContain('session=abc');
    expect(teapot.text.length).toBeLessThan(500);
    expect(await call('echo_words', { words: ['still', 'alive'], count: 2 })).toEqual({
      isError: false,
      text: 'still alive\nstill alive',
    });
  });

  it('gives up on a hung call after the time limit', async () => {
    const { call } = await connect({ SRE_TOOL_TIMEOUT_MS: '1000' });
    const result = await call('slow_call');
    expect(result).toMatchObject({ isError: true, text: expect.stringContaining('timed out after 1s') });
  });

  it('warns that a write that timed out may have landed, rather than invite a blind retry', async () => {
    const { call } = await connect({ SRE_ALLOW_WRITES: 'true', SRE_TOOL_TIMEOUT_MS: '1000' });
    const { text, isError } = await call('stuck_write');
    expect(isError).toBe(true);
    expect(text).toMatch(/^stuck_write timed out after 1s\. The change may or may not have been applied/);
    expect(text).not.toContain('narrower request');
  });

  it('never asks a human to approve a write whose call already timed out', async () => {
    let asked = 0;
    const { call } = await connect({ SRE_ALLOW_WRITES: 'true', SRE_TOOL_TIMEOUT_MS: '1000' }, () => {
      asked += 1;
      return { action: 'accept', content: { confirm: true } };
    });
    expect(await call('late_bump')).toMatchObject({
      isError: true,
      text: expect.stringContaining('timed out'),
    });
    // The model was told it failed: a prompt now would apply a change nobody is waiting for.
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(asked).toBe(0);
    expect(counter).toBe(0);
  });

  it('applies a write only when a human accepts, and audits every attempt', async () => {
    const yes = await connect({ SRE_ALLOW_WRITES: 'true' }, () => ({
      action: 'accept',
      content: { confirm: true },
    }));
    expect((await yes.call('bump_counter')).text).toBe('outcome confirmed, counter 1');
    const no = await connect({ SRE_ALLOW_WRITES: 'true' }, () => ({ action: 'decline' }));
    expect((await no.call('bump_counter')).text).toBe('outcome declined, counter 1');
    const cannotAsk = await connect({ SRE_ALLOW_WRITES: 'true' });
    expect((await cannotAsk.call('bump_counter')).text).toBe('outcome unsupported, counter 1');
    const optedOut = await connect({ SRE_ALLOW_WRITES: 'true', SRE_CONFIRM_WRITES: 'false' });
    expect((await optedOut.call('bump_counter')).text).toBe('outcome not-required, counter 2');
    const line = JSON.parse(yes.audit[0] ?? '{}');
    expect(line).toMatchObject({
      level: 'audit',
      audit: { tool: 'bump_counter', client: 'tester/2.0.0', outcome: 'applied' },
    });
  });
});
