/**
 * Drives the real cost MCP server end to end: MCP Client -> InMemoryTransport -> server ->
 * @aws-sdk/client-cost-explorer -> this fake over HTTP. No module mocking anywhere.
 */
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { createCostExplorerClient, createCostServer, parseCostConfig } from '@sre-agent/aws-cost';
import { createLogger, parseServerConfig } from '@sre-agent/shared';
import { type CostExplorerFake, startCostExplorerFake } from './server.ts';

export const HARNESS_NOW = new Date('2025-06-18T10:30:00Z');
export const TEST_CREDENTIALS = { accessKeyId: 'AKIAFAKECOST00000001', secretAccessKey: 'fake-cost-secret' };

export interface CostHarnessOptions {
  /** Business "today" for both the ledger and the server; default HARNESS_NOW. */
  now?: Date;
  /** Environment for both config parsers (SRE_CE_MAX_REQUESTS_PER_HOUR, SRE_OUTPUT_BUDGET, ...). */
  env?: Record<string, string>;
  pageSize?: number;
  /** The bill's currency and whether it carries credits and refunds (see the fake's options). */
  currency?: string;
  credits?: boolean;
  /** Clock for cache lifetimes and the hourly budget, so tests can move time. */
  clock?: () => number;
  /** Static credentials; `null` uses the default credential chain (for credential error tests). */
  credentials?: { accessKeyId: string; secretAccessKey: string } | null;
}

export interface HarnessCall {
  /** All text content joined by newlines. */
  text: string;
  isError: boolean;
  images: { data: string; mimeType: string }[];
  result: CallToolResult;
}

export interface CostHarness {
  fake: CostExplorerFake;
  client: Client;
  now: Date;
  logs: string[];
  call(name: string, args?: Record<string, unknown>): Promise<HarnessCall>;
  close(): Promise<void>;
}

export async function startCostHarness(options: CostHarnessOptions = {}): Promise<CostHarness> {
  // Without this the SDK's credential chain may wait on the EC2 metadata endpoint.
  process.env.AWS_EC2_METADATA_DISABLED = 'true';
  const now = options.now ?? HARNESS_NOW;
  const fake = await startCostExplorerFake({
    now,
    ...(options.pageSize ? { pageSize: options.pageSize } : {}),
    ...(options.currency ? { currency: options.currency } : {}),
    credits: options.credits === true,
  });
  const logs: string[] = [];
  const server = createServerFor(fake, options, now, logs);
  const client = new Client({ name: 'aws-cost-harness', version: '1.0.0' });
  const [clientTransport, serverTransport] = InMemoryTransport.createLinkedPair();
  await server.connect(serverTransport);
  await client.connect(clientTransport);
  return {
    fake,
    client,
    now,
    logs,
    call: (name, args = {}) => callTool(client, name, args),
    async close() {
      await client.close();
      await server.close();
      await fake.close();
    },
  };
}

/** The real server and SDK client, configured through the environment as a user would. */
function createServerFor(fake: CostExplorerFake, options: CostHarnessOptions, now: Date, logs: string[]) {
  const env = {
    AWS_REGION: 'eu-west-1',
    AWS_MAX_ATTEMPTS: '1',
    AWS_ENDPOINT_URL_COST_EXPLORER: fake.url,
    ...options.env,
  };
  const logger = createLogger({ name: 'aws-cost-test', level: 'debug', write: (line) => logs.push(line) });
  const config = parseCostConfig(env);
  const credentials =
    options.credentials === null ? {} : { credentials: options.credentials ?? TEST_CREDENTIALS };
  const ce = createCostExplorerClient({
    config,
    logger,
    now: () => now,
    ...credentials,
    ...(options.clock ? { clock: options.clock } : {}),
  });
  return createCostServer({ deps: { ce, config, now: () => now }, config: parseServerConfig(env), logger });
}

async function callTool(client: Client, name: string, args: Record<string, unknown>): Promise<HarnessCall> {
  const result = (await client.callTool({ name, arguments: args })) as CallToolResult;
  const text = result.content.flatMap((part) => (part.type === 'text' ? [part.text] : [])).join('\n');
  const images = result.content.flatMap((part) =>
    part.type === 'image' ? [{ data: part.data, mimeType: part.mimeType }] : [],
  );
  return { text, isError: result.isError === true, images, result };
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Matches a table row holding these cells in order, separated by column padding. */
export function rowPattern(...cells: string[]): RegExp {
  return new RegExp(cells.map(escapeRegExp).join('\\s+'));
}
