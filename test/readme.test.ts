// README.md promises every tool with one line and every orchestrator setting in its table. This
// keeps the promise: it asks the built servers (writes enabled, so scale_deployment shows) which
// tools they offer, and the orchestrator's config schema which variables it reads.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { describe, expect, it } from 'vitest';
import { describeConfig } from '../orchestrator/src/config.ts';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');

async function listedTools(server: string): Promise<string[]> {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [fileURLToPath(new URL(`../servers/${server}/dist/main.js`, import.meta.url))],
    env: { PATH: process.env.PATH ?? '', SRE_ALLOW_WRITES: 'true', LOG_LEVEL: 'error' },
    stderr: 'ignore',
  });
  const client = new Client({ name: 'readme-check', version: '1' });
  await client.connect(transport);
  try {
    return (await client.listTools()).tools.map((tool) => tool.name);
  } finally {
    await client.close();
  }
}

describe('README.md', () => {
  it.each(['k8s', 'aws-cost', 'aws-core'])(
    'documents every tool of the %s server in its tool table',
    async (server) => {
      const tools = await listedTools(server);
      expect(tools.length).toBeGreaterThan(5);
      const undocumented = tools.filter(
        (tool) => !new RegExp(`^\\|\\s*\`${tool}\`\\s*\\|`, 'm').test(readme),
      );
      expect(undocumented).toEqual([]);
    },
  );

  it('documents every orchestrator environment variable', () => {
    const missing = describeConfig()
      .map(({ name }) => name)
      .filter((name) => !readme.includes(`\`${name}\``));
    expect(missing).toEqual([]);
  });
});
