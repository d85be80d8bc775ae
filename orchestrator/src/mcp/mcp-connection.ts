import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { ElicitRequestSchema, type Tool } from '@modelcontextprotocol/sdk/types.js';
import { invocationIdMetaKey, type Logger, truncateCodePoints } from '@sre-agent/shared';
import type { JsonObject, McpServerHealth } from '../adk/types.js';
import type { Metrics } from '../telemetry/metrics.js';
import { type CallGate, createCallGate } from './call-gate.js';
import { answerElicitation } from './elicitation.js';
import type { McpServerSpec } from './mcp-server-spec.js';
import { connectClient, type TransportContext } from './mcp-transport.js';
import { failedOutcome, outcomeFromResult, type ToolOutcome } from './tool-outcome.js';
import { readUpstream } from './upstream-health.js';
import type { WriteVoucher } from './write-voucher.js';

/** A server's tool as the model sees it. */
export interface HubTool {
  /** `<server>__<tool>`. */
  name: string;
  server: string;
  /** The name the server knows it by. */
  toolName: string;
  description: string;
  inputSchema: Record<string, unknown>;
  /** Annotated destructive or not read-only: needs a human's confirmation first. */
  mutating: boolean;
  /** A mutating tool that may destroy or lose something (MCP's default when unannotated). */
  destructive: boolean;
}

export interface CallOptions {
  /**
   * A human confirmed this very call (id, tool, arguments). The hub lets a mutating call through only
   * with it and spends it; the connection answers the server's own confirmation question for it, once.
   */
  voucher?: WriteVoucher;
  signal?: AbortSignal;
  /** The turn making the call, sent in `_meta` so the server's log lines and audit rows carry it. */
  invocationId?: string;
}

export interface McpConnection {
  readonly name: string;
  /** First connection attempt; resolves whether or not it succeeded. */
  start(): Promise<void>;
  tools(): HubTool[];
  /** What the server said about its tools at initialize (its `instructions`), while it is up. */
  instructions(): string | undefined;
  /** Connected and listed; false while starting, failed or restarting. */
  isUp(): boolean;
  call(toolName: string, args: JsonObject, options: CallOptions): Promise<ToolOutcome>;
  health(): Promise<McpServerHealth>;
  close(): Promise<void>;
}

export interface ConnectionOptions {
  spec: McpServerSpec;
  logger: Logger;
  baseEnv: Record<string, string>;
  clientInfo: { name: string; version: string };
  connectTimeoutMs: number;
  callTimeoutMs: number;
  backoff: { initialMs: number; maxMs: number };
  /**
   * How often a connected server is pinged, and how long it has to answer. A server that misses
   * `watchdog.misses` pings in a row is hung (alive but deaf: a deadlock, a spin) and is restarted.
   */
  watchdog: { intervalMs: number; timeoutMs: number; misses: number };
  metrics?: Pick<Metrics, 'serverRestart'>;
}

// A connection that stayed up this long was healthy; its next failure starts the backoff afresh.
const stableAfterMs = 60_000;
const pingTimeoutMs = 3_000;

interface State {
  options: ConnectionOptions;
  log: Logger;
  client: Client | undefined;
  tools: HubTool[];
  closed: boolean;
  lastError: string | undefined;
  loggedError: string | undefined;
  delay: number;
  timer: NodeJS.Timeout | undefined;
  connectedAt: number;
  /** Confirmed writes run alone on the connection, so a server's question can only be theirs. */
  gate: CallGate;
  /**
   * The confirmed call running now, if any. It can answer one elicitation: one human yes is one server
   * yes, never a blanket approval for whatever else the server asks.
   */
  vouchedCall: { voucher: WriteVoucher; asked: boolean } | undefined;
  stderrTail: string[];
  /** Pings in a row the current connection left unanswered. */
  missedPings: number;
  watchdog: NodeJS.Timeout | undefined;
}

export function createMcpConnection(options: ConnectionOptions): McpConnection {
  const state: State = {
    options,
    log: options.logger.child({ server: options.spec.name }),
    client: undefined,
    tools: [],
    closed: false,
    lastError: 'starting',
    loggedError: undefined,
    delay: options.backoff.initialMs,
    timer: undefined,
    connectedAt: 0,
    gate: createCallGate(),
    vouchedCall: undefined,
    stderrTail: [],
    missedPings: 0,
    watchdog: undefined,
  };
  return {
    name: options.spec.name,
    start: () => connect(state),
    tools: () => state.tools,
    instructions: () => state.client?.getInstructions(),
    isUp: () => state.client !== undefined,
    call: (toolName, args, callOptions) => callTool(state, toolName, args, callOptions),
    health: () => health(state),
    async close() {
      state.closed = true;
      clearTimeout(state.timer);
      clearInterval(state.watchdog);
      const current = state.client;
      state.client = undefined;
      await current?.close().catch(() => undefined);
    },
  };
}

