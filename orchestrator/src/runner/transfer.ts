// ADK's `transfer_to_agent` (google/adk-python tools/transfer_to_agent_tool.py): a function the model calls
// with `agent_name` to hand the conversation over. ADK answers it with `{"result": null}` in an event whose
// `actions.transferToAgent` names the target, and the target carries on in the same invocation; ADK
// clients (the dev UI's agent switch, the seed's bot) read exactly that.
import type { Part } from '../adk/types.js';
import type { HubTool } from '../mcp/mcp-connection.js';
import type { ToolDeclaration } from '../model/model.js';
import type { AgentSpec, AgentTree } from './agent-tree.js';
import type { IdentifiedCall } from './tool-calls.js';

export const transferToAgentName = 'transfer_to_agent';

/** ADK's declaration, with the names the agent may hand over to as an enum so the model cannot invent one. */
export function transferDeclaration(agent: AgentSpec): ToolDeclaration {
  return {
    name: transferToAgentName,
    description:
      'Transfer the question to another agent.\n\nThis tool hands off control to another agent when ' +
      "it's more suitable to answer the user's question according to the agent's description.",
    parameters: {
      type: 'object',
      properties: {
        agent_name: { type: 'string', description: 'the agent name to transfer to.', enum: agent.transfers },
      },
      required: ['agent_name'],
    },
  };
}

export type TransferCheck = { ok: true; target: string } | { ok: false; error: string };

/** Whether `agent` may make this transfer; the error says what would be right. */
export function checkTransfer(agent: AgentSpec, call: IdentifiedCall): TransferCheck {
  const target = call.args?.agent_name;
  if (typeof target === 'string' && agent.transfers.includes(target)) return { ok: true, target };
  const named = typeof target === 'string' ? `"${target}"` : 'no agent_name';
  return {
    ok: false,
    error: `Not transferred: ${named} is not an agent ${agent.name} can hand over to. Use one of: ${agent.transfers.join(', ')}.`,
  };
}

/**
 * The answer to a call of a tool the agent does not hold: which agent holds it, so the model can hand over
 * instead of guessing (it was never run). Undefined when no agent holds it (the hub then says so).
 */
export function notYourTool(
  tree: AgentTree,
  agent: AgentSpec,
  call: IdentifiedCall,
  tools: HubTool[],
): string | undefined {
  // Some models call the agent itself as a function.
  if (agent.transfers.includes(call.name)) {
    return `There is no tool named ${call.name}: to hand over to that agent, call ${transferToAgentName} with agent_name "${call.name}".`;
  }
  const tool = tools.find((candidate) => candidate.name === call.name);
  const owner = tool && [tree.root, ...tree.subAgents].find((other) => other.servers.includes(tool.server));
  if (!owner || owner === agent) return undefined;
  const via = agent.transfers.includes(owner.name) ? owner.name : (agent.transfers[0] ?? tree.root.name);
  return (
    `${call.name} is not one of ${agent.name}'s tools, so it was not run: it belongs to ${owner.name}. ` +
    `Call ${transferToAgentName} with agent_name "${via}" to hand the question over.`
  );
}

export interface TransferDecision {
  /** The agent that takes over once this reply's calls are answered; none when nothing was handed over. */
  target?: string;
  /** The answer to each transfer_to_agent call of the reply. */
  answers: Array<{ call: IdentifiedCall; part: Part }>;
}

/**
 * The reply's transfer_to_agent calls: the first valid one hands over (ADK's `{"result": null}`), any other
 * is refused. So is one beside a change waiting for a human, whose answer must come back to this agent.
 */
export function decideTransfers(
  agent: AgentSpec,
  calls: IdentifiedCall[],
  changeWaits: boolean,
): TransferDecision {
  let target: string | undefined;
  const answers = calls
    .filter((call) => call.name === transferToAgentName)
    .map((call) => {
      const check = checkTransfer(agent, call);
      let error = check.ok ? undefined : check.error;
      if (check.ok && changeWaits) {
        error =
          'Not transferred: a change in this same reply waits for the user; hand over once it is settled.';
      } else if (check.ok && target !== undefined) {
        error = `Not transferred: this reply already handed over to ${target}.`;
      } else if (check.ok) target = check.target;
      const response = error === undefined ? { result: null } : { error };
      return { call, part: { functionResponse: { id: call.id, name: call.name, response } } };
    });
  return { ...(target !== undefined ? { target } : {}), answers };
}
