import { parseArgs } from 'node:util';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { type CallToolResult, ElicitRequestSchema, type Tool } from '@modelcontextprotocol/sdk/types.js';
import { createLogger } from '../logger.js';
import { parseServerConfig } from '../server-config.js';
import { UsageError } from './cli-args.js';
import { buildToolArguments, type JsonSchema } from './cli-tool-args.js';
import { closestName } from './closest-name.js';
import type { RunServerOptions } from './run-server.js';
import { isWriteTool, printResult, printToolList } from './tool-command-output.js';

export interface ToolCommandIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Asks the person at the terminal; undefined when there is no terminal (cron, CI). */
  ask: ((message: string) => Promise<boolean>) | undefined;
  /** The login name audit records carry as the client. */
  user: string;
}

export interface ToolCommandOptions extends Pick<RunServerOptions, 'name' | 'version' | 'setup'> {
  /** From the subcommand on: `['call', 'list_pods', '--arg', ...]` or `['tools']`. */
  argv: readonly string[];
  env: Record<string, string | undefined>;
  io: ToolCommandIo;
}

// The server enforces its own deadline (SRE_TOOL_TIMEOUT_MS, paused while a human decides);
// the client's 60 s default would cut a confirmation short.
const clientTimeoutMs = 60 * 60_000;

/**
 * `call` and `tools`: one tool run in-process through a real MCP client over an in-memory
 * transport, so argument validation, the output budget, fences and the write gate are exactly
 * those a model gets over stdio. Returns the exit code: 0 done, 1 the tool said isError, 2 bad usage.
 */
