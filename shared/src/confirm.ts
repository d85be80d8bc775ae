import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';

/**
 * - confirmed: a human said yes through MCP elicitation
 * - declined: a human said no, or dismissed the prompt
 * - unsupported: the client cannot ask a human, so the write must be refused
 * - not-required: the operator turned confirmation off (SRE_CONFIRM_WRITES=false)
 */
export type ConfirmOutcome = 'confirmed' | 'declined' | 'unsupported' | 'not-required';

// A human at 3 a.m. may take a while; the SDK's default of 60 s is too short for that.
const humanTimeoutMs = 10 * 60_000;

export async function requestConfirmation(
  server: McpServer,
  message: string,
  options: { confirmWrites: boolean; signal?: AbortSignal },
): Promise<ConfirmOutcome> {
  if (!options.confirmWrites) return 'not-required';
  // Only form elicitation can carry a yes/no; a URL-only client cannot confirm here.
  if (!server.server.getClientCapabilities()?.elicitation?.form) return 'unsupported';
  const answer = await server.server.elicitInput(
    {
      message,
      requestedSchema: {
        type: 'object',
        properties: {
          confirm: { type: 'boolean', title: 'Apply this change', description: 'Yes to apply it now' },
        },
        required: ['confirm'],
      },
    },
    { timeout: humanTimeoutMs, ...(options.signal ? { signal: options.signal } : {}) },
  );
  return answer.action === 'accept' && answer.content?.confirm === true ? 'confirmed' : 'declined';
}
