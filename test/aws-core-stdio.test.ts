// The real bin over stdio: bundled from source with esbuild (dependencies stay external, exactly as
// installed), spawned with Node, driven by the MCP SDK's stdio client against the AWS fake.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleServer, pinnedNode } from './bundled-server.ts';
import { type AwsFake, startAwsFake } from './fakes/aws/aws-fake.ts';

// HOME and the AWS files: an empty directory, so no profile of this machine leaks in.
const outDir = mkdtempSync(join(tmpdir(), 'aws-core-stdio-'));
let bundle: string;

let fake: AwsFake;
let client: Client;
let stderr = '';
let initializeMs = 0;

beforeAll(async () => {
  fake = await startAwsFake();
  bundle = await bundleServer('aws-core');
  const transport = new StdioClientTransport({
    command: pinnedNode,
    args: [bundle],
    env: {
      PATH: process.env.PATH ?? '',
      HOME: outDir,
      ...fake.env('us-east-1'),
      AWS_CONFIG_FILE: join(outDir, 'none'),
      AWS_SHARED_CREDENTIALS_FILE: join(outDir, 'none'),
      SRE_AWS_ROLES: JSON.stringify({ readonly: 'arn:aws:iam::123456789012:role/sre-readonly' }),
      LOG_LEVEL: 'debug',
    },
    stderr: 'pipe',
  });
  transport.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  client = new Client({ name: 'stdio-test', version: '1.0.0' });
  const started = performance.now();
  await client.connect(transport);
  initializeMs = performance.now() - started;
}, 60_000);

afterAll(async () => {
  await client?.close();
  await fake?.close();
  rmSync(outDir, { recursive: true, force: true });
});

const text = (result: CallToolResult) =>
  result.content.map((c) => (c.type === 'text' ? c.text : '')).join('\n');

describe('sre-aws-core-mcp over stdio', () => {
  it('starts without touching AWS and lists its tools', async () => {
    expect(client.getServerVersion()?.name).toBe('sre-aws-core-mcp');
    const { tools } = await client.listTools();
    // The exact list is servers/aws-core/src/server.test.ts's; here: the bundle offers them all.
    expect(tools.map((t) => t.name)).toEqual(
      expect.arrayContaining(['get_caller_identity', 'describe_eks_cluster', 'query_logs', 'get_aws_health']),
    );
    expect(fake.requests).toHaveLength(0);
    process.stderr.write(`sre-aws-core-mcp stdio initialize took ${Math.round(initializeMs)}ms\n`);
  });

  it('loads no AWS SDK module before the first AWS call: every SDK import is dynamic', () => {
    const source = readFileSync(bundle, 'utf8');
    expect(source).toMatch(/import\("@aws-sdk\/client-ec2"\)/);
    expect(source).not.toMatch(/^import[^;]*from\s*"@(aws-sdk|smithy)\//m);
  });

  it('answers tool calls through the real SDK, assuming a role, with only JSON logs on stderr', async () => {
    const who = (await client.callTool({
      name: 'get_caller_identity',
      arguments: { role_name: 'readonly' },
    })) as CallToolResult;
    expect(text(who)).toContain('assumed-role/sre-readonly');
    const ec2 = (await client.callTool({
      name: 'list_ec2_instances',
      arguments: { states: ['running'] },
    })) as CallToolResult;
    expect(text(ec2).split('\n')[0]).toBe('16 EC2 instance(s) in us-east-1: running 16');
    const lines = stderr.split('\n').filter(Boolean);
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(() => JSON.parse(line)).not.toThrow();
  });
});
