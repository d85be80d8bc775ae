import type { IncomingMessage, ServerResponse } from 'node:http';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import { sendRpcError } from './http-replies.js';

export interface StatelessDeps {
  createServer: () => McpServer;
  watch?: (transport: Transport) => void;
}

/**
 * One POST, one fresh MCP server, one JSON answer, nothing kept: any replica behind a Service answers
 * any request, with no sticky sessions. The price: the server cannot ask the client anything (no
 * elicitation, so no confirmed writes), and there is no GET stream for notifications.
 */
export async function handleStateless(
  request: IncomingMessage,
  response: ServerResponse,
  body: unknown,
  deps: StatelessDeps,
): Promise<void> {
  if (request.method !== 'POST') {
    response.setHeader('Allow', 'POST');
    return sendRpcError(
      response,
      405,
      -32000,
      `${request.method} /mcp: this server is stateless (SRE_MCP_STATELESS), so it has no sessions to stream to or delete; POST each request`,
    );
  }
  const server = deps.createServer();
  const transport = new StreamableHTTPServerTransport({
    sessionIdGenerator: undefined,
    enableJsonResponse: true,
  });
  response.once('close', () => {
    void transport.close();
    void server.close();
  });
  await server.connect(transport);
  deps.watch?.(transport);
  await transport.handleRequest(request, response, body);
}
