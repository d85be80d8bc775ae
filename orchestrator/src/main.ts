#!/usr/bin/env node
import { existsSync, readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { serve } from '@hono/node-server';
import { ConfigError, createLogger, type Logger } from '@sre-agent/shared';
import { type OrchestratorConfig, parseConfig } from './config.js';
import { exposureWarnings } from './exposure-warnings.js';
import { agentInfo } from './http/agent-graph.js';
import { allowedHostNames } from './http/host-guard.js';
import { APP_NAME, createApp } from './http/index.js';
import { createMcpHub } from './mcp/mcp-hub.js';
import { createConfiguredModel } from './model/create-model.js';
import type { Model } from './model/model.js';
import { buildAgentTree, hubServers } from './runner/agent-tree.js';
import { createRunner, type RunnerConfig } from './runner/runner.js';
import { createSlackFrontEnd } from './slack/index.js';
import { DataDirLockedError } from './store/data-dir-lock.js';
import { DatabaseUnavailableError, explainDatabaseFailure } from './store/database-unreachable.js';
import { openSessionStore } from './store/index.js';
import { meteredModel } from './telemetry/metered-model.js';
import { meteredRunner } from './telemetry/metered-runner.js';
import { meteredStore } from './telemetry/metered-store.js';
import { startTelemetry } from './telemetry/start-telemetry.js';
import { mintUserToken } from './token-command.js';
import { readWebPageAssets, type WebPageAssets, webPageDir } from './web/index.js';

const usage = `Usage: sre-agent serve [--port N] [--host ADDRESS]
       sre-agent chat
       sre-agent token <user_id>

serve   Serves the ADK-compatible HTTP API: Gemini over the MCP servers, sessions in PostgreSQL
        (DATABASE_URL) or embedded PGlite (./data/pglite; DATABASE_URL=memory: keeps them in memory).
chat    A conversation on this terminal with the same store, servers and model; a change the
        agent proposes is asked here (apply? [y/N]). An empty line or Ctrl-D ends it.
token   Prints a bearer token that reaches only <user_id>'s sessions, derived from SRE_API_TOKEN
        (rotating SRE_API_TOKEN revokes every such token).
Configuration is read from the environment; see README.md.
`;

const shutdownGraceMs = 5_000;

const version = (
  JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }
).version;

async function main(argv: string[]): Promise<void> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { port: { type: 'string' }, host: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  const command = positionals[0];
  if (values.help || (command !== 'serve' && command !== 'token' && command !== 'chat')) {
    process.stderr.write(usage);
    process.exit(values.help ? 0 : 2);
  }
  if (command === 'token') return printUserToken(positionals.length === 2 ? positionals[1] : undefined);
  if (command === 'chat') {
    // Log lines would interleave with the conversation, which shows a turn's error itself.
    const config = parseConfig({ LOG_LEVEL: 'error', ...process.env });
    const { chatCommand } = await import('./chat/chat-command.js');
    return chatCommand(config, createLogger({ name: 'sre-agent', level: config.logLevel }), version);
  }
  const config = parseConfig({
    ...process.env,
    ...(values.port !== undefined ? { PORT: values.port } : {}),
    ...(values.host !== undefined ? { HOST: values.host } : {}),
  });
  await serveApi(config, createLogger({ name: 'sre-agent', level: config.logLevel }));
}

function printUserToken(userId: string | undefined): void {
  const result = mintUserToken(userId, process.env);
  if (!result.ok) {
    process.stderr.write(`sre-agent: ${result.message}\n`);
    process.exit(2);
  }
  // The token is this command's whole output, so a script can capture it.
  process.stdout.write(`${result.token}\n`);
}

