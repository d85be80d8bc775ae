import { fileURLToPath } from 'node:url';
import {
  createLogger,
  createMcpServer,
  defineTool,
  parseServerConfig,
  type ToolDefinition,
} from '@sre-agent/shared';
import { startHttpServer } from '@sre-agent/shared/http';
import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Metrics } from '../telemetry/metrics.js';
import { createMcpHub } from './mcp-hub.js';

// The orchestrator's side of the ids and counts that tie a turn together: the invocation id rides in
// each call's _meta to a real server (shared HTTP bootstrap) and lands in its logs and audit rows; the
// hub counts calls by server, tool and outcome, and restarts.

const serverLogs: string[] = [];
const auditLines: string[] = [];
const scale = defineTool({
  name: 'scale_thing',
  description: 'Scales after asking',
  input: { replicas: z.number().int().describe('replicas') },
  annotations: {
    title: 'Scale',
    readOnlyHint: false,
    destructiveHint: true,
    idempotentHint: true,
    openWorldHint: false,
  },
  async handler({ replicas }, context) {
    context.logger.info('scaling');
    const answer = await context.confirm(`scale to ${replicas}`);
    context.audit({
      target: 'thing',
      arguments: { replicas },
      outcome: answer === 'confirmed' ? 'applied' : 'declined',
    });
    return { text: `scaled to ${replicas}` };
  },
});

function recordingMetrics() {
  const calls: Parameters<Metrics['toolCall']>[0][] = [];
  const restarts: string[] = [];
  const metrics: Pick<Metrics, 'toolCall' | 'serverRestart'> = {
    toolCall: (call) => void calls.push(call),
    serverRestart: (server, reason) => void restarts.push(`${server} ${reason}`),
  };
  return { metrics, calls, restarts };
}

const config = parseServerConfig({ SRE_ALLOW_WRITES: 'true', LOG_LEVEL: 'info' });
const serverLogger = createLogger({ name: 'remote', write: (line) => void serverLogs.push(line) });
const http = await startHttpServer({
  createServer: () =>
    createMcpServer({
      name: 'remote',
      version: '1',
      instructions: '',
      tools: [scale as unknown as ToolDefinition],
      config,
      logger: serverLogger,
      writeAudit: (line) => void auditLines.push(line),
    }),
  host: '127.0.0.1',
  port: 0,
  token: undefined,
  allowedHosts: [],
  allowedOrigins: [],
  logger: serverLogger,
  identity: { name: 'remote', version: '1' },
});
afterAll(() => http.close());

const logger = createLogger({ name: 'test', level: 'error', write: () => undefined });

describe('hub telemetry', () => {
  it("sends the turn's invocation id to the server, which logs and audits under it; counts each call", async () => {
    const { metrics, calls } = recordingMetrics();
    const hub = await createMcpHub({
      servers: [{ name: 'remote', url: `${http.url}/mcp` }],
      logger,
      metrics,
    });
    try {
      const args = { replicas: 3 };
      const voucher = { callId: 'c-1', tool: 'remote__scale_thing', args };
      const done = await hub.callTool('remote__scale_thing', args, { voucher, invocationId: 'e-turn-7' });
      expect(done).toMatchObject({ isError: false, text: 'scaled to 3' });
      const audit = JSON.parse(auditLines.at(-1) ?? '{}').audit;
      expect(audit).toMatchObject({ tool: 'scale_thing', outcome: 'applied', invocationId: 'e-turn-7' });
      const scaling = serverLogs.map((line) => JSON.parse(line)).find((line) => line.msg === 'scaling');
      expect(scaling).toMatchObject({ tool: 'scale_thing', invocationId: 'e-turn-7' });
      // Without the human's voucher the hub refuses the write itself; a made-up name is not a label.
      await hub.callTool('remote__scale_thing', args, { invocationId: 'e-turn-7' });
      await hub.callTool('remote__no_such_tool', {}, {});
      expect(calls.map(({ server, tool, outcome }) => `${server} ${tool} ${outcome}`)).toEqual([
        'remote scale_thing ok',
        'remote scale_thing refused',
        'unknown unknown unknown_tool',
      ]);
      expect(calls.every((call) => call.seconds >= 0 && call.seconds < 10)).toBe(true);
    } finally {
      await hub.close();
    }
  });

  it('counts a crashed server restart', async () => {
    const { metrics, restarts } = recordingMetrics();
    const stub = fileURLToPath(new URL('./fixtures/stub-mcp-server.mjs', import.meta.url));
    const hub = await createMcpHub({
      servers: [{ name: 'stub', command: process.execPath, args: [stub], env: {} }],
      logger,
      metrics,
      backoff: { initialMs: 50, maxMs: 200 },
    });
    try {
      await hub.callTool('stub__crash', {}, {});
      const until = Date.now() + 5_000;
      while (restarts.length === 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
      expect(restarts).toEqual(['stub crashed']);
    } finally {
      await hub.close();
    }
  });
});