export async function runToolCommand(options: ToolCommandOptions): Promise<number> {
  const { io } = options;
  const { values, positionals } = parseArgs({
    args: [...options.argv],
    allowPositionals: true,
    strict: true,
    options: {
      arg: { type: 'string', multiple: true, default: [] },
      json: { type: 'string' },
      output: { type: 'string', default: 'text' },
      yes: { type: 'boolean', short: 'y', default: false },
      'allow-writes': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const [command, toolName, ...extra] = positionals;
  if (values.help) {
    io.stdout(toolCommandUsage(options.name));
    return 0;
  }
  const output = values.output;
  if (output !== 'text' && output !== 'json')
    throw new UsageError(`--output must be "text" or "json", got "${output}"`);
  if (extra.length > 0) throw new UsageError(`unexpected "${extra[0]}": pass arguments as --arg key=value`);
  // Info lines would drown a one-line answer; audit lines are written whatever the level.
  const parsed = parseServerConfig({ LOG_LEVEL: 'warn', ...options.env });
  const config = { ...parsed, allowWrites: parsed.allowWrites || values['allow-writes'] };
  if (values.yes && !config.allowWrites) {
    throw new UsageError(
      '--yes approves a write, and writes are off: add --allow-writes (or SRE_ALLOW_WRITES=true)',
    );
  }
  const logger = createLogger({ name: options.name, level: config.logLevel });
  const createServer = async (allowWrites: boolean) => {
    const made = await options.setup({ config: { ...config, allowWrites }, logger, env: options.env });
    return typeof made === 'function' ? made() : made.createServer();
  };
  const answer = values.yes ? approveByFlag(io) : io.ask;
  const session = await connect(await createServer(config.allowWrites), options, answer);
  try {
    const { tools } = await session.client.listTools();
    if (command === 'tools') {
      io.stdout(output === 'json' ? `${JSON.stringify(tools, null, 2)}\n` : printToolList(tools));
      if (!config.allowWrites) io.stderr(await hiddenWritesNote(tools, createServer));
      return 0;
    }
    if (!toolName)
      throw new UsageError(`call needs a tool name: ${options.name} call <tool> [--arg key=value]...`);
    const tool = tools.find((candidate) => candidate.name === toolName);
    if (!tool) throw await unknownTool(toolName, tools, options.name, createServer);
    const args = buildToolArguments(tool.name, values.arg, values.json, tool.inputSchema as JsonSchema);
    if (output === 'json' && hasJsonForm(tool) && args.output === undefined) args.output = 'json';
    const result = (await session.client.callTool({ name: tool.name, arguments: args }, undefined, {
      timeout: clientTimeoutMs,
    })) as CallToolResult;
    const printed = printResult(result, output);
    io.stdout(printed.stdout);
    io.stderr(printed.stderr);
    if (result.isError && isWriteTool(tool) && config.confirmWrites && !answer) {
      io.stderr(
        'No terminal to ask for approval on: run it from a terminal, or add --yes to approve this call.\n',
      );
    }
    return result.isError ? 1 : 0;
  } finally {
    await session.close();
  }
}

async function connect(
  server: McpServer,
  options: ToolCommandOptions,
  answer: ((message: string) => Promise<boolean>) | undefined,
) {
  // The client's name is what register-tools writes into audit records: the person, not "a CLI".
  const client = new Client(
    { name: `cli:${options.io.user}`, version: options.version },
    { capabilities: answer ? { elicitation: { form: {} } } : {} },
  );
  if (answer) {
    client.setRequestHandler(ElicitRequestSchema, async (request) =>
      (await answer(request.params.message))
        ? { action: 'accept', content: { confirm: true } }
        : { action: 'decline' },
    );
  }
  const [clientTransport, serverTransport] = InMemoryTransport.createLinkedPair();
  await server.connect(serverTransport);
  await client.connect(clientTransport);
  return {
    client,
    close: async () => {
      await client.close();
      await server.close();
    },
  };
}

function approveByFlag(io: ToolCommandIo) {
  return async (message: string) => {
    io.stderr(`${message}\napproved by --yes\n`);
    return true;
  };
}

function hasJsonForm(tool: Tool): boolean {
  const output = (tool.inputSchema.properties as Record<string, { enum?: unknown[] }> | undefined)?.output;
  return output?.enum?.includes('json') === true;
}

async function listWithWrites(createServer: (allowWrites: boolean) => Promise<McpServer>): Promise<Tool[]> {
  const [clientTransport, serverTransport] = InMemoryTransport.createLinkedPair();
  const server = await createServer(true);
  const client = new Client({ name: 'cli', version: '0' });
  await server.connect(serverTransport);
  await client.connect(clientTransport);
  try {
    return (await client.listTools()).tools;
  } finally {
    await client.close();
    await server.close();
  }
}

async function hiddenWritesNote(
  tools: readonly Tool[],
  createServer: (allowWrites: boolean) => Promise<McpServer>,
) {
  const hidden = (await listWithWrites(createServer)).length - tools.length;
  return hidden > 0
    ? `${hidden} tool(s) that change things are hidden: add --allow-writes (or SRE_ALLOW_WRITES=true) to see them.\n`
    : '';
}

async function unknownTool(
  name: string,
  tools: readonly Tool[],
  serverName: string,
  createServer: (allowWrites: boolean) => Promise<McpServer>,
): Promise<UsageError> {
  const all = await listWithWrites(createServer);
  if (all.some((tool) => tool.name === name) && !tools.some((tool) => tool.name === name)) {
    return new UsageError(
      `${name} changes things and is offered only with writes enabled: add --allow-writes`,
    );
  }
  const near = closestName(
    name,
    all.map((tool) => tool.name),
  );
  return new UsageError(
    `no tool "${name}"${near ? `; did you mean "${near}"?` : '.'} \`${serverName} tools\` lists them all.`,
  );
}

export function toolCommandUsage(name: string): string {
  return `Usage: ${name} tools [--allow-writes] [--output json]
       ${name} call <tool> [--arg key=value]... [--json '{...}'] [--output text|json]
                   [--allow-writes] [--yes]

Runs one tool in this process, checked exactly as for an MCP client (arguments, output budget,
untrusted-data fences, the write gate), and prints its answer. Exit 0 done, 1 the tool reported
an error (text on stderr), 2 bad usage.

  --arg key=value   one argument; numbers, true/false and JSON arrays/objects are read as the
                    tool's schema wants them; a list also takes a,b,c (repeat --arg for more)
  --json '{...}'    all arguments as one JSON object (--arg values override it)
  --output json     the tool's JSON form as one document (for jq), notes on stderr
  --allow-writes    offer the tools that change things (same as SRE_ALLOW_WRITES=true)
  --yes             approve the write without asking (needs --allow-writes); otherwise a write
                    asks "apply? [y/N]" on the terminal and is refused when there is none.
                    Every write is audited on stderr with your login name as the client.

Examples:
  ${name} tools
  ${name} call <tool> --arg namespace=default --arg limit=20
`;
}
