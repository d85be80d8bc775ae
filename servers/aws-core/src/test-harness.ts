// Drives the real AWS core MCP server end to end: MCP Client -> InMemoryTransport -> server ->
// AWS SDK v3 clients -> the AWS fake over HTTP. Test-only (excluded from the build).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { createLogger, parseServerConfig } from '@sre-agent/shared';
import { type AwsFake, startAwsFake } from '@sre-agent/test/fakes/aws/aws-fake.ts';
import { jsonOf } from '@sre-agent/test/mcp-result.ts';
import { afterAll, afterEach, beforeAll, beforeEach, vi } from 'vitest';
import { createAwsClientProvider } from './aws-clients.js';
import type { AwsClientProviderOptions } from './aws-session.js';
import { parseAwsCoreConfig } from './config.js';
import { createAwsCoreServer } from './server.js';

export const TEST_ROLES = {
  readonly: 'arn:aws:iam::123456789012:role/sre-readonly',
  partner: { role_arn: 'arn:aws:iam::210987654321:role/sre-readonly', external_id: 'acme-ext-7' },
  forbidden: 'arn:aws:iam::123456789012:role/admin',
};

/**
 * Points the SDK's default credential chain at the fake's static key and away from this
 * machine's ~/.aws, the way an operator's environment would. Undone by `vi.unstubAllEnvs()`.
 */
export function stubAwsEnvironment(fake: AwsFake, extra: Record<string, string | undefined> = {}) {
  const home = mkdtempSync(join(tmpdir(), 'aws-core-home-'));
  const env: Record<string, string | undefined> = {
    AWS_ACCESS_KEY_ID: fake.credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: fake.credentials.secretAccessKey,
    AWS_SESSION_TOKEN: undefined,
    AWS_PROFILE: undefined,
    AWS_REGION: undefined,
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_CONFIG_FILE: join(home, 'config'),
    AWS_SHARED_CREDENTIALS_FILE: join(home, 'credentials'),
    ...extra,
  };
  for (const [key, value] of Object.entries(env)) vi.stubEnv(key, value);
  return home;
}

export interface HarnessCall {
  text: string;
  /** The JSON item of an `output: "json"` result (inside its untrusted-data fence). */
  json: string;
  isError: boolean;
  result: CallToolResult;
}

export interface AwsCoreHarnessOptions {
  /** Server environment on top of the fake's endpoints, AWS_REGION=us-east-1 and TEST_ROLES. */
  env?: Record<string, string | undefined>;
  provider?: AwsClientProviderOptions;
  now?: Date;
}

export async function startAwsCoreHarness(fake: AwsFake, options: AwsCoreHarnessOptions = {}) {
  const env: Record<string, string | undefined> = {
    ...fake.env('us-east-1'),
    SRE_AWS_ROLES: JSON.stringify(TEST_ROLES),
    SRE_AWS_RETRY_BASE_MS: '1',
    KUBECONFIG: join(tmpdir(), 'aws-core-no-kubeconfig'),
    ...options.env,
  };
  const config = parseAwsCoreConfig(env);
  const logs: string[] = [];
  const logger = createLogger({ name: 'aws-core-test', level: 'debug', write: (line) => logs.push(line) });
  const aws = createAwsClientProvider(config, { logger, ...options.provider });
  const now = options.now ?? new Date();
  const server = createAwsCoreServer({
    deps: { aws, config, now: () => now },
    config: parseServerConfig(env),
    logger,
  });
  const client = new Client({ name: 'aws-core-test', version: '1.0.0' });
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  await server.connect(serverSide);
  await client.connect(clientSide);
  const call = async (name: string, args: Record<string, unknown> = {}): Promise<HarnessCall> => {
    const result = (await client.callTool({ name, arguments: args })) as CallToolResult;
    const text = result.content.map((item) => (item.type === 'text' ? item.text : '')).join('\n');
    return { text, json: jsonOf(result), isError: result.isError === true, result };
  };
  return { client, call, logs, aws, config, close: () => client.close() };
}

export type AwsCoreHarness = Awaited<ReturnType<typeof startAwsCoreHarness>>;

/**
 * The lifecycle every test file of this server shares: one fake per file, and before each test
 * the fake back at its starting state, the environment stubbed as an operator's would be, and a
 * fresh server, so cached credentials and clients never carry over from one test to the next.
 */
export function useAwsCoreHarness(options: AwsCoreHarnessOptions = {}) {
  let fake: AwsFake | undefined;
  let harness: AwsCoreHarness | undefined;
  const current = () => {
    if (!harness) throw new Error('useAwsCoreHarness: the server starts in beforeEach');
    return harness;
  };
  beforeAll(async () => {
    fake = await startAwsFake();
  });
  afterAll(() => fake?.close());
  beforeEach(async () => {
    fake!.reset();
    stubAwsEnvironment(fake!);
    harness = await startAwsCoreHarness(fake!, options);
  });
  afterEach(async () => {
    await harness?.close();
    harness = undefined;
    vi.unstubAllEnvs();
  });
  return {
    get fake(): AwsFake {
      if (!fake) throw new Error('useAwsCoreHarness: the fake starts in beforeAll');
      return fake;
    },
    get harness(): AwsCoreHarness {
      return current();
    },
    call: (name: string, args?: Record<string, unknown>) => current().call(name, args),
    /** Replaces this test's server with one started with other settings (on top of the file's). */
    async restart(overrides: AwsCoreHarnessOptions) {
      await harness?.close();
      harness = await startAwsCoreHarness(fake!, {
        ...options,
        ...overrides,
        env: { ...options.env, ...overrides.env },
      });
      return harness;
    },
  };
}

/** Writes a kubeconfig (YAML) whose current context points at `server` and returns its path. */
export function writeKubeconfig(
  dir: string,
  entries: { context: string; cluster: string; server: string; args?: string[] }[],
  current: string,
): string {
  const path = join(dir, `kubeconfig-${Math.random().toString(36).slice(2)}.yaml`);
  const yaml = [
    'apiVersion: v1',
    'kind: Config',
    `current-context: ${current}`,
    'clusters:',
    ...entries.flatMap((e) => [`- name: ${e.cluster}`, '  cluster:', `    server: ${e.server}`]),
    'contexts:',
    ...entries.flatMap((e) => [
      `- name: ${e.context}`,
      '  context:',
      `    cluster: ${e.cluster}`,
      `    user: ${e.context}-user`,
    ]),
    'users:',
    ...entries.flatMap((e) => [
      `- name: ${e.context}-user`,
      '  user:',
      '    exec:',
      '      apiVersion: client.authentication.k8s.io/v1beta1',
      '      command: aws',
      `      args: [${(e.args ?? []).map((a) => JSON.stringify(a)).join(', ')}]`,
    ]),
  ].join('\n');
  writeFileSync(path, yaml);
  return path;
}
