import { type ToolContext, ToolError, type ToolResult } from '@sre-agent/shared';

/** A change a human has to approve: what it is, and how to make it once they have. */
export interface GatedChange {
  /** Named in the audit record and the messages, e.g. "deployment payments/checkout (context prod)". */
  target: string;
  /** The tool's arguments, audited as given. */
  args: Record<string, unknown>;
  before: unknown;
  /** What the human is asked to approve: what changes, where, and what could go wrong. */
  preview: string;
  /** Verb for the refusals, e.g. "Not restarted". */
  notDone: string;
  /** Makes the change; called only after a yes (or with confirmation turned off by the operator). */
  apply(): Promise<{ after: unknown; text: string }>;
}

/**
 * The write path every mutating Kubernetes tool shares: ask a human, refuse when no human can
 * be asked, apply, and leave exactly one audit record per attempt whatever happens.
 */
export async function gatedWrite(change: GatedChange, toolContext: ToolContext): Promise<ToolResult> {
  let audited = false;
  const audit = (fields: Pick<Parameters<ToolContext['audit']>[0], 'outcome' | 'after' | 'detail'>) => {
    if (audited) return;
    audited = true;
    toolContext.audit({ target: change.target, arguments: change.args, before: change.before, ...fields });
  };
  try {
    const answer = await toolContext.confirm(change.preview);
    if (answer === 'declined') {
      audit({ outcome: 'declined', detail: 'the user declined' });
      return {
        text: `${change.notDone}: the user declined. Nothing changed. Ask the user before trying again.`,
      };
    }
    if (answer === 'unsupported') {
      audit({ outcome: 'unconfirmable', detail: 'the client cannot ask a human (no MCP elicitation)' });
      throw new ToolError(
        `${change.notDone}: this MCP client cannot ask a human to confirm (it does not support elicitation), and writes need a confirmation. Nothing changed.`,
        'Use a client that supports elicitation, or have the operator set SRE_CONFIRM_WRITES=false to allow unconfirmed writes.',
      );
    }
    const { after, text } = await change.apply();
    const how =
      answer === 'confirmed' ? 'confirmed by the user' : 'confirmation disabled (SRE_CONFIRM_WRITES=false)';
    audit({ outcome: 'applied', after, detail: how });
    return { text };
  } catch (error) {
    audit({ outcome: 'failed', detail: error instanceof Error ? error.message : String(error) });
    throw error;
  }
}
