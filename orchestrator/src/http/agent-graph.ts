// The agent graph the ADK dev UI draws (google/adk-python cli/agent_graph.py, adk-js dev/src/server/
// agent_graph.ts): the agent, each MCP server as a cluster, its tools inside, in Graphviz DOT. `highlights`
// are [from, to] pairs of one event (the agent calling a tool, a tool answering), drawn in colour.

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
}

const highlight = '#0F5223';
const edgeColor = '#69CB87';

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
    `  ${quote(agent.name)} [label=${quote(`🤖 ${agent.name}`)} shape=ellipse${fill(lit.has(agent.name))}]`,
  ];
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
  for (const tool of agent.tools) {
    const pair = highlights.find(
      ([from, to]) => (from === agent.name && to === tool.name) || (from === tool.name && to === agent.name),
    );
    if (pair === undefined) lines.push(`  ${quote(agent.name)} -> ${quote(tool.name)}`);
    else
      lines.push(
        `  ${quote(pair[0])} -> ${quote(pair[1])} [color="${edgeColor}" arrowhead=normal penwidth=2]`,
      );
  }
  lines.push('}');
  return lines.join('\n');
}

/** ADK's `build_graph` body: the agent tree the UI navigates (no sub-agents here: one agent, MCP tools). */
export function agentTree(agent: AgentInfo) {
  return {
    root_agent: {
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
      sub_agents: [],
    },
  };
}

function fill(on: boolean): string {
  return on ? ` style="rounded,filled" fillcolor="${highlight}"` : '';
}

function quote(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}
