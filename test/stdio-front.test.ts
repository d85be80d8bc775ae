// The stdio front (shared/src/bootstrap/stdio-front.ts) answers `initialize` and the list requests
// from handshake.json, recorded at build, before a bundled server loads. Wrong answers there would be
// wrong for every client, so: the recording must equal what the loaded server answers, for each env
// it was recorded with; every env variable that changes those answers must be among the recorded
// inputs (else a client with that variable set would get a stale list); and the loaded server must
// still know the client's capabilities (a write's confirmation is an elicitation).
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import {
  type CallToolResult,
  ElicitRequestSchema,
  type JSONRPCMessage,
  LATEST_PROTOCOL_VERSION,
} from '@modelcontextprotocol/sdk/types.js';
import { awsCoreEnvSchema } from '@sre-agent/aws-core';
import { costEnvSchema } from '@sre-agent/aws-cost';
import { k8sEnvSchema } from '@sre-agent/k8s';
import { createLogger, parseServerConfig, type RunServerOptions, serverEnvSchema } from '@sre-agent/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { awsCoreServerOptions } from '../servers/aws-core/src/server-options.ts';
import { costServerOptions } from '../servers/aws-cost/src/server-options.ts';
import { handshakeInputs } from '../servers/handshake-inputs.ts';
import { k8sServerOptions } from '../servers/k8s/src/server-options.ts';
import { defaultFixtures, type FakeKubeApiServer, startKubeApiServer } from './fakes/kube-apiserver/index.ts';

const servers: { name: string; options: RunServerOptions; envKeys: string[] }[] = [
  { name: 'k8s', options: k8sServerOptions, envKeys: Object.keys(k8sEnvSchema.shape) },
  { name: 'aws-cost', options: costServerOptions, envKeys: Object.keys(costEnvSchema.shape) },
  { name: 'aws-core', options: awsCoreServerOptions, envKeys: Object.keys(awsCoreEnvSchema.shape) },
];

