import { type ToolContext, ToolError, type ToolResult } from '@sre-agent/shared';

type AuditFields = Pick<Parameters<ToolContext['audit']>[0], 'outcome' | 'after' | 'detail'>;

/** One write attempt: what it targets, the state before, and its single audit record. */
export interface WriteAttempt {
  /** Named in the audit record, e.g. "deployment payments/checkout (context prod)". */
  target: string;
  before: unknown;
  /** Writes the attempt's audit record; only the first call counts. */
  record(fields: AuditFields): void;
}

/**
 * Runs a mutating tool's handler so that every attempt leaves exactly one audit record,
 * whatever path it takes: applied, declined, refused, or failed before or after the human.
 */
export async function auditedAttempt(
  toolContext: ToolContext,
  args: Record<string, unknown>,
  target: string,
  run: (attempt: WriteAttempt) => Promise<ToolResult>,
): Promise<ToolResult> {
  let recorded = false;
  const attempt: WriteAttempt = {
    target,
    before: undefined,
    record(fields) {
      if (recorded) return;
      recorded = true;
      toolContext.audit({
        target: attempt.target,
        arguments: { ...args },
        before: attempt.before,
        ...fields,
      });
    },
  };
  try {
    return await run(attempt);
  } catch (error) {
    attempt.record({ outcome: 'failed', detail: error instanceof Error ? error.message : String(error) });
    throw error;
  }
}

/** A change a human has to approve, and how to make it once they have. */
export interface GatedChange {
  /** What the human approves: what changes, where, and what could go wrong. */
  preview: string;
  /** How a refusal starts, e.g. "Not restarted". */
  notDone: string;
  /** Said when the human declines; by default `<notDone>: the user declined. Nothing changed.` */
  declinedText?: string;
  /** What stays as it was, named in a refusal, e.g. "payments/checkout stays at 3". */
  stays?: string;
  /** Recorded as `after` when nothing changed. */
  unchangedAfter?: unknown;
  /**
   * Makes the change; called only after a yes, or with confirmation turned off by the operator. `signal`
   * aborts at the tool's deadline: pass it to the write request, so a hung request is cut off rather than
   * landing minutes after the model was told the call timed out.
   */
  apply(signal: AbortSignal): Promise<{ after: unknown; text: string }>;
}

/** Ask a human, refuse when no human can be asked, apply on a yes. */
export async function confirmAndApply(
  attempt: WriteAttempt,
  toolContext: ToolContext,
  change: GatedChange,
): Promise<ToolResult> {
  const answer = await toolContext.confirm(change.preview);
  const unchanged = change.unchangedAfter === undefined ? {} : { after: change.unchangedAfter };
  if (answer === 'declined') {
    attempt.record({ outcome: 'declined', ...unchanged, detail: 'the user declined' });
    return {
      text:
        change.declinedText ??
        `${change.notDone}: the user declined. Nothing changed. Ask the user before trying again.`,
    };
  }
  if (answer === 'unsupported') {
    attempt.record({
      outcome: 'unconfirmable',
      ...unchanged,
      detail: 'the client cannot ask a human (no MCP elicitation)',
    });
    throw new ToolError(
      `${change.notDone}: this MCP client cannot ask a human to confirm (it does not support elicitation), and writes need a confirmation. Nothing changed${change.stays ? ` (${change.stays})` : ''}.`,
      'Use a client that supports elicitation, or have the operator set SRE_CONFIRM_WRITES=false to allow unconfirmed writes.',
    );
  }
  const { after, text } = await applyOrUnknown(attempt, toolContext.signal, change);
  const how =
    answer === 'confirmed' ? 'confirmed by the user' : 'confirmation disabled (SRE_CONFIRM_WRITES=false)';
  attempt.record({ outcome: 'applied', after, detail: how });
  return { text };
}

/**
 * Applies the change; if the deadline (or the client's cancellation) comes first, the attempt is audited
 * at that moment as `unknown`: the request went out and may or may not have landed. The model is told
 * so by the shared deadline handling, and to read the state before retrying.
 */
async function applyOrUnknown(
  attempt: WriteAttempt,
  signal: AbortSignal,
  change: GatedChange,
): Promise<{ after: unknown; text: string }> {
  const onAbort = () =>
    attempt.record({
      outcome: 'unknown',
      detail:
        'no answer before the deadline or cancellation; the request was aborted, but the change may or may not have been applied',
    });
  if (signal.aborted) throw signal.reason;
  signal.addEventListener('abort', onAbort, { once: true });
  try {
    return await change.apply(signal);
  } finally {
    signal.removeEventListener('abort', onAbort);
  }
}
