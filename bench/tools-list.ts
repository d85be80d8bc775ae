// Context cost of each MCP server: the bytes of its `tools/list` answer (every tool's name,
// description and schema), which a client sends to the model on every turn. Writes enabled, so
// the figure includes the gated tools. The built bins, as a client would spawn them.
//
//   npm run build && node bench/tools-list.ts
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { approxTokens } from './stats.ts';

const servers: { name: string; bin: string; env: Record<string, string> }[] = [
  { name: 'k8s', bin: '../servers/k8s/dist/main.js', env: { KUBECONFIG: '/nonexistent/kubeconfig' } },
  {
    name: 'aws-cost',
    bin: '../servers/aws-cost/dist/main.js',
    env: { AWS_REGION: 'us-east-1', AWS_EC2_METADATA_DISABLED: 'true' },
  },
  {
    name: 'aws-core',
    bin: '../servers/aws-core/dist/main.js',
    env: { AWS_REGION: 'us-east-1', AWS_EC2_METADATA_DISABLED: 'true' },
  },
];

export interface ToolsListSize {
  server: string;
  tools: number;
  bytes: number;
  tokens: number;
  largest: string;
}

/** One server's tools/list, measured as the JSON the client received. */
async function measure(server: (typeof servers)[number]): Promise<ToolsListSize> {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [fileURLToPath(new URL(server.bin, import.meta.url))],
    env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'warn', SRE_ALLOW_WRITES: 'true', ...server.env },
    stderr: 'ignore',
  });
  const client = new Client({ name: 'bench-tools-list', version: '1' });
  await client.connect(transport);
  try {
    const listed = await client.listTools();
    const bytes = Buffer.byteLength(JSON.stringify(listed));
    const sizes = listed.tools.map((tool) => ({
      name: tool.name,
      bytes: Buffer.byteLength(JSON.stringify(tool)),
    }));
    const largest = sizes
      .sort((a, b) => b.bytes - a.bytes)
      .slice(0, 3)
      .map((tool) => `${tool.name} ${tool.bytes}`)
      .join(', ');
    return { server: server.name, tools: listed.tools.length, bytes, tokens: approxTokens(bytes), largest };
  } finally {
    await client.close();
  }
}

export async function run(): Promise<ToolsListSize[]> {
  const rows: ToolsListSize[] = [];
  for (const server of servers) rows.push(await measure(server));
  console.log('tools/list size per server (writes enabled; sent to the model on every turn)');
  console.table(rows);
  return rows;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) await run();
