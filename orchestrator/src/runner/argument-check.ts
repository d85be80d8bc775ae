import { AjvJsonSchemaValidator } from '@modelcontextprotocol/sdk/validation/ajv';
import type { JsonObject } from '../adk/types.js';
import type { HubTool } from '../mcp/mcp-connection.js';

type Check = (args: unknown) => { valid: boolean; errorMessage?: string | undefined };

// The MCP SDK's own validator (Ajv, which the SDK already depends on and uses for tool output schemas):
// the full JSON Schema a server publishes, not a subset we would have to keep in step with zod's output.
const validator = new AjvJsonSchemaValidator();
// Compiling is the costly part; a tool's schema object lives as long as its server's tool list.
const compiled = new WeakMap<object, Check | 'unusable'>();

/**
 * Why the call's arguments do not fit the tool's published input schema, naming the parameters, or
 * undefined when they fit (or the schema cannot be used: the server still validates on its own). Run
 * before a human is asked, so no one approves a call the server would refuse.
 */
export function argumentProblem(tool: HubTool, args: JsonObject): string | undefined {
  const check = checkFor(tool.inputSchema);
  if (check === 'unusable') return undefined;
  const result = check(args);
  if (result.valid) return undefined;
  const reasons = (result.errorMessage ?? 'they do not match')
    .replace(/\bdata\//g, '')
    .replace(/\bdata (must|should)\b/g, 'the arguments $1');
  return `The arguments of ${tool.name} do not fit its input schema: ${reasons}. Nothing was asked or run; fix the call and make it again.`;
}

function checkFor(schema: Record<string, unknown>): Check | 'unusable' {
  let check = compiled.get(schema);
  if (check === undefined) {
    try {
      check = validator.getValidator(schema) as Check;
    } catch {
      check = 'unusable';
    }
    compiled.set(schema, check);
  }
  return check;
}
