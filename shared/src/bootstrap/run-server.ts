import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { ConfigError } from '../env.js';
import { createLogger, type Logger } from '../logger.js';
import { parseServerConfig, type ServerConfig } from '../server-config.js';
import type { UpstreamCheck } from '../upstream.js';
import { parseCliArgs, UsageError, usage } from './cli-args.js';
import { isLoopbackAddress } from './request-guard.js';
import type { StdioStreams } from './stdio-front.js';

export interface ServerSetup {
  config: ServerConfig;
  logger: Logger;
  env: Record<string, string | undefined>;
}

/** What setup makes: the MCP server factory and, when the server fronts something, its upstream check. */
export interface ServerParts {
  createServer: () => McpServer;
  /** Shown at /healthz over HTTP; pass the same one to createMcpServer for the MCP resource. */
  upstream?: UpstreamCheck;
}

export interface RunServerOptions {
  name: string;
  version: string;
  description: string;
  /**
   * Parses the server's own config and returns a cheap factory of MCP servers. Heavy
   * clients must be created lazily inside tools, so `initialize` is answered at once.
   */
  setup(context: ServerSetup): ServerParts | (() => McpServer) | Promise<ServerParts | (() => McpServer)>;
  argv?: readonly string[];
  env?: Record<string, string | undefined>;
  /** Where stdio serves instead of process.stdin/stdout: the stdio front's hand-over (stdio-front.ts). */
  stdio?: () => StdioStreams;
}

/** The `main` of every server bin: flags and env, then stdio or HTTP. Exits on bad config. */
export async function runServer(options: RunServerOptions): Promise<void> {
  const env = options.env ?? process.env;
  const argv = options.argv ?? process.argv.slice(2);
  try {
    if (argv[0] === 'call' || argv[0] === 'tools')
      return await exitWith(await runCommand(options, argv, env));
    const cli = parseCliArgs(argv);
    // stdout: `--help | less` and `--version` in scripts; a stdio server never gets these flags.
    if (cli.help) return void process.stdout.write(usage(options.name, options.description));
    if (cli.version) return void process.stdout.write(`${options.version}\n`);
    const parsed = { ...parseServerConfig(env), ...(cli.allowWrites ? { allowWrites: true } : {}) };
    const logger = createLogger({ name: options.name, level: parsed.logLevel });
    const config = cli.transport === 'stdio' ? parsed : withoutUnconfirmableWrites(parsed, logger);
    // A stray rejected promise (a socket closed mid-request, say) must not take down a server
    // that other calls and sessions depend on: log it and keep serving.
    process.on('unhandledRejection', (reason) => logger.error('unhandled rejection', { error: reason }));
    const made = await options.setup({ config, logger, env });
    const { createServer, upstream } =
      typeof made === 'function' ? { createServer: made, upstream: undefined } : made;
    if (cli.transport === 'stdio') return await serveStdio(createServer(), logger, options.stdio);
    // Loaded only for HTTP: a stdio server (spawned per chat) should not pay for it at start-up.
    const { startHttpServer } = await import('./http-server.js');
    const http = await startHttpServer({
      createServer,
      host: cli.host,
      port: cli.port,
      token: config.httpToken,
      maxSessions: config.maxSessions,
      stateless: config.stateless,
      metricsToken: config.metricsToken,
      allowedHosts: cli.allowedHosts,
      allowedOrigins: cli.allowedOrigins,
      logger,
      identity: { name: options.name, version: options.version },
      ...(upstream ? { upstream } : {}),
    });
    logger.info('listening', {
      url: `${http.url}/mcp`,
      ...(config.stateless ? { stateless: true } : { sse: `${http.url}/sse` }),
      metrics: `${http.url}/metrics`,
      auth: Boolean(config.httpToken),
    });
    if (!isLoopbackAddress(cli.host) && !config.httpToken) {
      logger.warn(
        'listening beyond this machine without a token: anyone who can reach it can use every tool',
        {
          host: cli.host,
          remedy: 'set SRE_MCP_TOKEN, or bind 127.0.0.1',
        },
      );
    }
    onShutdown(() => http.close());
  } catch (error) {
    if (error instanceof ConfigError || error instanceof UsageError || isParseArgsError(error)) {
      process.stderr.write(`${options.name}: ${(error as Error).message}\n`);
      process.exit(2);
    }
    throw error;
  }
}

/**
 * A stateless server cannot ask a human (elicitation needs a session), so a write that needs a yes could
 * only ever be refused: such tools are not offered at all. With confirmation turned off they still are.
 */
export function withoutUnconfirmableWrites(config: ServerConfig, logger: Logger): ServerConfig {
  if (!config.stateless || !config.allowWrites || !config.confirmWrites) return config;
  logger.warn('write tools are not offered: SRE_MCP_STATELESS has no sessions, so no confirmation', {
    remedy: 'run writes against a session-mode server (sticky sessions), or set SRE_CONFIRM_WRITES=false',
  });
  return { ...config, allowWrites: false };
}

async function runCommand(
  options: RunServerOptions,
  argv: readonly string[],
  env: Record<string, string | undefined>,
): Promise<number> {
  // Loaded only for the shell commands: the MCP client and terminal code are not a server's business.
  const [{ runToolCommand }, { terminalAsk }, { userInfo }] = await Promise.all([
    import('./tool-command.js'),
    import('./terminal-ask.js'),
    import('node:os'),
  ]);
  return runToolCommand({
    ...options,
    argv,
    env,
    io: {
      stdout: (text) => process.stdout.write(text),
      stderr: (text) => process.stderr.write(text),
      ask: terminalAsk(),
      user: loginName(userInfo, env),
    },
  });
}

function loginName(userInfo: () => { username: string }, env: Record<string, string | undefined>): string {
  try {
    return userInfo().username;
  } catch {
    // A container user with no passwd entry.
    return env.USER ?? env.LOGNAME ?? 'unknown';
  }
}

/** Exits once stdout has drained: a pipe is asynchronous, and exiting early would cut the answer. */
async function exitWith(code: number): Promise<void> {
  await new Promise<void>((resolve) => process.stdout.write('', () => resolve()));
  process.exit(code);
}

async function serveStdio(server: McpServer, logger: Logger, handOver?: () => StdioStreams): Promise<void> {
  const { input, output } = handOver?.() ?? { input: process.stdin, output: process.stdout };
  // The client going away closes stdin; without this the process would linger.
  input.on('end', () => process.exit(0));
  await server.connect(new StdioServerTransport(input, output));
  logger.debug('serving on stdio', { handshakeAnsweredBeforeLoad: Boolean(handOver) });
  onShutdown(() => server.close());
}

function onShutdown(close: () => Promise<void>) {
  const stop = () => {
    close().finally(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

function isParseArgsError(error: unknown): boolean {
  return error instanceof Error && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS');
}
