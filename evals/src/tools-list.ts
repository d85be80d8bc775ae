/**
 * What each server's `tools/list` costs the model on every turn: its size in bytes and tokens (bytes/4),
 * with writes off (the default) and on, so a change that bloats the tool surface shows up as a number.
 */
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { createK8sServer, createKubeClientProvider, parseK8sConfig } from '@sre-agent/k8s';
import { createLogger, parseServerConfig } from '@sre-agent/shared';
import { startAwsEnv } from './aws/aws-env.ts';
import { approxTokens } from './score.ts';
import type { Task } from './task.ts';

export interface ToolsListSize {
  server: string;
  writes: boolean;
  tools: number;
  bytes: number;
  tokens: number;
}

async function measure(server: string, writes: boolean, create: () => McpServer): Promise<ToolsListSize> {
  const client = new Client({ name: 'evals', version: '1.0.0' });
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  const mcp = create();
  await mcp.connect(serverSide);
  await client.connect(clientSide);
  const listed = await client.listTools();
  await client.close();
  const text = JSON.stringify(listed);
  return {
    server,
    writes,
    tools: listed.tools.length,
    bytes: Buffer.byteLength(text),
    tokens: approxTokens(text),
  };
}

export async function measureToolsLists(): Promise<ToolsListSize[]> {
  const logger = createLogger({ name: 'evals', level: 'error', write: () => undefined });
  const k8s = (writes: boolean) => () => {
    // No cluster is contacted to list tools; the kubeconfig is read lazily.
    const env = { KUBECONFIG: '/nonexistent', SRE_ALLOW_WRITES: String(writes) };
    const config = parseK8sConfig(env);
    const deps = { kube: createKubeClientProvider(config), config, now: () => new Date() };
    return createK8sServer({ deps, config: parseServerConfig(env), logger });
  };
  const task = { name: 'tools-list', domain: 'aws', verify: { aws: [] } } as unknown as Task;
  const aws = await startAwsEnv(task);
  try {
    return [
      await measure('k8s', false, k8s(false)),
      await measure('k8s', true, k8s(true)),
      await measure('aws_cost', false, aws.createCostServer),
      await measure('aws_core', false, aws.createCoreServer),
    ];
  } finally {
    await aws.close();
  }
}
