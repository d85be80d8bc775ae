import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import { outcomeMetaKey } from '../call-meta.js';

/** What an HTTP server exposes at /metrics; made only over HTTP, so stdio never loads prom-client. */
export interface ServerMetrics {
  /** Counts and times the tool calls that pass through a transport; call it once the server is connected. */
  watch(transport: Transport): void;
  render(): Promise<{ contentType: string; body: string }>;
}

export interface ServerMetricsOptions {
  server: string;
  /** Sessions open now, by transport (`streamable`, `sse`). */
  sessions(): Record<string, number>;
}

// Tool names come from clients: a label per arbitrary name would let one client grow the registry
// without bound. Names past the cap, or not shaped like a tool name, are counted as `other`.
const maxToolLabels = 200;
const toolName = /^[A-Za-z0-9_.-]{1,64}$/;

/**
 * `sre_mcp_tool_calls_total` and `sre_mcp_tool_call_duration_seconds` by server, tool and outcome (ok,
 * error, refused, timeout, cancelled, rpc_error), `sre_mcp_sessions`, and Node's process metrics. Observed
 * on the transport, so every tool of every server is counted the same way without touching its code.
 */
export async function createServerMetrics(options: ServerMetricsOptions): Promise<ServerMetrics> {
  // `.default` (module.exports): in the servers' split bundles a lazily imported CommonJS package is a
  // chunk whose only export is its default, so the named exports are undefined there.
  const prom = (await import('prom-client')).default;
  const registry = new prom.Registry();
  prom.collectDefaultMetrics({ register: registry, prefix: 'sre_mcp_' });
  const labelNames = ['server', 'tool', 'outcome'] as const;
  const calls = new prom.Counter({
    name: 'sre_mcp_tool_calls_total',
    help: 'MCP tool calls answered, by server, tool and outcome',
    labelNames,
    registers: [registry],
  });
  const seconds = new prom.Histogram({
    name: 'sre_mcp_tool_call_duration_seconds',
    help: 'Time from a tools/call request to its answer',
    labelNames,
    buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120],
    registers: [registry],
  });
  new prom.Gauge({
    name: 'sre_mcp_sessions',
    help: 'MCP sessions open, by transport (sessions pin a client to this replica)',
    labelNames: ['transport'],
    registers: [registry],
    collect() {
      for (const [transport, open] of Object.entries(options.sessions())) this.set({ transport }, open);
    },
  });
  const tools = new Set<string>();
  const label = (name: string) => {
    if (tools.has(name)) return name;
    if (!toolName.test(name) || tools.size >= maxToolLabels) return 'other';
    tools.add(name);
    return name;
  };
  const observe = (tool: string, outcome: string, startedAt: number) => {
    const labels = { server: options.server, tool: label(tool), outcome };
    calls.inc(labels);
    seconds.observe(labels, (performance.now() - startedAt) / 1000);
  };
  return {
    watch: (transport) => watchToolCalls(transport, observe),
    async render() {
      return { contentType: registry.contentType, body: await registry.metrics() };
    },
  };
}

type Observe = (tool: string, outcome: string, startedAt: number) => void;

function watchToolCalls(transport: Transport, observe: Observe): void {
  const open = new Map<string | number, { tool: string; startedAt: number }>();
  const receive = transport.onmessage;
  transport.onmessage = (message, extra) => {
    const request = message as { method?: string; id?: string | number; params?: Record<string, unknown> };
    if (request.method === 'tools/call' && request.id !== undefined) {
      open.set(request.id, { tool: String(request.params?.name ?? ''), startedAt: performance.now() });
    } else if (request.method === 'notifications/cancelled') {
      // A cancelled call gets no answer: count it now, or its entry would stay for the session's life.
      const id = request.params?.requestId as string | number | undefined;
      const call = id === undefined ? undefined : open.get(id);
      if (call && id !== undefined) {
        open.delete(id);
        observe(call.tool, 'cancelled', call.startedAt);
      }
    }
    receive?.(message, extra);
  };
  const send = transport.send.bind(transport);
  transport.send = (message, sendOptions) => {
    const id = (message as { id?: string | number }).id;
    const call = id === undefined ? undefined : open.get(id);
    if (call && id !== undefined && !('method' in message)) {
      open.delete(id);
      observe(call.tool, outcomeOf(message), call.startedAt);
    }
    return send(message, sendOptions);
  };
}

function outcomeOf(message: JSONRPCMessage): string {
  if ('error' in message) return 'rpc_error';
  const result = (message as { result?: { isError?: unknown; _meta?: Record<string, unknown> } }).result;
  const marked = result?._meta?.[outcomeMetaKey];
  if (typeof marked === 'string') return marked;
  return result?.isError === true ? 'error' : 'ok';
}
