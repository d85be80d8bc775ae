/** One AWS task without a model: the tools the task names, called through real MCP clients, checked for the expected values. */
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { startAwsEnv } from './aws/aws-env.ts';
import { missingValues } from './aws/expected.ts';
import { approxTokens } from './score.ts';
import type { Task } from './task.ts';

export interface AwsCallScore {
  tool: string;
  ok: boolean;
  /** Expected values the answer lacked. */
  missing: string[];
  tokens: number;
  ms: number;
  error?: string;
}

export interface AwsNoModelResult {
  task: string;
  title: string;
  domain: 'aws';
  calls: AwsCallScore[];
  passed: boolean;
}

async function connect(server: McpServer): Promise<Client> {
  const client = new Client({ name: 'evals', version: '1.0.0' });
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  await server.connect(serverSide);
  await client.connect(clientSide);
  return client;
}

export async function runAwsTaskNoModel(task: Task): Promise<AwsNoModelResult> {
  const env = await startAwsEnv(task);
  const clients = {
    aws_cost: await connect(env.createCostServer()),
    aws_core: await connect(env.createCoreServer()),
  };
  try {
    const calls: AwsCallScore[] = [];
    for (const call of task.verify.aws) {
      const started = performance.now();
      const result = (await clients[call.server].callTool({
        name: call.tool,
        arguments: call.args,
      })) as CallToolResult;
      const text = result.content.flatMap((c) => (c.type === 'text' ? [c.text] : [])).join('\n');
      const missing = missingValues(text, call.contains, env.cost);
      calls.push({
        tool: `${call.server}__${call.tool}`,
        ok: !result.isError && missing.length === 0,
        missing,
        tokens: approxTokens(text),
        ms: Math.round(performance.now() - started),
        ...(result.isError ? { error: text.split('\n')[0] ?? 'error' } : {}),
      });
    }
    return {
      task: task.name,
      title: task.title,
      domain: 'aws',
      calls,
      passed: calls.length > 0 && calls.every((c) => c.ok),
    };
  } finally {
    await Promise.all([clients.aws_cost.close(), clients.aws_core.close()]);
    await env.close();
  }
}
