import { resolve } from 'node:path';
import { envBoolean, envInteger, envList, type LogLevel, parseEnv } from '@sre-agent/shared';
import { z } from 'zod';
import { optionalText } from './env-fields.js';
import { type ModelSettings, modelEnvShape, modelSettings } from './model/model-config.js';
import { type AgentMode, agentModes } from './runner/agent-tree.js';
import { defaultHistoryMaxChars } from './runner/history-budget.js';
import type { SlackConfig } from './slack/index.js';
import type { DatabaseTarget } from './store/open-database.js';
import {
  type TelemetrySettings,
  telemetryEnvShape,
  telemetrySettings,
} from './telemetry/telemetry-config.js';

// The orchestrator's whole environment, parsed once at start-up; every problem is listed at once.

/** An MCP server to connect to: a child process over stdio, or a Streamable HTTP (or legacy SSE) URL. */
export type McpServerConfig =
  | { name: string; command: string; args: string[]; env: Record<string, string> }
  | { name: string; url: string; token?: string };

export interface OrchestratorConfig {
  port: number;
  host: string;
  database: DatabaseTarget;
  /** Bearer token clients must present; unset means no authentication (local use only). */
  apiToken: string | undefined;
  corsOrigins: string[];
  /** Host header values accepted besides this machine's loopback names (DNS-rebinding guard). */
  allowedHosts: string[];
  googleApiKey: string | undefined;
  geminiModel: string;
  geminiBaseUrl: string | undefined;
  /** Per Gemini request; a hung model ends the turn with TIMEOUT instead of holding the session. */
  geminiTimeoutMs: number;
  /** The model every run talks to (`SRE_MODEL`), with each vendor's key and endpoint. */
  model: ModelSettings;
  /** /metrics token and the OTLP trace export. */
  telemetry: TelemetrySettings;
  /** Unset means: spawn the three workspace servers over stdio. */
  mcpServers: McpServerConfig[] | undefined;
  maxSteps: number;
  /** Sub-agents per MCP server under a routing root (`delegate`), or one agent with every tool (`single`). */
  agentMode: AgentMode;
  toolResultMaxChars: number;
  historyMaxChars: number;
  logLevel: LogLevel;
  /** The Slack bot at POST /slack/events; off unless both its token and signing secret are set. */
  slack: SlackConfig | undefined;
  /** Other app names clients may use for ours (the seed's `agent_root` always is one). */
  appAliases: string[];
  /** Serve Google's ADK dev UI at /dev-ui/ (`SRE_DEV_UI`). */
  devUi: boolean;
}

// Slack emoji names: lower-case letters, digits, _ + - and ', sent without the colons people type.
const emojiName = (fallback: string, emptyMeansNone = false) =>
  z
    .string()
    .optional()
    .transform((value) => {
      const name = (value ?? '').trim().replace(/^:(.*):$/, '$1');
      return value === undefined || (name === '' && !emptyMeansNone) ? fallback : name;
    })
    .refine((value) => (emptyMeansNone && value === '') || /^[a-z0-9_+'-]{1,100}$/.test(value), {
      message: "an emoji name such as eyes or :eyes: (lower-case letters, digits, _ + - ')",
    });

// Tools reach the model as `<name>__<tool>`: a name holding "__" (or ending in "_", which makes "___")
// would leave it unclear where the server's name ends and the tool's begins.
const serverName = z
  .string()
  .regex(/^[a-z][a-z0-9_-]{0,31}$/i, 'letters, digits, _ and - (tools are exposed as <name>__<tool>)')
  .refine(
    (name) => !name.includes('__') && !name.endsWith('_'),
    'must not contain "__" or end in "_": tools are exposed as <name>__<tool>, so the split would be ambiguous',
  )
  .describe('Server name, the prefix of its tools');
const stdioServerSchema = z.strictObject({
  name: serverName,
  command: z.string().min(1).describe('Executable to spawn, speaking MCP over stdio'),
  args: z.array(z.string()).default([]).describe('Arguments'),
  env: z.record(z.string(), z.string()).default({}).describe('Extra environment for the child'),
});
const httpServerSchema = z.strictObject({
  name: serverName,
  url: z.url().describe('Streamable HTTP endpoint (SSE is tried when it fails)'),
  token: z.string().optional().describe('Bearer token for that server'),
});
// Picked by key rather than z.union, whose failure reads only "Invalid input".
const mcpServerSchema = z.unknown().transform((value, ctx): McpServerConfig => {
  const isHttp = typeof value === 'object' && value !== null && 'url' in value;
  const result = (isHttp ? httpServerSchema : stdioServerSchema).safeParse(value);
  if (result.success) return result.data;
  for (const issue of result.error.issues) {
    ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message });
  }
  return z.NEVER;
});
const mcpServersSchema = z
  .array(mcpServerSchema)
  .refine(
    (list) => new Set(list.map((server) => server.name)).size === list.length,
    'server names must be unique',
  );

