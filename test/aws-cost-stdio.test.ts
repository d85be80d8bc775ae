// The built `sre-aws-cost-mcp` bin as a client would run it: a child process speaking MCP on stdio,
// configured only through the environment, against the Cost Explorer fake. Needs `npm run build`.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatMicros, sumLedger } from './fakes/cost-explorer/index.ts';
import { type CostExplorerFake, startCostExplorerFake } from './fakes/cost-explorer/server.ts';

const main = fileURLToPath(new URL('../servers/aws-cost/dist/main.js', import.meta.url));
const built = existsSync(main);

let fake: CostExplorerFake;
let client: Client;
const stderr: string[] = [];

beforeAll(async () => {
  if (!built) return;
  fake = await startCostExplorerFake();
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [main],
    env: {
      PATH: process.env.PATH ?? '',
      AWS_REGION: 'eu-central-1',
      AWS_ACCESS_KEY_ID: 'AKIAFAKESTDIO0000001',
      AWS_SECRET_ACCESS_KEY: 'fake',
      AWS_EC2_METADATA_DISABLED: 'true',
      AWS_ENDPOINT_URL_COST_EXPLORER: fake.url,
      LOG_LEVEL: 'debug',
    },
    stderr: 'pipe',
  });
  transport.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk.toString('utf8')));
  client = new Client({ name: 'stdio-test', version: '1.0.0' });
  await client.connect(transport);
});

afterAll(async () => {
  await client?.close();
  await fake?.close();
});

describe.skipIf(!built)('sre-aws-cost-mcp over stdio', () => {
  it('lists its tools and answers with totals that match the ledger', async () => {
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name)).toContain('get_cost_trend');
    const result = (await client.callTool({
      name: 'get_cost_by_service',
      arguments: { period: 'last_month' },
    })) as CallToolResult;
    const text = result.content.map((part) => (part.type === 'text' ? part.text : '')).join('\n');
    const expected = sumLedger(fake.ledger, { start: isoMonth(-1), end: isoMonth(0) });
    expect(text).toContain(`Total: ${formatMicros(expected)}`);
    // The SDK signed for us-east-1 although AWS_REGION is eu-central-1: Cost Explorer lives there.
    expect(fake.requests[0]).toMatchObject({ operation: 'GetCostAndUsage', region: 'us-east-1' });
  });

  it('keeps stdout for the protocol: logs are JSON lines on stderr', () => {
    const lines = stderr.join('').split('\n').filter(Boolean);
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(() => JSON.parse(line)).not.toThrow();
  });
});

function isoMonth(offset: number): string {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + offset, 1)).toISOString().slice(0, 10);
}
