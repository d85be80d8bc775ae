import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { jsonSchemaValidator } from '@modelcontextprotocol/sdk/validation';
import { AjvJsonSchemaValidator } from '@modelcontextprotocol/sdk/validation/ajv';
import type { Logger } from './logger.js';
import { type AnyPrompt, registerPrompts } from './prompt.js';
import { registerTools } from './register-tools.js';
import type { ServerConfig } from './server-config.js';
import type { AnyTool } from './tool.js';
import { serveCompactToolList } from './tool-list.js';
import { registerUpstreamResource, type UpstreamCheck } from './upstream.js';

export interface McpServerSpec {
  name: string;
  version: string;
  /** Told to the model at initialize: what this server is for and how to use it well. */
  instructions: string;
  tools: readonly AnyTool[];
  /** Workflows clients show as slash commands (MCP prompts). */
  prompts?: readonly AnyPrompt[];
  config: ServerConfig;
  logger: Logger;
  writeAudit?: (line: string) => void;
  /** Offered as the `health://upstream` resource; make it once per process (cacheUpstreamCheck). */
  upstream?: UpstreamCheck;
}

/**
 * The SDK's default validator (Ajv), made on the first elicitation answer it checks instead of in
 * every McpServer constructor: building Ajv cost each stdio server ~15 ms of its cold start (issue 14
 * §5), and each HTTP session paid it again. One instance serves every session of the process.
 */
let ajv: AjvJsonSchemaValidator | undefined;
const lazyValidator: jsonSchemaValidator = {
  getValidator(schema) {
    ajv ??= new AjvJsonSchemaValidator();
    return ajv.getValidator(schema);
  },
};

/** Cheap and side-effect free: the HTTP transport makes one per session. */
export function createMcpServer(spec: McpServerSpec): McpServer {
  const server = new McpServer(
    { name: spec.name, version: spec.version },
    { capabilities: { logging: {} }, instructions: spec.instructions, jsonSchemaValidator: lazyValidator },
  );
  const offered = registerTools(server, spec.tools, {
    config: spec.config,
    logger: spec.logger,
    ...(spec.writeAudit ? { writeAudit: spec.writeAudit } : {}),
  });
  serveCompactToolList(
    server,
    spec.tools.filter((tool) => offered.includes(tool.name)),
  );
  if (spec.prompts?.length) registerPrompts(server, spec.prompts);
  if (spec.upstream) registerUpstreamResource(server, spec.upstream);
  return server;
}
