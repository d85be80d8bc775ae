import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { createLogger, parseServerConfig } from '@sre-agent/shared';
import { describe, expect, it } from 'vitest';
import { parseK8sConfig } from './config.js';
import { createKubeClientProvider } from './kube-client.js';
import { createK8sServer } from './server.js';

/**
 * A contract, not a benchmark: every tool's schema and description is sent to the model on every
 * turn, so the whole tools/list (writes enabled, every toolset) stays under 16,000 bytes. A new
 * tool pays for itself by saying less, or by sharing arguments explained in the instructions.
 */
const limitBytes = 16_000;

async function toolsList(env: Record<string, string>) {
  const k8sConfig = parseK8sConfig(env);
  const server = createK8sServer({
    deps: { kube: createKubeClientProvider(k8sConfig), config: k8sConfig, now: () => new Date() },
    config: parseServerConfig(env),
    logger: createLogger({ name: 'tools-list-size', level: 'error', write: () => {} }),
  });
  const client = new Client({ name: 'tools-list-size', version: '1' });
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  await server.connect(serverSide);
  await client.connect(clientSide);
  try {
    return await client.listTools();
  } finally {
    await client.close();
  }
}

/** Paths of schema nodes that carry a `pattern` keyword (a parameter named "pattern" is fine). */
function patternsIn(schema: unknown, path: string): string[] {
  if (typeof schema !== 'object' || schema === null) return [];
  const node = schema as Record<string, unknown>;
  const own = typeof node.pattern === 'string' ? [path] : [];
  const properties = Object.entries((node.properties ?? {}) as Record<string, unknown>).flatMap(
    ([name, child]) => patternsIn(child, `${path}.${name}`),
  );
  const nested = [node.items, ...((node.anyOf as unknown[] | undefined) ?? [])].flatMap((child) =>
    patternsIn(child, path),
  );
  return [...own, ...properties, ...nested];
}

describe('tools/list of the k8s server', () => {
  it(`stays under ${limitBytes} bytes with writes enabled and every toolset on`, async () => {
    const listed = await toolsList({ SRE_ALLOW_WRITES: 'true', KUBECONFIG: '/nonexistent/kubeconfig' });
    const bytes = Buffer.byteLength(JSON.stringify(listed));
    const largest = listed.tools
      .map((tool) => `${tool.name} ${Buffer.byteLength(JSON.stringify(tool))}`)
      .sort((a, b) => Number(b.split(' ')[1]) - Number(a.split(' ')[1]))
      .slice(0, 5);
    expect(listed.tools.map((tool) => tool.name)).toContain('scale_deployment');
    expect(bytes, `tools/list is ${bytes} bytes; largest: ${largest.join(', ')}`).toBeLessThanOrEqual(
      limitBytes,
    );
  });

  it('carries no regex pattern: names are checked by the handlers, not by the schema', async () => {
    const listed = await toolsList({ SRE_ALLOW_WRITES: 'true', KUBECONFIG: '/nonexistent/kubeconfig' });
    const withPattern = listed.tools.flatMap((tool) => patternsIn(tool.inputSchema, tool.name));
    expect(withPattern).toEqual([]);
  });

  it('offers fewer tools when SRE_K8S_TOOLSETS names fewer groups', async () => {
    const core = await toolsList({ SRE_K8S_TOOLSETS: 'core', KUBECONFIG: '/nonexistent/kubeconfig' });
    const names = core.tools.map((tool) => tool.name);
    expect(names).toContain('list_pods_from_namespace');
    expect(names).toContain('list_contexts');
    expect(names).not.toContain('list_resources');
  });
});
