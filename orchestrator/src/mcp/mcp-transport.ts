import { existsSync } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { SSEClientTransport } from '@modelcontextprotocol/sdk/client/sse.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { Logger } from '@sre-agent/shared';
import {
  type HttpServerSpec,
  isStdioSpec,
  type McpServerSpec,
  type StdioServerSpec,
} from './mcp-server-spec.js';

export interface TransportContext {
  logger: Logger;
  /** Environment the stdio children start from, before each spec's own `env`. */
  baseEnv: Record<string, string>;
  connectTimeoutMs: number;
  /** The child's stderr, line by line: kept to explain a failed start, logged at debug. */
  onStderrLine(line: string): void;
}

/** Connects a fresh client (from `newClient`) to the server; throws when it cannot. */
export async function connectClient(
  spec: McpServerSpec,
  newClient: () => Client,
  context: TransportContext,
): Promise<Client> {
  return isStdioSpec(spec) ? connectStdio(spec, newClient(), context) : connectHttp(spec, newClient, context);
}

async function connectStdio(
  spec: StdioServerSpec,
  client: Client,
  context: TransportContext,
): Promise<Client> {
  // `node missing.js` would start and die with a stack trace; say plainly what is missing instead.
  const script = spec.command === process.execPath ? spec.args[0] : undefined;
  if (script !== undefined && !existsSync(script)) {
    throw new Error(`script not found: ${script} (build the workspace with npm run build)`);
  }
  const transport = new StdioClientTransport({
    command: spec.command,
    args: spec.args,
    env: { ...context.baseEnv, ...spec.env },
    ...(spec.cwd ? { cwd: spec.cwd } : {}),
    stderr: 'pipe',
  });
  let pending = '';
  const decoder = new StringDecoder('utf8');
  transport.stderr?.on('data', (chunk: Buffer) => {
    const lines = (pending + decoder.write(chunk)).split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) if (line.trim()) context.onStderrLine(line);
  });
  await client.connect(transport, { timeout: context.connectTimeoutMs });
  return client;
}

// Streamable HTTP first; servers that only speak the 2024-11-05 protocol get the legacy SSE transport.
async function connectHttp(
  spec: HttpServerSpec,
  newClient: () => Client,
  context: TransportContext,
): Promise<Client> {
  const requestInit = spec.token ? { headers: { Authorization: `Bearer ${spec.token}` } } : undefined;
  const options = requestInit ? { requestInit } : {};
  const streamable = newClient();
  try {
    await streamable.connect(new StreamableHTTPClientTransport(new URL(spec.url), options), {
      timeout: context.connectTimeoutMs,
    });
    return streamable;
  } catch (error) {
    await streamable.close().catch(() => undefined);
    const sseUrl = spec.url.replace(/\/mcp\/?$/, '/sse');
    context.logger.info('streamable HTTP failed, trying SSE', {
      server: spec.name,
      url: sseUrl,
      error: messageOf(error),
    });
    const sse = newClient();
    try {
      await sse.connect(new SSEClientTransport(new URL(sseUrl), options), {
        timeout: context.connectTimeoutMs,
      });
      return sse;
    } catch (sseError) {
      await sse.close().catch(() => undefined);
      throw new Error(
        `streamable HTTP at ${spec.url}: ${messageOf(error)}; SSE at ${sseUrl}: ${messageOf(sseError)}`,
      );
    }
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
