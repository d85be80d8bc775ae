import type { Logger } from '@sre-agent/shared';
import type { JsonObject, McpServerHealth } from '../adk/types.js';
import type { Metrics, ToolCallOutcome } from '../telemetry/metrics.js';
import { defaultServerSpecs } from './default-servers.js';
import { type CallOptions, createMcpConnection, type HubTool, type McpConnection } from './mcp-connection.js';
import type { McpServerSpec } from './mcp-server-spec.js';
import { failedOutcome, type ToolOutcome } from './tool-outcome.js';
import { createVoucherBook } from './write-voucher.js';

export interface McpHubOptions {
  /** The servers to connect; the three workspace servers over stdio when absent. */
  servers?: McpServerSpec[];
  logger: Logger;
  /** Environment stdio children start from; the orchestrator's own secrets are removed from it. */
  env?: Record<string, string | undefined>;
  clientInfo?: { name: string; version: string };
  connectTimeoutMs?: number;
  callTimeoutMs?: number;
  backoff?: { initialMs: number; maxMs: number };
  /** Hung-server detection: a ping every `intervalMs`, `misses` unanswered in a row restart the server. */
  watchdog?: { intervalMs: number; timeoutMs: number; misses: number };
  /** Tool calls by server, tool and outcome, and server restarts. */
  metrics?: Pick<Metrics, 'toolCall' | 'serverRestart'>;
}

export interface McpHub {
  /** Tools of the servers that are up right now. */
  tools(): HubTool[];
  findTool(name: string): HubTool | undefined;
  /** A server's own instructions (what its tools share: period forms, billing, fences), if it gave any. */
  instructions?(server: string): string | undefined;
  /** Servers not serving right now (starting, failed, restarting). */
  unavailableServers(): string[];
  callTool(name: string, args: JsonObject, options: CallOptions): Promise<ToolOutcome>;
  health(): Promise<Record<string, McpServerHealth>>;
  close(): Promise<void>;
}

// What the orchestrator holds that no MCP server needs: never hand these to a child process.
const orchestratorSecrets = [
  'GOOGLE_API_KEY',
  'GEMINI_API_KEY',
  'SRE_API_TOKEN',
  'DATABASE_URL',
  'SLACK_BOT_TOKEN',
  'SLACK_SIGNING_SECRET',
  'SRE_MCP_SERVERS',
  'SRE_METRICS_TOKEN',
  // May carry the collector's API key.
  'OTEL_EXPORTER_OTLP_HEADERS',
];

/**
 * Connects every server in parallel and resolves once each has either answered `tools/list` or failed;
 * a failed or crashed server is retried with backoff in the background while the others serve.
 */
export async function createMcpHub(options: McpHubOptions): Promise<McpHub> {
  const baseEnv = childEnv(options.env ?? process.env);
  const specs = options.servers ?? defaultServerSpecs();
  const connections = new Map<string, McpConnection>(
    specs.map((spec) => [
      spec.name,
      createMcpConnection({
        spec,
        logger: options.logger,
        baseEnv,
        clientInfo: options.clientInfo ?? { name: 'sre-agent', version: '0.1.0' },
        connectTimeoutMs: options.connectTimeoutMs ?? 15_000,
        callTimeoutMs: options.callTimeoutMs ?? 120_000,
        backoff: options.backoff ?? { initialMs: 500, maxMs: 30_000 },
        watchdog: options.watchdog ?? { intervalMs: 30_000, timeoutMs: 10_000, misses: 2 },
        ...(options.metrics ? { metrics: options.metrics } : {}),
      }),
    ]),
  );
  await Promise.all([...connections.values()].map((connection) => connection.start()));
  const tools = () => [...connections.values()].flatMap((connection) => connection.tools());
  const vouchers = createVoucherBook();
  return {
    tools,
    findTool: (name) => tools().find((tool) => tool.name === name),
    instructions: (server) => connections.get(server)?.instructions(),
    unavailableServers: () => [...connections.values()].filter((c) => !c.isUp()).map((c) => c.name),
    async callTool(name, args, callOptions) {
      const started = performance.now();
      const tool = tools().find((candidate) => candidate.name === name);
      const connection = tool ? connections.get(tool.server) : undefined;
      // A name the model made up is not a label: it would grow the metrics without bound.
      const count = (outcome: ToolCallOutcome, server = 'unknown', toolName = 'unknown') => {
        const seconds = (performance.now() - started) / 1000;
        options.metrics?.toolCall({ server, tool: toolName, outcome, seconds });
        // The invocation id ties this line to the turn's spans and to the server's own log and audit lines.
        options.logger.debug('tool call', {
          tool: name,
          outcome,
          ms: Math.round(seconds * 1000),
          ...(callOptions.invocationId ? { invocationId: callOptions.invocationId } : {}),
        });
      };
      if (!tool || !connection) {
        count('unknown_tool');
        return failedOutcome(unknownTool(name, tools()));
      }
      const { voucher, ...rest } = callOptions;
      // Checked here, on the same tool record the call uses: the runner sorted reads from writes by its
      // step's tool list, and a server that came back since then may serve a write under that name.
      if (tool.mutating) {
        const refusal = vouchers.redeem(voucher, name, args);
        if (refusal) {
          count('refused', tool.server, tool.toolName);
          return failedOutcome(`${name} changes state and was not run: ${refusal}.`);
        }
      }
      // A voucher rides only with the write it was given for; a read never answers a server's question.
      const outcome = await connection.call(tool.toolName, args, tool.mutating ? callOptions : rest);
      count(outcome.uncertain ? 'uncertain' : outcome.isError ? 'error' : 'ok', tool.server, tool.toolName);
      return outcome;
    },
    async health() {
      const entries = await Promise.all(
        [...connections.values()].map(
          async (connection) => [connection.name, await connection.health()] as const,
        ),
      );
      return Object.fromEntries(entries);
    },
    async close() {
      await Promise.all([...connections.values()].map((connection) => connection.close()));
    },
  };
}

function childEnv(env: Record<string, string | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) {
    if (value !== undefined && !orchestratorSecrets.includes(key)) out[key] = value;
  }
  return out;
}

function unknownTool(name: string, available: HubTool[]): string {
  const server = name.split('__')[0] ?? '';
  const sameServer = available.filter((tool) => tool.server === server).map((tool) => tool.name);
  const hint = sameServer.length > 0 ? ` Tools of ${server}: ${sameServer.join(', ')}.` : '';
  return `There is no tool named ${name} (its server may be down).${hint} Use only the declared tools.`;
}
