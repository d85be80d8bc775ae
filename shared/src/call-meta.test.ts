import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { ElicitRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import { describe, expect, it } from 'vitest';
import { invocationIdMetaKey, outcomeMetaKey, readInvocationId } from './call-meta.js';
import { createMcpServer } from './create-mcp-server.js';
import { createLogger } from './logger.js';
import { parseServerConfig } from './server-config.js';
import { type AnyTool, defineTool } from './tool.js';

const scale = defineTool({
  name: 'scale_thing',
  description: 'Scales after asking',
  input: {},
  annotations: {
    title: 'Scale',
    readOnlyHint: false,
    destructiveHint: true,
    idempotentHint: false,
    openWorldHint: false,
  },
  async handler(_args, context) {
    context.logger.info('about to ask');
    const answer = await context.confirm('scale 1 -> 2');
    const outcome = answer === 'confirmed' ? 'applied' : 'declined';
    context.audit({ target: 'thing', arguments: {}, outcome });
    return { text: outcome };
  },
});

async function connect(answer: 'accept' | 'decline') {
  const logs: string[] = [];
  const audit: string[] = [];
  const server = createMcpServer({
    name: 't',
    version: '1',
    instructions: 'i',
    tools: [scale] as AnyTool[],
    config: parseServerConfig({ SRE_ALLOW_WRITES: 'true' }),
    logger: createLogger({ name: 't', write: (line) => logs.push(line) }),
    writeAudit: (line) => audit.push(line),
  });
  const client = new Client({ name: 'orchestrator', version: '1' }, { capabilities: { elicitation: {} } });
  client.setRequestHandler(ElicitRequestSchema, async () =>
    answer === 'accept' ? { action: 'accept', content: { confirm: true } } : { action: 'decline' },
  );
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  await server.connect(serverSide);
  await client.connect(clientSide);
  return { client, logs, audit };
}

describe('the orchestrator invocation id in _meta', () => {
  it('lands in the call log lines and the audit row', async () => {
    const { client, logs, audit } = await connect('accept');
    const result = await client.callTool({
      name: 'scale_thing',
      arguments: {},
      _meta: { [invocationIdMetaKey]: 'e-4f1c2a' },
    });
    expect(result._meta?.[outcomeMetaKey]).toBeUndefined();
    const asked = logs.map((line) => JSON.parse(line)).find((line) => line.msg === 'about to ask');
    expect(asked).toMatchObject({ tool: 'scale_thing', invocationId: 'e-4f1c2a' });
    expect(JSON.parse(audit[0] ?? '{}').audit).toMatchObject({
      outcome: 'applied',
      invocationId: 'e-4f1c2a',
    });
    await client.close();
  });

  it('is left out when absent or not a plain id, and a declined write is marked refused', async () => {
    const { client, audit } = await connect('decline');
    const result = await client.callTool({
      name: 'scale_thing',
      arguments: {},
      _meta: { [invocationIdMetaKey]: 'x"\n{"level":"audit"}' },
    });
    expect(result._meta?.[outcomeMetaKey]).toBe('refused');
    expect(JSON.parse(audit[0] ?? '{}').audit).not.toHaveProperty('invocationId');
    await client.close();
  });

  it('reads only short plain ids', () => {
    expect(readInvocationId({ [invocationIdMetaKey]: 'e-1.2:3_x' })).toBe('e-1.2:3_x');
    expect(readInvocationId({ [invocationIdMetaKey]: 'a'.repeat(129) })).toBeUndefined();
    expect(readInvocationId({ [invocationIdMetaKey]: 42 })).toBeUndefined();
    expect(readInvocationId(undefined)).toBeUndefined();
  });
});
