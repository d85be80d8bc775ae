export interface CliOptions {
  transport: 'stdio' | 'http';
  port: number;
  host: string;
  allowWrites: boolean;
  /** Extra Host header values accepted over HTTP, e.g. a DNS name in front of the server. */
  allowedHosts: string[];
  allowedOrigins: string[];
  help: boolean;
  version: boolean;
}

export class UsageError extends Error {
  override name = 'UsageError';
}

export function parseCliArgs(argv: readonly string[]): CliOptions {
  // Not `import ... from 'node:util'`: the ESM facade of node:util reads every export, and its lazy
  // getters (util.diff, TextDecoder) load modules and open stderr, ~10 ms of each cold start (issue 14 §5).
  const { parseArgs } = process.getBuiltinModule('node:util');
  const { values } = parseArgs({
    args: [...argv],
    strict: true,
    options: {
      transport: { type: 'string', default: 'stdio' },
      port: { type: 'string', default: '8080' },
      host: { type: 'string', default: '127.0.0.1' },
      'allow-writes': { type: 'boolean', default: false },
      'allowed-hosts': { type: 'string', default: '' },
      'allowed-origins': { type: 'string', default: '' },
      help: { type: 'boolean', short: 'h', default: false },
      version: { type: 'boolean', short: 'v', default: false },
    },
  });
  const transport = values.transport;
  if (transport !== 'stdio' && transport !== 'http') {
    throw new UsageError(`--transport must be "stdio" or "http", got "${transport}"`);
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new UsageError(`--port must be an integer from 0 to 65535, got "${values.port}"`);
  }
  return {
    transport,
    port,
    host: values.host,
    allowWrites: values['allow-writes'],
    allowedHosts: splitList(values['allowed-hosts']),
    allowedOrigins: splitList(values['allowed-origins']),
    help: values.help,
    version: values.version,
  };
}

function splitList(value: string): string[] {
  return value
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
}

export function usage(name: string, description: string): string {
  return `${name}: ${description}

Usage: ${name} [--transport stdio|http] [--port 8080] [--host 127.0.0.1] [--allow-writes]
       ${name} tools                                  list the tools, one line each
       ${name} call <tool> [--arg key=value]...       run one tool and print its answer
                                                      (\`${name} call --help\` for more)

  --transport        stdio (default; for Claude Desktop and IDEs) or http
                     (Streamable HTTP at /mcp, legacy SSE at /sse, health at /healthz)
  --port, --host     where the HTTP transport listens (default 127.0.0.1:8080)
  --allowed-hosts    extra Host header values accepted over HTTP (comma-separated)
  --allowed-origins  browser origins accepted over HTTP (comma-separated)
  --allow-writes     offer mutating tools (same as SRE_ALLOW_WRITES=true)

Environment: see the project README (LOG_LEVEL, SRE_OUTPUT_BUDGET, SRE_ALLOW_WRITES,
SRE_CONFIRM_WRITES, SRE_TOOL_TIMEOUT_MS, SRE_MCP_TOKEN, SRE_MCP_MAX_SESSIONS and the server's own
variables). Over HTTP, /healthz also says whether the cluster or account behind the server is
configured and reachable.
`;
}
