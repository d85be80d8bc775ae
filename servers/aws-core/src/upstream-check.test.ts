import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { createLogger, parseServerConfig, type UpstreamStatus, upstreamResourceUri } from '@sre-agent/shared';
import { type AwsFake, startAwsFake } from '@sre-agent/test/fakes/aws/aws-fake.ts';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createAwsClientProvider } from './aws-clients.js';
import { parseAwsCoreConfig } from './config.js';
import { createAwsCoreServer } from './server.js';
import { stubAwsEnvironment } from './test-harness.js';
import { createAwsUpstreamCheck } from './upstream-check.js';

// The aws-core server's health://upstream resource through a real MCP client: credentials found or
// not, by the SDK's real chain; AWS itself is never called by the check.
let fake: AwsFake;
beforeAll(async () => {
  fake = await startAwsFake();
});
afterAll(() => fake.close());
afterEach(() => vi.unstubAllEnvs());

async function readUpstream(env: Record<string, string | undefined>): Promise<UpstreamStatus> {
  const config = parseAwsCoreConfig(env);
  const logger = createLogger({ name: 't', write: () => {} });
  const aws = createAwsClientProvider(config, { logger });
  const server = createAwsCoreServer({
    deps: { aws, config, now: () => new Date() },
    config: parseServerConfig({}),
    logger,
    upstream: createAwsUpstreamCheck(aws),
  });
  const client = new Client({ name: 'probe', version: '1' });
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  await server.connect(serverSide);
  await client.connect(clientSide);
  try {
    const [content] = (await client.readResource({ uri: upstreamResourceUri })).contents;
    return JSON.parse(content && 'text' in content ? content.text : '') as UpstreamStatus;
  } finally {
    await client.close();
  }
}

describe('health://upstream of the aws-core server', () => {
  it('names where the credentials come from and the region, never the key, without calling AWS', async () => {
    stubAwsEnvironment(fake);
    const status = await readUpstream({ AWS_REGION: 'eu-west-1' });
    expect(status).toEqual({
      configured: true,
      reachable: null,
      detail:
        'credentials from environment variables (AWS_ACCESS_KEY_ID); region eu-west-1; AWS not called by this check',
    });
    expect(JSON.stringify(status)).not.toContain(fake.credentials.accessKeyId);
    expect(fake.requests).toHaveLength(0);
  });

  it('says no credentials were found, and what to set', async () => {
    stubAwsEnvironment(fake, { AWS_ACCESS_KEY_ID: undefined, AWS_SECRET_ACCESS_KEY: undefined });
    const status = await readUpstream({ AWS_REGION: 'eu-west-1' });
    expect(status).toMatchObject({ configured: false, reachable: null });
    expect(status.detail).toMatch(/^No AWS credentials found/);
  });
});