export const configEnvSchema = z
  .object({
    PORT: envInteger(8000, { min: 0, max: 65_535 }).describe('HTTP port of the API'),
    HOST: z.string().default('127.0.0.1').describe('Interface to bind; 0.0.0.0 to serve beyond this machine'),
    DATABASE_URL: optionalText()
      .refine(
        (url) => url === undefined || url === 'memory:' || /^postgres(ql)?:\/\//.test(url),
        'expected postgres://..., postgresql://..., memory: or unset',
      )
      .describe(
        'postgres://user:pass@host/db for PostgreSQL; unset for embedded PGlite in ./data/pglite; memory: for an in-memory PGlite',
      ),
    SRE_API_TOKEN: optionalText()
      .refine((token) => token === undefined || token.length >= 16, 'use at least 16 characters')
      .describe('Bearer token required on every route but /health and /version'),
    SRE_CORS_ORIGINS: envList()
      .refine(
        (origins) => origins.every(isOrigin),
        'a comma-separated list of origins like https://ops.example.com',
      )
      .describe('Browser origins allowed to call the API; CORS is off when unset'),
    SRE_ALLOWED_HOSTS: envList()
      .refine(
        (hosts) => hosts.every(isHostEntry),
        'a comma-separated list of host names the API is reached by, like sre.example.com or sre.example.com:8443',
      )
      .transform((hosts) => hosts.map((host) => host.toLowerCase()))
      .describe(
        "Host names (optionally :port) the API answers to besides localhost, 127.0.0.1 and [::1]; any other Host header gets 403 (DNS-rebinding guard). List the public name when a reverse proxy passes the client's Host",
      ),
    SRE_APP_ALIASES: envList()
      .refine(
        (names) => names.every((name) => /^[A-Za-z0-9_.-]+$/.test(name)),
        'a comma-separated list of app names',
      )
      .describe(
        "App names that reach this orchestrator's one app (sre_agent) besides the seed's agent_root, for clients configured with another name",
      ),
    SRE_DEV_UI: envBoolean(false).describe(
      "Serve Google's ADK dev UI (from @google/adk-devtools, fetched at build time) at /dev-ui/; for local debugging, it sends no API token",
    ),
    GOOGLE_API_KEY: optionalText().describe('Gemini API key'),
    GEMINI_MODEL: z.string().min(1).default('gemini-flash-latest').describe('Gemini model name'),
    GOOGLE_GEMINI_BASE_URL: optionalText()
      .refine((url) => url === undefined || z.url().safeParse(url).success, 'must be a URL')
      .describe('Gemini API base URL (tests point it at a local fake)'),
    GEMINI_TIMEOUT_MS: envInteger(60_000, { min: 1_000, max: 600_000 }).describe(
      'Milliseconds to wait for one Gemini request before the turn ends with TIMEOUT',
    ),
    ...modelEnvShape,
    ...telemetryEnvShape,
    SRE_MCP_SERVERS: optionalText()
      .transform(parseMcpServers)
      .describe(
        'JSON list of {name, command, args, env} or {name, url, token}; default: the three bundled servers',
      ),
    SRE_MAX_STEPS: envInteger(12, { min: 1, max: 100 }).describe('Model calls per turn before the run stops'),
    SRE_AGENT_MODE: z
      .enum(agentModes)
      .default('delegate')
      .describe(
        "delegate: a root agent (sre_agent) hands each question to a specialist per MCP server (kubernetes_agent, aws_cost_agent, aws_core_agent) that sees only its server's tools; single: one agent with every tool, for models that route badly",
      ),
    SRE_TOOL_RESULT_MAX_CHARS: envInteger(20_000, { min: 500, max: 1_000_000 }).describe(
      'Characters of one tool result fed back to the model',
    ),
    SRE_HISTORY_MAX_CHARS: envInteger(defaultHistoryMaxChars, { min: 10_000, max: 4_000_000 }).describe(
      'Characters of conversation history (serialized JSON) sent with each model call; older turns beyond it are left out',
    ),
    LOG_LEVEL: z
      .enum(['debug', 'info', 'warn', 'error'])
      .default('info')
      .describe('Lowest level logged to stderr'),
    SLACK_BOT_TOKEN: optionalText().describe(
      'Slack bot token (xoxb-...) for chat.postMessage; with SLACK_SIGNING_SECRET it turns on the bot at POST /slack/events',
    ),
    SLACK_SIGNING_SECRET: optionalText().describe(
      "Slack app's signing secret; requests to /slack/events must carry a valid signature made with it",
    ),
    SLACK_API_BASE_URL: z
      .url()
      .default('https://slack.com/api')
      .describe('Slack Web API base URL (tests point it at a local fake)'),
    SLACK_REACTION_TRIGGER: emojiName('eyes').describe(
      'Emoji name (with or without colons) whose reaction on a message asks the Slack bot to look at it in its thread',
    ),
    SLACK_WORKING_REACTION: emojiName('hourglass_flowing_sand', true).describe(
      'Emoji the Slack bot puts on the message it is answering while the turn runs, removed when done; empty for none',
    ),
  })
  // Half a Slack setup would silently leave the bot off; say so at start-up instead.
  .superRefine((env, ctx) => {
    if ((env.SLACK_BOT_TOKEN === undefined) !== (env.SLACK_SIGNING_SECRET === undefined)) {
      const missing = env.SLACK_BOT_TOKEN === undefined ? 'SLACK_BOT_TOKEN' : 'SLACK_SIGNING_SECRET';
      ctx.addIssue({ code: 'custom', path: [missing], message: 'set both Slack variables, or neither' });
    }
  });