function newClient(state: State): Client {
  const client = new Client(state.options.clientInfo, {
    capabilities: { elicitation: { form: {} } },
    listChanged: {
      tools: {
        onChanged: (error, list) => {
          if (!error && list && state.client === client) state.tools = toHubTools(state, list);
        },
      },
    },
  });
  client.setRequestHandler(ElicitRequestSchema, async (request) => {
    const running = state.vouchedCall;
    const owns = running !== undefined && !running.asked && state.client === client;
    if (running) running.asked = true;
    const answer = answerElicitation(request, owns);
    state.log.info('answered elicitation', {
      action: answer.action,
      forCall: owns ? running?.voucher.callId : undefined,
      message: request.params.message,
    });
    return answer;
  });
  return client;
}

async function connect(state: State): Promise<void> {
  const { options } = state;
  state.stderrTail.length = 0;
  let attempt: Client | undefined;
  try {
    attempt = await connectClient(options.spec, () => newClient(state), transportContext(state));
    const listed = await listAllTools(attempt, options.connectTimeoutMs);
    if (state.closed) return void (await attempt.close());
    const connected = attempt;
    state.client = connected;
    state.tools = toHubTools(state, listed);
    state.lastError = undefined;
    state.loggedError = undefined;
    state.connectedAt = Date.now();
    connected.onclose = () => onDown(state, connected);
    watch(state, connected);
    state.log.info('mcp server ready', { tools: state.tools.length });
  } catch (error) {
    await attempt?.close().catch(() => undefined);
    state.lastError = `${messageOf(error)}${describeTail(state.stderrTail)}`;
    scheduleRestart(state);
  }
}

function transportContext(state: State): TransportContext {
  return {
    logger: state.log,
    baseEnv: state.options.baseEnv,
    connectTimeoutMs: state.options.connectTimeoutMs,
    onStderrLine: (line) => {
      state.stderrTail.push(line);
      if (state.stderrTail.length > 5) state.stderrTail.shift();
      state.log.debug('server stderr', { line });
    },
  };
}

// A crash closes the transport and onDown restarts the server; a server that hangs without exiting never
// does, and every call to it would wait out its timeout. Pings tell the two apart from a slow tool call
// (a server keeps answering pings while a call of its runs).
function watch(state: State, client: Client): void {
  clearInterval(state.watchdog);
  state.missedPings = 0;
  const { intervalMs, timeoutMs, misses } = state.options.watchdog;
  let pinging = false;
  state.watchdog = setInterval(() => {
    if (pinging || state.client !== client) return;
    pinging = true;
    client
      .ping({ timeout: timeoutMs })
      .then(() => {
        state.missedPings = 0;
      })
      .catch(() => {
        if (state.client !== client || ++state.missedPings < misses) return;
        state.log.warn('mcp server not answering pings, restarting it', {
          missed: state.missedPings,
          timeoutMs,
        });
        state.lastError = `hung: ${state.missedPings} pings unanswered within ${timeoutMs} ms; restarted`;
        onDown(state, client, state.lastError);
        // Closing the transport ends the child process (SIGTERM, then SIGKILL), freeing what it held.
        void client.close().catch(() => undefined);
      })
      .finally(() => {
        pinging = false;
      });
  }, intervalMs);
  state.watchdog.unref();
}

function onDown(state: State, which: Client, reason?: string): void {
  if (which !== state.client || state.closed) return;
  state.options.metrics?.serverRestart(state.options.spec.name, reason ? 'hung' : 'crashed');
  clearInterval(state.watchdog);
  state.client = undefined;
  state.tools = [];
  state.lastError = reason ?? `connection closed${describeTail(state.stderrTail)}`;
  if (Date.now() - state.connectedAt > stableAfterMs) state.delay = state.options.backoff.initialMs;
  scheduleRestart(state);
}

function scheduleRestart(state: State): void {
  if (state.closed || state.timer) return;
  // A server that stays broken fails the same way every retry: say it once, then only at debug level.
  const repeated = state.lastError === state.loggedError;
  state.loggedError = state.lastError;
  state.log[repeated ? 'debug' : 'warn']('mcp server down, restarting', {
    error: state.lastError,
    inMs: state.delay,
  });
  state.timer = setTimeout(() => {
    state.timer = undefined;
    void connect(state);
  }, state.delay);
  state.timer.unref();
  state.delay = Math.min(state.delay * 2, state.options.backoff.maxMs);
}

