// The shape of `SRE_MCP_SERVERS` entries; config.ts validates them, the hub only consumes them.

export interface StdioServerSpec {
  /** Prefix of the server's tools as the model sees them: `<name>__<tool>`. */
  name: string;
  command: string;
  args: string[];
  /** Added to the orchestrator's environment (minus its own secrets) for this child. */
  env: Record<string, string>;
  cwd?: string;
}

export interface HttpServerSpec {
  name: string;
  /** Streamable HTTP endpoint (`.../mcp`); legacy SSE (`.../sse`) is tried when it fails. */
  url: string;
  token?: string;
}

export type McpServerSpec = StdioServerSpec | HttpServerSpec;

export function isStdioSpec(spec: McpServerSpec): spec is StdioServerSpec {
  return 'command' in spec;
}