export function parseConfig(
  env: Record<string, string | undefined> = process.env,
  cwd: string = process.cwd(),
): OrchestratorConfig {
  const parsed = parseEnv(configEnvSchema, env);
  return {
    port: parsed.PORT,
    host: parsed.HOST,
    database: databaseTarget(parsed.DATABASE_URL, cwd),
    apiToken: parsed.SRE_API_TOKEN,
    corsOrigins: parsed.SRE_CORS_ORIGINS,
    allowedHosts: parsed.SRE_ALLOWED_HOSTS,
    googleApiKey: parsed.GOOGLE_API_KEY,
    geminiModel: parsed.GEMINI_MODEL,
    geminiBaseUrl: parsed.GOOGLE_GEMINI_BASE_URL,
    geminiTimeoutMs: parsed.GEMINI_TIMEOUT_MS,
    telemetry: telemetrySettings(parsed),
    model: modelSettings(parsed, {
      model: parsed.GEMINI_MODEL,
      apiKey: parsed.GOOGLE_API_KEY,
      baseUrl: parsed.GOOGLE_GEMINI_BASE_URL,
      timeoutMs: parsed.GEMINI_TIMEOUT_MS,
    }),
    mcpServers: parsed.SRE_MCP_SERVERS,
    maxSteps: parsed.SRE_MAX_STEPS,
    agentMode: parsed.SRE_AGENT_MODE,
    toolResultMaxChars: parsed.SRE_TOOL_RESULT_MAX_CHARS,
    historyMaxChars: parsed.SRE_HISTORY_MAX_CHARS,
    logLevel: parsed.LOG_LEVEL,
    appAliases: parsed.SRE_APP_ALIASES,
    devUi: parsed.SRE_DEV_UI,
    slack:
      parsed.SLACK_BOT_TOKEN && parsed.SLACK_SIGNING_SECRET
        ? {
            botToken: parsed.SLACK_BOT_TOKEN,
            signingSecret: parsed.SLACK_SIGNING_SECRET,
            apiBaseUrl: parsed.SLACK_API_BASE_URL,
            reactionTrigger: parsed.SLACK_REACTION_TRIGGER,
            workingReaction: parsed.SLACK_WORKING_REACTION,
          }
        : undefined,
  };
}

/** Every variable with its description, for `--help` and the README's configuration table. */
export function describeConfig(): { name: string; description: string }[] {
  return Object.entries(configEnvSchema.shape).map(([name, schema]) => ({
    name,
    description: schema.description ?? '',
  }));
}

export function databaseTarget(url: string | undefined, cwd: string): DatabaseTarget {
  if (url === undefined) return { kind: 'pglite', dataDir: resolve(cwd, 'data/pglite') };
  if (url === 'memory:') return { kind: 'pglite' };
  return { kind: 'postgres', url };
}

function parseMcpServers(text: string | undefined, ctx: z.RefinementCtx): McpServerConfig[] | undefined {
  if (text === undefined) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    ctx.addIssue({ code: 'custom', message: 'is not valid JSON' });
    return z.NEVER;
  }
  const result = mcpServersSchema.safeParse(json);
  if (result.success) return result.data;
  for (const issue of result.error.issues) {
    ctx.addIssue({ code: 'custom', message: `[${issue.path.join('.')}] ${issue.message}` });
  }
  return z.NEVER;
}

// A Host header value: a DNS name or IPv4 address, or a bracketed IPv6 literal, with an optional port.
function isHostEntry(value: string): boolean {
  return /^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i.test(
    value,
  );
}

function isOrigin(value: string): boolean {
  if (value === '*') return true;
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.origin === value;
  } catch {
    return false;
  }
}
