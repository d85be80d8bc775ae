import type { Logger } from '@sre-agent/shared';
import { type Context, Hono } from 'hono';
import { z } from 'zod';
import type { JsonObject } from '../adk/types.js';
import { HttpError, NotFoundError } from '../errors.js';
import type { McpHub } from '../mcp/mcp-hub.js';
import { capText } from '../runner/tool-calls.js';
import type { AppEnv } from './app-env.js';
import type { AppNames } from './app-names.js';
import { readBody } from './read-body.js';

export interface ToolRouteDeps {
  hub: Pick<McpHub, 'tools' | 'callTool'>;
  appNames: AppNames;
  logger: Pick<Logger, 'info'>;
  /** Characters of one result returned, as the runner caps what it feeds the model. */
  maxChars?: number;
}

const runSchema = z.object({
  args: z
    .record(z.string(), z.unknown())
    .default({})
    .describe('The tool arguments, as its inputSchema describes them'),
});

/**
 * `GET /apps/{app}/tools` lists the agent's MCP tools with their schemas; `POST /apps/{app}/tools/{name}/run`
 * runs a READ-ONLY one directly, without a model (the web page's tools panel). Writes are refused here:
 * they only ever run from a turn, after a human's confirmation and with an audit row. A read goes through
 * the hub like the runner's, on the same connection and call gate, and the server validates the arguments.
 */
export function toolRoutes(deps: ToolRouteDeps): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();
  const checkApp = (c: Context<AppEnv>) => {
    const app = c.req.param('app') ?? '';
    if (!deps.appNames.accepts(app)) throw new NotFoundError(`App not found: ${app}`);
  };

  routes.get('/apps/:app/tools', (c) => {
    checkApp(c);
    return c.json(
      deps.hub.tools().map((tool) => ({
        name: tool.name,
        server: tool.server,
        description: tool.description,
        inputSchema: tool.inputSchema,
        readOnly: !tool.mutating,
      })),
    );
  });

  routes.post('/apps/:app/tools/:name/run', async (c) => {
    checkApp(c);
    const name = c.req.param('name');
    const tool = deps.hub.tools().find((candidate) => candidate.name === name);
    if (tool === undefined)
      throw new NotFoundError(`Tool not found: ${name}; GET /apps/{app}/tools lists them`);
    if (tool.mutating) {
      throw new HttpError(
        403,
        'write_tool',
        `${name} changes state, so it runs only from a chat turn, after a human confirms it`,
      );
    }
    const { args } = await readBody(c, runSchema, { optional: true, raw: true });
    const principal = c.get('principal');
    deps.logger.info('tool run from the API', {
      tool: name,
      requestId: c.get('requestId'),
      ...(principal?.kind === 'user' ? { userId: principal.userId } : {}),
    });
    const started = performance.now();
    const outcome = await deps.hub.callTool(name, args as JsonObject, { signal: c.req.raw.signal });
    return c.json({
      isError: outcome.isError,
      text: capText(outcome.text, deps.maxChars ?? 100_000),
      images: outcome.images ?? [],
      durationMs: Math.round(performance.now() - started),
    });
  });
  return routes;
}
