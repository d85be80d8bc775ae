// The seed's shape, as ADK builds it: a root agent that routes, and under it one specialist per MCP server
// (`kubernetes_agent`, `aws_cost_agent`, `aws_core_agent`), each seeing only its own server's tools. Every
// model call then carries one server's schemas instead of all of them. `single` keeps one agent holding
// every tool, for models that route badly (SRE_AGENT_MODE).
import type { AdkEvent } from '../adk/types.js';
import type { HubTool } from '../mcp/mcp-connection.js';

export type AgentMode = 'single' | 'delegate';

export const agentModes = ['single', 'delegate'] as const;

export interface AgentSpec {
  name: string;
  /** What it answers; the root routes by it (ADK's agent description). */
  description: string;
  /** The MCP servers whose tools it holds. */
  servers: string[];
  /** Every server's tools (the root in single mode). */
  allServers: boolean;
  /** The agents it may hand over to with transfer_to_agent, in order. */
  transfers: string[];
  parent?: string;
}

export interface AgentTree {
  mode: AgentMode;
  root: AgentSpec;
  /** The specialists, in server order; empty in single mode. */
  subAgents: AgentSpec[];
  find(name: string): AgentSpec | undefined;
}

// The seed's names (kubernetes_agent, aws_cost_agent; its AWS core agent without the "_mcp") and what
// each answers, for the workspace servers; any other server gets `<server>_agent`.
const known: Record<string, { name: string; description: string }> = {
  k8s: {
    name: 'kubernetes_agent',
    description:
      'Kubernetes clusters: pods, deployments and other workloads, events, logs, nodes, resource use, ' +
      'diagnosis of failing workloads, scaling, restarts and rollbacks.',
  },
  aws_cost: {
    name: 'aws_cost_agent',
    description:
      'AWS spending: cost by service, account or tag, trends and charts, forecasts, anomalies, ' +
      'Savings Plans and reservation coverage, rightsizing.',
  },
  aws_core: {
    name: 'aws_core_agent',
    description:
      'AWS resources: the account and caller identity, regions, EC2 instances, EKS clusters, RDS databases, S3 buckets.',
  },
};

const rootDescription =
  'Site-reliability agent over Kubernetes and AWS; routes each question to a specialist.';

/** The agents for these servers; `servers` in the hub's order (the workspace servers first). */
export function buildAgentTree(rootName: string, mode: AgentMode, servers: string[]): AgentTree {
  if (mode === 'single') {
    const description = 'Site-reliability agent over Kubernetes and AWS, through MCP servers.';
    const root = { name: rootName, description, servers, allServers: true, transfers: [] };
    return { mode, root, subAgents: [], find: (name) => (name === rootName ? root : undefined) };
  }
  const taken = new Set([rootName]);
  const subAgents = orderServers(servers).map((server): AgentSpec => {
    const entry = known[server];
    let name = entry?.name ?? `${server.replace(/[^A-Za-z0-9_]/g, '_')}_agent`;
    if (taken.has(name)) name = `${server.replace(/[^A-Za-z0-9_]/g, '_')}_server_agent`;
    taken.add(name);
    const description = entry?.description ?? `The tools of the ${server} MCP server.`;
    return { name, description, servers: [server], allServers: false, transfers: [], parent: rootName };
  });
  // A specialist hands a question that leaves its domain to a sibling, or back to the root to route again.
  for (const agent of subAgents) {
    agent.transfers = [rootName, ...subAgents.filter((peer) => peer !== agent).map((peer) => peer.name)];
  }
  const root: AgentSpec = {
    name: rootName,
    description: rootDescription,
    servers: [],
    allServers: false,
    transfers: subAgents.map((agent) => agent.name),
  };
  const all = [root, ...subAgents];
  return { mode, root, subAgents, find: (name) => all.find((agent) => agent.name === name) };
}

/** The servers the hub knows now: those serving tools and those down (whose tools are missing). */
export function hubServers(hub: { tools(): HubTool[]; unavailableServers(): string[] }): string[] {
  return [...new Set([...hub.tools().map((tool) => tool.server), ...hub.unavailableServers()])];
}

/** The agent's own tools out of the hub's. */
export function agentTools(agent: AgentSpec, tools: HubTool[]): HubTool[] {
  return agent.allServers ? tools : tools.filter((tool) => agent.servers.includes(tool.server));
}

/**
 * Who takes the next message, as ADK's Runner decides: the agent that spoke last in the session (or the
 * one it handed over to), the root when that agent is unknown (another mode, a renamed server) or none spoke.
 */
export function activeAgent(tree: AgentTree, events: AdkEvent[]): AgentSpec {
  for (let index = events.length - 1; index >= 0; index--) {
    const event = events[index]!;
    if (event.author === 'user') continue;
    const target = event.actions?.transferToAgent;
    const agent = (target ? tree.find(target) : undefined) ?? tree.find(event.author);
    if (agent) return agent;
  }
  return tree.root;
}

function orderServers(servers: string[]): string[] {
  const rank = (server: string) => {
    const index = Object.keys(known).indexOf(server);
    return index === -1 ? Object.keys(known).length : index;
  };
  return [...new Set(servers)].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}
