import type { Metrics } from './metrics.js';

export interface PrometheusMetrics extends Metrics {
  render(): Promise<{ contentType: string; body: string }>;
}

const callBuckets = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120];
const turnBuckets = [0.5, 1, 2.5, 5, 10, 20, 30, 60, 120, 300];

/** The orchestrator's metrics in a prom-client registry of its own, plus Node's process metrics. */
export async function createPrometheusMetrics(): Promise<PrometheusMetrics> {
  const prom = await import('prom-client');
  const registry = new prom.Registry();
  const registers = [registry];
  prom.collectDefaultMetrics({ register: registry, prefix: 'sre_agent_' });
  const counter = (name: string, help: string, labelNames: string[]) =>
    new prom.Counter({ name, help, labelNames, registers });
  const histogram = (name: string, help: string, labelNames: string[], buckets: number[]) =>
    new prom.Histogram({ name, help, labelNames, buckets, registers });
  const toolLabels = ['server', 'tool', 'outcome'];
  const toolCalls = counter(
    'sre_agent_tool_calls_total',
    'MCP tool calls by server, tool and outcome',
    toolLabels,
  );
  const toolSeconds = histogram(
    'sre_agent_tool_call_duration_seconds',
    'MCP tool call latency',
    toolLabels,
    callBuckets,
  );
  const modelLabels = ['provider', 'model', 'outcome'];
  const modelCalls = counter(
    'sre_agent_model_calls_total',
    'Model calls by provider, model and outcome',
    modelLabels,
  );
  const modelSeconds = histogram(
    'sre_agent_model_call_duration_seconds',
    'Model call latency',
    modelLabels,
    callBuckets,
  );
  const tokens = counter(
    'sre_agent_model_tokens_total',
    'Tokens by provider, model and kind (input, output, thoughts)',
    ['provider', 'model', 'kind'],
  );
  const turns = counter('sre_agent_turns_total', 'Turns (runs) by outcome', ['outcome']);
  const turnSeconds = histogram('sre_agent_turn_duration_seconds', 'Turn duration', ['outcome'], turnBuckets);
  const confirmations = counter(
    'sre_agent_confirmations_total',
    'Write confirmations asked, approved and refused',
    ['event'],
  );
  const restarts = counter(
    'sre_agent_mcp_server_restarts_total',
    'MCP servers restarted after a crash or hang',
    ['server', 'reason'],
  );
  const storeErrors = counter('sre_agent_store_errors_total', 'Session store calls that failed (not a 4xx)', [
    'operation',
  ]);
  return {
    toolCall({ server, tool, outcome, seconds }) {
      toolCalls.inc({ server, tool, outcome });
      toolSeconds.observe({ server, tool, outcome }, seconds);
    },
    modelCall({ provider, model, ok, seconds, usage }) {
      const outcome = ok ? 'ok' : 'error';
      modelCalls.inc({ provider, model, outcome });
      modelSeconds.observe({ provider, model, outcome }, seconds);
      const counts = {
        input: usage?.promptTokenCount,
        output: usage?.candidatesTokenCount,
        thoughts: usage?.thoughtsTokenCount,
      };
      for (const [kind, count] of Object.entries(counts)) {
        if (typeof count === 'number' && count > 0) tokens.inc({ provider, model, kind }, count);
      }
    },
    turn(outcome, seconds) {
      turns.inc({ outcome });
      turnSeconds.observe({ outcome }, seconds);
    },
    confirmation(event, count = 1) {
      if (count > 0) confirmations.inc({ event }, count);
    },
    serverRestart(server, reason) {
      restarts.inc({ server, reason });
    },
    storeError(operation) {
      storeErrors.inc({ operation });
    },
    async render() {
      return { contentType: registry.contentType, body: await registry.metrics() };
    },
  };
}