async function callTool(
  state: State,
  toolName: string,
  args: JsonObject,
  options: CallOptions,
): Promise<ToolOutcome> {
  const { voucher } = options;
  return state.gate.run(voucher !== undefined, async () => {
    const { client, options: connection } = state;
    const server = connection.spec.name;
    if (!client) {
      return failedOutcome(
        `The ${server} MCP server is unavailable (${state.lastError}); its tools cannot be used right now. ` +
          'Answer with what you have, or ask the user to retry shortly.',
      );
    }
    if (voucher) state.vouchedCall = { voucher, asked: false };
    try {
      // On timeout or abort the SDK also sends notifications/cancelled, so the server stops waiting too.
      const meta = options.invocationId ? { _meta: { [invocationIdMetaKey]: options.invocationId } } : {};
      const result = await client.callTool({ name: toolName, arguments: args, ...meta }, undefined, {
        timeout: connection.callTimeoutMs,
        ...(options.signal ? { signal: options.signal } : {}),
      });
      return outcomeFromResult(result);
    } catch (error) {
      if (voucher) return uncertainOutcome(toolName, server, error);
      return failedOutcome(`Calling ${toolName} on the ${server} server failed: ${messageOf(error)}.`);
    } finally {
      if (voucher) state.vouchedCall = undefined;
    }
  });
}

/** A write sent but not answered (timeout, lost connection): it may have been applied or not. */
function uncertainOutcome(toolName: string, server: string, error: unknown): ToolOutcome {
  return {
    isError: true,
    uncertain: true,
    text:
      `Calling ${toolName} on the ${server} server got no answer (${messageOf(error)}); the request was ` +
      'cancelled, but the change may or may not have been applied. Read the current state before retrying.',
  };
}

async function health(state: State): Promise<McpServerHealth> {
  const client = state.client;
  if (!client) return { ok: false, tools: 0, error: state.lastError ?? 'not connected' };
  try {
    const [, upstream] = await Promise.all([
      client.ping({ timeout: pingTimeoutMs }),
      readUpstream(client, pingTimeoutMs),
    ]);
    return { ok: true, tools: state.tools.length, ...(upstream ? { upstream } : {}) };
  } catch (error) {
    return { ok: false, tools: state.tools.length, error: `ping failed: ${messageOf(error)}` };
  }
}

async function listAllTools(client: Client, timeoutMs: number): Promise<Tool[]> {
  const all: Tool[] = [];
  let cursor: string | undefined;
  do {
    const page = await client.listTools(cursor ? { cursor } : {}, { timeout: timeoutMs });
    all.push(...page.tools);
    cursor = page.nextCursor;
  } while (cursor);
  return all;
}

// Gemini's rule for function names. One declaration breaking it fails every request of every turn, so a
// tool whose exposed name would break it (any MCP server may be configured) is left out, not sent.
const geminiFunctionName = /^[a-zA-Z_][a-zA-Z0-9_.:-]{0,63}$/;

function toHubTools(state: State, listed: Tool[]): HubTool[] {
  const server = state.options.spec.name;
  const tools = listed.filter((tool) => geminiFunctionName.test(`${server}__${tool.name}`));
  if (tools.length < listed.length) {
    const skipped = listed.filter((tool) => !tools.includes(tool)).map((tool) => tool.name);
    state.log.warn('tools left out: their names are not valid Gemini function names', {
      tools: skipped,
      rule: 'letters, digits, _ . : -; at most 64 characters with the server prefix',
    });
  }
  return tools.map((tool) => ({
    name: `${server}__${tool.name}`,
    server,
    toolName: tool.name,
    description: tool.description ?? tool.annotations?.title ?? tool.name,
    inputSchema: tool.inputSchema as Record<string, unknown>,
    // MCP's defaults: readOnlyHint false, destructiveHint true. An unannotated tool is treated as a write.
    mutating: tool.annotations?.readOnlyHint !== true || tool.annotations?.destructiveHint === true,
    destructive: tool.annotations?.destructiveHint !== false && tool.annotations?.readOnlyHint !== true,
  }));
}

// The last stderr line usually says why a server died ("Invalid configuration: ...").
function describeTail(tail: string[]): string {
  const last = tail.at(-1);
  if (!last) return '';
  try {
    const parsed = JSON.parse(last) as { msg?: string; error?: unknown };
    return `: ${parsed.msg ?? last}${parsed.error ? ` (${JSON.stringify(parsed.error)})` : ''}`;
  } catch {
    return `: ${truncateCodePoints(last, 300)}`;
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
