import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { ListToolsRequestSchema, type Tool } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import type { AnyTool } from './tool.js';

/**
 * One tool as `tools/list` sends it. The model pays for every byte on every turn, so this is
 * the SDK's listing minus what tells the model nothing: the `$schema` URL in each schema, the
 * default `execution: {taskSupport: "forbidden"}` (absent means the same), the copy of the
 * title inside the annotations, and the hints the MCP spec says mean nothing on a read-only
 * tool (destructive, idempotent) or that equal its default (openWorldHint true).
 */
export function toolListEntry(tool: AnyTool): Tool {
  const { $schema: _schema, ...inputSchema } = z.toJSONSchema(z.object(tool.input), {
    target: 'draft-7',
    io: 'input',
  }) as Record<string, unknown>;
  const { title, ...hints } = tool.annotations;
  return {
    name: tool.name,
    title,
    description: tool.description,
    inputSchema: inputSchema as Tool['inputSchema'],
    annotations: hints.readOnlyHint
      ? { readOnlyHint: true, ...(hints.openWorldHint ? {} : { openWorldHint: false }) }
      : hints,
  };
}

/** Replaces the SDK's `tools/list` answer with the compact one; calls still go through the SDK. */
export function serveCompactToolList(server: McpServer, tools: readonly AnyTool[]): void {
  server.server.setRequestHandler(ListToolsRequestSchema, () => ({ tools: tools.map(toolListEntry) }));
}
