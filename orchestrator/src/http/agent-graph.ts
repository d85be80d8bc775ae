// The agent graph the ADK dev UI draws (google/adk-python cli/agent_graph.py, adk-js dev/src/server/
// agent_graph.ts): the root agent, its sub-agents under it, each agent's MCP servers as clusters with their
// tools inside, in Graphviz DOT. `highlights` are [from, to] pairs of one event (an agent calling a tool, a
// tool answering, an agent handing over to another), drawn in colour.
import type { HubTool } from '../mcp/mcp-connection.js';
import { type AgentSpec, type AgentTree, agentTools } from '../runner/agent-tree.js';

export interface GraphTool {
  name: string;
  server: string;
  toolName: string;
  description: string;
  mutating: boolean;
}

export interface AgentInfo {
  name: string;
  description: string;
  model: string;
  tools: GraphTool[];
  /** The specialists it hands questions to (delegate mode). */
  subAgents?: AgentInfo[];
}

const highlight = '#0F5223';
const edgeColor = '#69CB87';

/** The graph of a runner's agents with the hub's tools now. */
export function agentInfo(tree: AgentTree, tools: HubTool[], model: string): AgentInfo {
  const info = (spec: AgentSpec): AgentInfo => ({
    name: spec.name,
    description: spec.description,
    model,
    tools: agentTools(spec, tools),
  });
  return { ...info(tree.root), subAgents: tree.subAgents.map(info) };
}

export function agentGraphDot(
  agent: AgentInfo,
  highlights: [string, string][] = [],
  options: { darkMode?: boolean } = {},
): string {
  const dark = options.darkMode ?? true;
  const background = dark ? '#333537' : '#ffffff';
  const ink = dark ? '#e8eaed' : '#202124';
  const lit = new Set(highlights.flat());
  const lines = [
    'digraph {',
    `  graph [bgcolor="${background}" rankdir=LR fontcolor="${ink}"]`,
    `  node [fontcolor="${ink}" color="${ink}" style=rounded]`,
    `  edge [color="${ink}" arrowhead=none]`,
  ];
  const agents = [agent, ...(agent.subAgents ?? [])];
  for (const each of agents) {
    lines.push(
      `  ${quote(each.name)} [label=${quote(`🤖 ${each.name}`)} shape=ellipse${fill(lit.has(each.name))}]`,
    );
  }
  for (const each of agents) lines.push(...toolNodes(each, ink, lit));
  const edge = (from: string, to: string) => {
    const pair = highlights.find(([a, b]) => (a === from && b === to) || (a === to && b === from));
    return pair === undefined
      ? `  ${quote(from)} -> ${quote(to)}`
      : `  ${quote(pair[0])} -> ${quote(pair[1])} [color="${edgeColor}" arrowhead=normal penwidth=2]`;
  };
  for (const sub of agent.subAgents ?? []) lines.push(edge(agent.name, sub.name));
  for (const each of agents) for (const tool of each.tools) lines.push(edge(each.name, tool.name));
  lines.push('}');
  return lines.join('\n');
}

/** One cluster per MCP server of the agent, its tools inside. */
function toolNodes(agent: AgentInfo, ink: string, lit: Set<string>): string[] {
  const lines: string[] = [];
  const servers = [...new Set(agent.tools.map((tool) => tool.server))].sort();
  for (const server of servers) {
    lines.push(`  subgraph ${quote(`cluster_${server}`)} {`);
    lines.push(`    label=${quote(`🔌 ${server} (MCP server)`)} style=rounded color="${ink}"`);
    for (const tool of agent.tools.filter((candidate) => candidate.server === server)) {
      const mark = tool.mutating ? ' ✋' : '';
      lines.push(
        `    ${quote(tool.name)} [label=${quote(`🔧 ${tool.toolName}${mark}`)} shape=box${fill(lit.has(tool.name))}]`,
      );
    }
    lines.push('  }');
  }
  return lines;
}

/** ADK's `build_graph` body: the agent tree the UI navigates, each agent with its MCP toolsets. */
export function agentTree(agent: AgentInfo) {
  return { root_agent: treeNode(agent) };
}

interface TreeNode {
  name: string;
  description: string;
  model: string;
  agent_class: 'LlmAgent';
  tools: { name: string; description: string }[];
  toolsets: { name: string; toolset_class: 'McpToolset'; tools: string[] }[];
  sub_agents: TreeNode[];
}

function treeNode(agent: AgentInfo): TreeNode {
  return {
    name: agent.name,
    description: agent.description,
    model: agent.model,
    agent_class: 'LlmAgent',
    tools: agent.tools.map((tool) => ({ name: tool.name, description: tool.description })),
    toolsets: [...new Set(agent.tools.map((tool) => tool.server))].map((server) => ({
      name: server,
      toolset_class: 'McpToolset',
      tools: agent.tools.filter((tool) => tool.server === server).map((tool) => tool.name),
    })),
    sub_agents: (agent.subAgents ?? []).map(treeNode),
  };
}

function fill(on: boolean): string {
  return on ? ` style="rounded,filled" fillcolor="${highlight}"` : '';
}

function quote(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}
