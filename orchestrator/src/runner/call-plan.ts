import type { HubTool } from '../mcp/mcp-connection.js';
import { failedOutcome, type ToolOutcome } from '../mcp/tool-outcome.js';
import type { AgentSpec, AgentTree } from './agent-tree.js';
import { argumentProblem } from './argument-check.js';
import type { IdentifiedCall } from './tool-calls.js';
import { decideTransfers, notYourTool, type TransferDecision, transferToAgentName } from './transfer.js';

/** What becomes of each call of one model reply. */
export interface CallPlan {
  /** Read-only calls of the agent's own tools, to run now in parallel. */
  now: IdentifiedCall[];
  /** Answered at once with an error, never run: another agent's tool, or a write its server would refuse. */
  refused: Array<{ call: IdentifiedCall; outcome: ToolOutcome }>;
  /** The agent's writes, parked behind a human's confirmation. */
  later: IdentifiedCall[];
  /** Its writes by name. */
  mutating: Map<string, HubTool>;
  transfer: TransferDecision;
}

export function planCalls(
  agents: AgentTree,
  agent: AgentSpec,
  calls: IdentifiedCall[],
  tools: { own: HubTool[]; all: HubTool[] },
): CallPlan {
  const mutating = new Map(tools.own.filter((tool) => tool.mutating).map((tool) => [tool.name, tool]));
  // A human is never asked to approve a call its server would refuse: those go back to the model at once.
  // Nor is another agent's tool run for this one: the model is told whom to hand over to.
  const refused = calls.flatMap((call) => {
    if (call.name === transferToAgentName) return [];
    const misplaced = notYourTool(agents, agent, call, tools.all);
    if (misplaced) return [{ call, outcome: failedOutcome(misplaced) }];
    const tool = mutating.get(call.name);
    const problem = tool && argumentProblem(tool, call.args ?? {});
    return problem ? [{ call, outcome: failedOutcome(problem) }] : [];
  });
  const isRefused = (call: IdentifiedCall) => refused.some((entry) => entry.call === call);
  const now = calls.filter(
    (call) => call.name !== transferToAgentName && !mutating.has(call.name) && !isRefused(call),
  );
  const later = calls.filter((call) => mutating.has(call.name) && !isRefused(call));
  return { now, refused, later, mutating, transfer: decideTransfers(agent, calls, later.length > 0) };
}
