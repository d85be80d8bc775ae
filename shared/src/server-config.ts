import { z } from 'zod';
import { envBoolean, envInteger, parseEnv } from './env.js';
import type { LogLevel } from './logger.js';

/** Settings every MCP server shares: output budget, write gate, HTTP token, logging. */
export interface ServerConfig {
  logLevel: LogLevel;
  /** Bytes of text a single tool result may carry before it is summarised or cut. */
  outputBudgetBytes: number;
  /** Mutating tools are not even listed unless this is true. */
  allowWrites: boolean;
  /** When false, writes proceed without a human confirmation (operator opt-out). */
  confirmWrites: boolean;
  /** Every tool call gives up after this long, so a hung API never hangs the client. */
  toolTimeoutMs: number;
  /** Bearer token required on the HTTP transport when set. */
  httpToken: string | undefined;
  /** MCP sessions the HTTP transport keeps at once; each holds a whole MCP server in memory. */
  maxSessions: number;
  /** Streamable HTTP without sessions: any replica answers any request; no elicitation, so no confirmed writes. */
  stateless: boolean;
  /** Bearer token that reaches /metrics only (a scraper need not hold the tool token); over HTTP only. */
  metricsToken: string | undefined;
}

export const serverEnvSchema = z.object({
  LOG_LEVEL: z
    .enum(['debug', 'info', 'warn', 'error'])
    .default('info')
    .describe('Lowest level written to stderr'),
  SRE_OUTPUT_BUDGET: envInteger(16_384, { min: 1_024, max: 1_048_576 }).describe(
    'Bytes of text one tool result may return',
  ),
  SRE_ALLOW_WRITES: envBoolean(false).describe('Offer mutating tools (those not annotated read-only)'),
  SRE_CONFIRM_WRITES: envBoolean(true).describe('Require a human confirmation for each write'),
  SRE_TOOL_TIMEOUT_MS: envInteger(30_000, { min: 1_000, max: 600_000 }).describe(
    'Time limit of one tool call',
  ),
  SRE_MCP_TOKEN: z.string().min(16, 'use at least 16 characters').optional().describe('HTTP bearer token'),
  SRE_MCP_MAX_SESSIONS: envInteger(256, { min: 1, max: 100_000 }).describe(
    'MCP sessions open at once over HTTP; past it the least recently used idle one is closed, and 503 when all are busy',
  ),
  SRE_MCP_STATELESS: envBoolean(false).describe(
    'Streamable HTTP without sessions, for replicas behind a Service without sticky sessions; write tools needing a confirmation are not offered',
  ),
  SRE_METRICS_TOKEN: z
    .string()
    .min(16, 'use at least 16 characters')
    .optional()
    .describe('Bearer token accepted at /metrics besides SRE_MCP_TOKEN, for a Prometheus scraper'),
});

export function parseServerConfig(env: Record<string, string | undefined> = process.env): ServerConfig {
  const parsed = parseEnv(serverEnvSchema, env);
  return {
    logLevel: parsed.LOG_LEVEL,
    outputBudgetBytes: parsed.SRE_OUTPUT_BUDGET,
    allowWrites: parsed.SRE_ALLOW_WRITES,
    confirmWrites: parsed.SRE_CONFIRM_WRITES,
    toolTimeoutMs: parsed.SRE_TOOL_TIMEOUT_MS,
    httpToken: parsed.SRE_MCP_TOKEN,
    maxSessions: parsed.SRE_MCP_MAX_SESSIONS,
    stateless: parsed.SRE_MCP_STATELESS,
    metricsToken: parsed.SRE_METRICS_TOKEN,
  };
}
