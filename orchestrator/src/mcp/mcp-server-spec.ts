import { z } from 'zod';

// Server names become the prefix of every tool name (`<server>__<tool>`), which Gemini limits to
// letters, digits, `_`, `.`, `:` and `-`; a `__` inside a name would make the split ambiguous.
const serverName = z
  .string()
  .regex(/^[a-zA-Z][a-zA-Z0-9_-]{0,30}$/, 'letters, digits, "_" or "-", starting with a letter, at most 31')
  .refine((name) => !name.includes('__'), 'must not contain "__"')
  .describe("Prefix of the server's tools as the model sees them: <name>__<tool>");

export const stdioServerSpecSchema = z
  .object({
    name: serverName,
    command: z.string().min(1).describe('Executable to spawn; it speaks MCP on stdin/stdout'),
    args: z.array(z.string()).default([]).describe('Arguments for the command'),
    env: z
      .record(z.string(), z.string())
      .default({})
      .describe("Variables added to the orchestrator's environment for this server"),
    cwd: z.string().optional().describe("Working directory; the orchestrator's by default"),
  })
  .strict();

export const httpServerSpecSchema = z
  .object({
    name: serverName,
    url: z.url().describe('Streamable HTTP endpoint (…/mcp); legacy SSE (…/sse) is tried when it fails'),
    token: z.string().min(1).optional().describe('Bearer token the server requires'),
  })
  .strict();

export const mcpServerSpecSchema = z.union([stdioServerSpecSchema, httpServerSpecSchema]);

export const mcpServersSchema = z
  .array(mcpServerSpecSchema)
  .refine(
    (specs) => new Set(specs.map((spec) => spec.name)).size === specs.length,
    'server names must be unique',
  )
  .describe('MCP servers to connect, replacing the three built-in ones');

export type StdioServerSpec = z.infer<typeof stdioServerSpecSchema>;
export type HttpServerSpec = z.infer<typeof httpServerSpecSchema>;
export type McpServerSpec = StdioServerSpec | HttpServerSpec;

export function isStdioSpec(spec: McpServerSpec): spec is StdioServerSpec {
  return 'command' in spec;
}
