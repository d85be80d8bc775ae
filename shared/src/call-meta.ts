// Keys of MCP `_meta` this suite reads and writes, in one place for the orchestrator and the servers.

/**
 * The orchestrator's invocation (turn) id on a `tools/call` request. A server puts it in the call's log
 * lines and audit rows, so one id ties the orchestrator's logs, spans and audit table to the server's.
 */
export const invocationIdMetaKey = 'sre-agent/invocation-id';

/**
 * On a tool result, why a call did not do its job when `isError` alone cannot say: `refused` (a write the
 * human declined or could not be asked about) or `timeout`. Read by the HTTP servers' metrics.
 */
export const outcomeMetaKey = 'sre-agent/outcome';

export type MarkedOutcome = 'refused' | 'timeout';

// Whatever a client sends lands in log lines and audit rows: only a short, plain id is taken.
const plainId = /^[A-Za-z0-9._:-]{1,128}$/;

/** The invocation id of a tool call's `_meta`, when the caller sent a well-formed one. */
export function readInvocationId(meta: Record<string, unknown> | undefined): string | undefined {
  const value = meta?.[invocationIdMetaKey];
  return typeof value === 'string' && plainId.test(value) ? value : undefined;
}