/** A valid, non-default setting of every variable the servers read (with what it needs beside it). */
const roles = '{"prod":"arn:aws:iam::123456789012:role/read","audit":"arn:aws:iam::210987654321:role/read"}';
const endpoint = 'http://127.0.0.1:1';
const samples: Record<string, Record<string, string>> = {
  LOG_LEVEL: { LOG_LEVEL: 'debug' },
  SRE_OUTPUT_BUDGET: { SRE_OUTPUT_BUDGET: '4096' },
  SRE_ALLOW_WRITES: { SRE_ALLOW_WRITES: 'true' },
  SRE_CONFIRM_WRITES: { SRE_CONFIRM_WRITES: 'false' },
  SRE_TOOL_TIMEOUT_MS: { SRE_TOOL_TIMEOUT_MS: '5000' },
  SRE_MCP_TOKEN: { SRE_MCP_TOKEN: 'a-token-of-sixteen-chars' },
  SRE_MCP_MAX_SESSIONS: { SRE_MCP_MAX_SESSIONS: '3' },
  SRE_MCP_STATELESS: { SRE_MCP_STATELESS: 'true' },
  SRE_METRICS_TOKEN: { SRE_METRICS_TOKEN: 'a-metrics-token-of-16' },
  KUBECONFIG: { KUBECONFIG: '/nonexistent/kubeconfig' },
  KUBE_CONTEXT: { KUBE_CONTEXT: 'prod' },
  SRE_NAMESPACES: { SRE_NAMESPACES: 'payments,web' },
  SRE_MAX_REPLICAS: { SRE_MAX_REPLICAS: '7' },
  SRE_K8S_TOOLSETS: { SRE_K8S_TOOLSETS: 'core' },
  AWS_REGION: { AWS_REGION: 'eu-west-1' },
  AWS_DEFAULT_REGION: { AWS_DEFAULT_REGION: 'eu-west-2' },
  AWS_PROFILE: { AWS_PROFILE: 'prod' },
  AWS_SHARED_CREDENTIALS_FILE: { AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/credentials' },
  AWS_CONFIG_FILE: { AWS_CONFIG_FILE: '/nonexistent/config' },
  SRE_AWS_ROLES: { SRE_AWS_ROLES: roles },
  SRE_AWS_ROLE_SESSION_NAME: { SRE_AWS_ROLE_SESSION_NAME: 'oncall-bot' },
  AWS_MAX_ATTEMPTS: { AWS_MAX_ATTEMPTS: '5' },
  AWS_RETRY_MODE: { AWS_RETRY_MODE: 'adaptive' },
  SRE_AWS_RETRY_BASE_MS: { SRE_AWS_RETRY_BASE_MS: '200' },
  SRE_AWS_MAX_ATTEMPTS: { SRE_AWS_MAX_ATTEMPTS: '5' },
  SRE_CE_MAX_ATTEMPTS: { SRE_CE_MAX_ATTEMPTS: '2' },
  AWS_ENDPOINT_URL: { AWS_ENDPOINT_URL: endpoint },
  AWS_ENDPOINT_URL_COST_EXPLORER: { AWS_ENDPOINT_URL_COST_EXPLORER: endpoint },
  AWS_ENDPOINT_URL_STS: { AWS_ENDPOINT_URL_STS: endpoint },
  AWS_ENDPOINT_URL_EC2: { AWS_ENDPOINT_URL_EC2: endpoint },
  AWS_ENDPOINT_URL_S3: { AWS_ENDPOINT_URL_S3: endpoint },
  AWS_ENDPOINT_URL_RDS: { AWS_ENDPOINT_URL_RDS: endpoint },
  AWS_ENDPOINT_URL_IAM: { AWS_ENDPOINT_URL_IAM: endpoint },
  AWS_ENDPOINT_URL_EKS: { AWS_ENDPOINT_URL_EKS: endpoint },
  AWS_ENDPOINT_URL_CLOUDWATCH_LOGS: { AWS_ENDPOINT_URL_CLOUDWATCH_LOGS: endpoint },
  AWS_ENDPOINT_URL_CLOUDTRAIL: { AWS_ENDPOINT_URL_CLOUDTRAIL: endpoint },
  AWS_ENDPOINT_URL_HEALTH: { AWS_ENDPOINT_URL_HEALTH: endpoint },
  SRE_AWS_COST_ROLE: { SRE_AWS_ROLES: roles, SRE_AWS_COST_ROLE: 'audit' },
  SRE_CE_ROLE_ARN: { SRE_CE_ROLE_ARN: 'arn:aws:iam::123456789012:role/ce' },
  SRE_CE_EXTERNAL_ID: { SRE_CE_ROLE_ARN: 'arn:aws:iam::123456789012:role/ce', SRE_CE_EXTERNAL_ID: 'ext-1' },
  SRE_CE_MAX_REQUESTS_PER_HOUR: { SRE_CE_MAX_REQUESTS_PER_HOUR: '10' },
  SRE_CE_CACHE_TTL_SECONDS: { SRE_CE_CACHE_TTL_SECONDS: '60' },
  SRE_CE_CACHE_TTL_CURRENT_SECONDS: { SRE_CE_CACHE_TTL_CURRENT_SECONDS: '30' },
  SRE_LOGS_MAX_SCAN_GB: { SRE_LOGS_MAX_SCAN_GB: '5' },
};

/** What a client asks while connecting, in order; answers are compared whole. */
function handshakeRequests(protocolVersion: string): JSONRPCMessage[] {
  return [
    {
      jsonrpc: '2.0',
      id: 1,
      method: 'initialize',
      params: { protocolVersion, capabilities: {}, clientInfo: { name: 'stdio-front-test', version: '1' } },
    },
    { jsonrpc: '2.0', method: 'notifications/initialized' },
    ...['tools/list', 'prompts/list', 'resources/list', 'resources/templates/list'].map(
      (method, index): JSONRPCMessage => ({ jsonrpc: '2.0', id: index + 2, method }),
    ),
  ];
}

const byId = (answers: JSONRPCMessage[]) =>
  [...answers].sort((a, b) => Number('id' in a && a.id) - Number('id' in b && b.id));

const expectedAnswers = (requests: JSONRPCMessage[]) => requests.filter((message) => 'id' in message).length;

/** The handshake answered by the server built in this process from source, as the loaded server answers it. */
async function loadedServerAnswers(options: RunServerOptions, env: Record<string, string>) {
  const config = parseServerConfig(env);
  const logger = createLogger({ name: 'stdio-front-test', level: 'error' });
  const made = await options.setup({ config, logger, env });
  const server = (typeof made === 'function' ? made : made.createServer)();
  const [client, serverSide] = InMemoryTransport.createLinkedPair();
  await server.connect(serverSide);
  const requests = handshakeRequests(LATEST_PROTOCOL_VERSION);
  const answers: JSONRPCMessage[] = [];
  const done = new Promise<void>((resolve) => {
    client.onmessage = (message) => {
      answers.push(message);
      if (answers.length === expectedAnswers(requests)) resolve();
    };
  });
  await client.start();
  for (const request of requests) await client.send(request);
  await done;
  await server.close();
  return answers;
}

const home = mkdtempSync(join(tmpdir(), 'stdio-front-'));
afterAll(() => rmSync(home, { recursive: true, force: true }));

/** The same handshake over stdio from the bundle, and whether its front answered it (the debug log says). */
async function bundleAnswers(server: string, env: Record<string, string>, protocolVersion: string) {
  const main = fileURLToPath(new URL(`../servers/${server}/dist/bundle/main.js`, import.meta.url));
  if (!existsSync(main)) throw new Error(`${main} is missing: run \`npm run build\` first`);
  const child = spawn(process.execPath, [main], {
    env: { PATH: process.env.PATH ?? '', HOME: home, LOG_LEVEL: 'debug', ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const requests = [
    ...handshakeRequests(protocolVersion),
    { jsonrpc: '2.0', id: 99, method: 'ping' } as const,
  ];
  const answers: JSONRPCMessage[] = [];
  const done = new Promise<void>((resolve, reject) => {
    child.on('exit', (code) => reject(new Error(`exited ${code}: ${stderr}`)));
    createInterface({ input: child.stdout }).on('line', (line) => {
      answers.push(JSON.parse(line) as JSONRPCMessage);
      if (answers.length === expectedAnswers(requests)) resolve();
    });
  });
  child.stdin.write(requests.map((message) => `${JSON.stringify(message)}\n`).join(''));
  try {
    await done;
  } finally {
    child.kill();
  }
  const frontAnswered = stderr.includes('"handshakeAnsweredBeforeLoad":true');
  return { answers: answers.slice(0, -1), ping: answers.at(-1), frontAnswered };
}

describe.each(servers)('the recorded handshake of $name', ({ name, options, envKeys }) => {
  const spec = handshakeInputs[name];
  if (!spec) throw new Error(`servers/handshake-inputs.ts has no ${name}`);

  it.each(spec.recordedEnvs.map((env) => [JSON.stringify(env), env]))(
    'equals what the loaded server answers, with %s',
    async (_label, env) => {
      const [recorded, live, olderClient] = await Promise.all([
        bundleAnswers(name, env, LATEST_PROTOCOL_VERSION),
        loadedServerAnswers(options, env),
        bundleAnswers(name, env, '2024-11-05'),
      ]);
      expect(recorded.frontAnswered).toBe(true);
      // In id order: what the front leaves to the loaded server (a method it lacks) comes later.
      expect(byId(recorded.answers)).toEqual(byId(live));
      // Then the loaded server answers what only it can.
      expect(recorded.ping).toEqual({ jsonrpc: '2.0', id: 99, result: {} });
      expect(olderClient.frontAnswered).toBe(true);
      expect(olderClient.answers[0]).toMatchObject({ result: { protocolVersion: '2024-11-05' } });
    },
  );

  it('lists every env variable that changes it among the recorded inputs', async () => {
    const read = [...Object.keys(serverEnvSchema.shape), ...envKeys];
    expect(read.filter((key) => !samples[key])).toEqual([]); // a new variable needs a sample here
    const changers: string[] = [];
    for (const base of spec.recordedEnvs) {
      const baseline = await loadedServerAnswers(options, base);
      for (const key of read) {
        const env = { ...base, ...samples[key] };
        if (JSON.stringify(await loadedServerAnswers(options, env)) !== JSON.stringify(baseline)) {
          changers.push(key);
        }
      }
    }
    expect([...new Set(changers)].filter((key) => !spec.inputs.includes(key))).toEqual([]);
  });
});

describe('after the front answered the handshake', () => {
  let api: FakeKubeApiServer;
  beforeAll(async () => {
    api = await startKubeApiServer(defaultFixtures(new Date()));
  });
  afterAll(async () => api?.close());

  it('the loaded server knows the client can confirm: a write asks the human, and a "no" changes nothing', async () => {
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: [fileURLToPath(new URL('../servers/k8s/bin/sre-k8s-mcp.js', import.meta.url))],
      env: {
        PATH: process.env.PATH ?? '',
        HOME: home,
        KUBECONFIG: api.writeKubeconfig(home),
        SRE_ALLOW_WRITES: 'true',
        LOG_LEVEL: 'debug',
      },
      stderr: 'pipe',
    });
    let stderr = '';
    transport.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const client = new Client(
      { name: 'stdio-front-test', version: '1' },
      { capabilities: { elicitation: {} } },
    );
    const asked: string[] = [];
    client.setRequestHandler(ElicitRequestSchema, (request) => {
      asked.push(request.params.message);
      return { action: 'decline' };
    });
    await client.connect(transport);
    try {
      const { tools } = await client.listTools();
      expect(tools.map((tool) => tool.name)).toContain('scale_deployment');
      const result = (await client.callTool({
        name: 'scale_deployment',
        arguments: { namespace: 'payments', deployment_name: 'checkout', replicas: 0 },
      })) as CallToolResult;
      expect(stderr).toContain('"handshakeAnsweredBeforeLoad":true');
      expect(asked).toHaveLength(1);
      expect(asked[0]).toMatch(/checkout/);
      expect(JSON.stringify(result.content)).toMatch(/declined|not changed|not scaled/i);
      expect(api.requests.some((request) => request.method === 'PATCH')).toBe(false);
    } finally {
      await client.close();
    }
  });
});