/** Wires config -> store -> MCP hub -> model -> runner -> HTTP, and tears it down on SIGINT/SIGTERM. */
async function serveApi(config: OrchestratorConfig, logger: Logger): Promise<void> {
  const { database } = config;
  const telemetry = await startTelemetry(config.telemetry, { logger, version });
  const { metrics, tracer } = telemetry;
  const opened = await openSessionStore(database, { logger }).catch((error: unknown) => {
    throw (database.kind === 'postgres' ? explainDatabaseFailure(error, database.url) : undefined) ?? error;
  });
  const store = meteredStore(opened, metrics);
  const hub = await createMcpHub({
    servers: config.mcpServers,
    logger,
    clientInfo: { name: 'sre-agent', version },
    metrics,
  });
  const model = meteredModel(createModel(config, logger), config.model.spec.provider, metrics);
  const runner = meteredRunner(
    createRunner({ store, model, hub, config: runnerConfig(config), logger, tracer }),
    metrics,
  );
  const slack = config.slack
    ? createSlackFrontEnd({ config: config.slack, store, runner, hub, logger, appName: APP_NAME })
    : undefined;
  const app = createApp({
    store,
    runner,
    config,
    logger,
    version,
    publicRoutes: slack ? [slack.routes] : [],
    tracer,
    metrics,
    metricsToken: config.telemetry.metricsToken,
    agent: () =>
      agentInfo(buildAgentTree(APP_NAME, config.agentMode, hubServers(hub)), hub.tools(), model.name),
    tools: hub,
    ...webPage(logger),
    ...(config.devUi ? { devUiDir: devUiDirectory(config, logger) } : {}),
  });
  const server = serve(
    { fetch: app.fetch, port: config.port, hostname: config.host },
    (info: AddressInfo) => {
      logger.info('listening', {
        url: `http://${config.host}:${info.port}`,
        database: config.database.kind,
        slack: slack !== undefined,
        // The Host names answered; any other gets 403 (see http/host-guard.ts).
        allowedHosts: allowedHostNames({ bindHost: config.host, allowedHosts: config.allowedHosts }),
      });
      for (const { message, fields } of exposureWarnings(config)) logger.warn(message, fields);
    },
  );
  const release = async () =>
    void (await Promise.allSettled([hub.close(), store.close(), telemetry.shutdown()]));
  // A port already taken must stop the children and give the data directory back, not crash past them.
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  }).catch(async (error: unknown) => {
    await release();
    throw new ListenError(`cannot listen on ${config.host}:${config.port}: ${(error as Error).message}`);
  });
  stopOnSignals(logger, {
    closeServer: () => new Promise<void>((resolve) => server.close(() => resolve())),
    // Slack turns run after their request was acknowledged, so closing the server does not wait for them.
    idle: async () => slack?.idle(),
    release,
  });
}

class ListenError extends Error {
  override name = 'ListenError';
}

interface Teardown {
  closeServer(): Promise<void>;
  idle(): Promise<void>;
  release(): Promise<void>;
}

function stopOnSignals(logger: Logger, teardown: Teardown): void {
  let stopping = false;
  const stop = (signal: string) => {
    // A second signal means "now": do not wait for open runs and children.
    if (stopping) process.exit(1);
    stopping = true;
    logger.info('shutting down', { signal });
    const drained = teardown.closeServer().then(() => teardown.idle());
    const grace = new Promise<void>((resolve) => setTimeout(resolve, shutdownGraceMs).unref());
    // Open runs get a few seconds to finish and persist; then the children and the database go (and with
    // the database, the PGlite directory's lock).
    void Promise.race([drained, grace])
      .then(() => teardown.release())
      .then(() => process.exit(0));
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

// Bundled by `npm run build` (orchestrator/scripts/bundle-web-page.ts); `/` says to build when it is missing.
function webPage(logger: Logger): { webPage?: WebPageAssets } {
  const assets = readWebPageAssets();
  if (assets === undefined) {
    logger.warn('the web page is not built: run `npm run build` to serve it at /', { dir: webPageDir });
  }
  return assets === undefined ? {} : { webPage: assets };
}

// Put there by `npm run build` (orchestrator/scripts/fetch-dev-ui.ts); never fetched by the server.
function devUiDirectory(config: OrchestratorConfig, logger: Logger): string {
  const dir = fileURLToPath(new URL('../dist/dev-ui/', import.meta.url));
  if (!existsSync(`${dir}index.html`)) {
    logger.warn('SRE_DEV_UI is on but the dev UI is not built: run `npm run build`', { dir });
  }
  // Google's UI sends no Authorization header: behind a token, every call it makes is refused.
  if (config.apiToken !== undefined) {
    logger.warn(
      'SRE_DEV_UI is on with SRE_API_TOKEN set: the ADK dev UI cannot send the token; use it on a local, tokenless API',
    );
  }
  return dir;
}

function runnerConfig(config: OrchestratorConfig): RunnerConfig {
  const { maxSteps, toolResultMaxChars, historyMaxChars, agentMode } = config;
  return { agentName: APP_NAME, agentMode, maxSteps, toolResultMaxChars, historyMaxChars };
}

function createModel(config: OrchestratorConfig, logger: Logger): Model {
  const { model, warning } = createConfiguredModel(config.model);
  if (warning) logger.warn(warning);
  return model;
}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof ConfigError || (error as { code?: string }).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    process.stderr.write(`sre-agent: ${(error as Error).message}\n${usage}`);
    process.exit(2);
  }
  // An expected refusal explains itself; only the unexpected needs its stack.
  const detail =
    error instanceof DataDirLockedError ||
    error instanceof ListenError ||
    error instanceof DatabaseUnavailableError
      ? error.message
      : error instanceof Error
        ? (error.stack ?? error.message)
        : String(error);
  process.stderr.write(`sre-agent: failed to start: ${detail}\n`);
  process.exit(1);
});
