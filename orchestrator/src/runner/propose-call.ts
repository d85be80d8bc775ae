import type { AdkEvent, FunctionCall, JsonObject, SessionKey, SessionStore } from '../adk/types.js';
import { NotFoundError } from '../errors.js';
import type { HubTool } from '../mcp/mcp-connection.js';
import { argumentProblem } from './argument-check.js';
import { confirmationRequestDraft } from './confirmation.js';
import { createEventFactory, newCallId } from './event-factory.js';

/** https://ai.google.dev/gemini-api/docs/thought-signatures: for function calls Gemini did not make. */
export const injectedCallSignature = 'skip_thought_signature_validator';

export interface ProposeDeps {
  store: Pick<SessionStore, 'getSession' | 'appendEvent' | 'withSessionLock'>;
  /** Author of the proposed call, as of the model's own calls. */
  agentName: string;
}

export interface Proposal {
  session: SessionKey;
  /** What the person typed (a slash command), stored as their message so the history explains the call. */
  text: string;
  tool: HubTool;
  args: JsonObject;
}

export type ProposeResult = { ok: true; events: AdkEvent[] } | { ok: false; problem: string };

/**
 * A change a person asked for directly (Slack's `/sre-bot scale`), put on the same road as one the model
 * proposes: their message, the agent's call to the mutating tool, and the runner's own confirmation
 * request for it. Answering that request (`Runner.run` with the functionResponse) then runs the call
 * with its voucher and audits it exactly as for a model's call; nothing runs here.
 */
export async function proposeCall(deps: ProposeDeps, proposal: Proposal): Promise<ProposeResult> {
  const { tool, args } = proposal;
  if (!tool.mutating) return { ok: false, problem: `${tool.name} changes nothing; no approval is needed.` };
  const problem = argumentProblem(tool, args);
  if (problem) return { ok: false, problem };
  return deps.store.withSessionLock(proposal.session, async () => {
    const session = await deps.store.getSession(proposal.session, { numRecentEvents: 1 });
    if (!session) throw new NotFoundError(`Session not found: ${proposal.session.sessionId}`);
    const factory = createEventFactory(deps.agentName, session.events.at(-1)?.timestamp ?? 0);
    const call: FunctionCall & { id: string } = { id: newCallId(), name: tool.name, args };
    const drafts = [
      factory.make({ author: 'user', content: { role: 'user', parts: [{ text: proposal.text }] } }),
      // Gemini 3 refuses a call in the current turn without a thought signature; this one is not Gemini's,
      // and Google documents this sentinel for such calls (other providers ignore the field).
      factory.make({
        content: { role: 'model', parts: [{ functionCall: call, thoughtSignature: injectedCallSignature }] },
      }),
      factory.make(confirmationRequestDraft([{ call, destructive: tool.destructive }])),
    ];
    const events: AdkEvent[] = [];
    for (const draft of drafts) events.push(await deps.store.appendEvent(proposal.session, draft));
    return { ok: true, events };
  });
}
