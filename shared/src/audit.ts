/** One write attempt, whatever became of it: who asked, what, before and after, and when. */
export interface AuditRecord {
  tool: string;
  /** The MCP client that asked (name/version from its initialize request). */
  client: string;
  target: string;
  arguments: Record<string, unknown>;
  /** `unknown`: the write was sent but no answer came before the deadline; it may or may not have landed. */
  outcome:
    | 'confirmed'
    | 'declined'
    | 'unconfirmable'
    | 'applied'
    | 'failed'
    | 'unknown'
    | 'confirmation-disabled';
  before?: unknown;
  after?: unknown;
  detail?: string;
  /** The orchestrator's turn that made the call (`_meta` "sre-agent/invocation-id"), when it said. */
  invocationId?: string;
}

/**
 * Audit lines bypass the log level: an operator who turns logging down to `error` still
 * gets a record of every change the server made or refused.
 */
export function writeAuditLine(
  record: AuditRecord,
  write: (line: string) => void = (line) => process.stderr.write(line),
): void {
  write(`${JSON.stringify({ time: new Date().toISOString(), level: 'audit', audit: record })}\n`);
}
