import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { createLogger, parseServerConfig, type UpstreamStatus, upstreamResourceUri } from '@sre-agent/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCostConfig } from './config.js';
import { createCostExplorerClient, resolveBaseCredentials } from './cost-explorer-client.js';
import { createCostServer } from './server.js';
import { createCostUpstreamCheck } from './upstream-check.js';

// The aws-cost server's health://upstream resource through a real MCP client, with the SDK's real chain
// reading profiles from files. Cost Explorer is never called by the check ($0.01 a request).
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'aws-cost-upstream-'));
  writeFileSync(join(dir, 'config'), '[profile billing]\nregion = us-east-1\n');
  writeFileSync(
    join(dir, 'credentials'),
    '[billing]\naws_access_key_id = AKIAHEALTHCHECK00001\naws_secret_access_key = not-a-real-secret\n',
  );
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function readUpstream(profile: string): Promise<UpstreamStatus> {
  const config = parseCostConfig({
    AWS_PROFILE: profile,
    AWS_CONFIG_FILE: join(dir, 'config'),
    AWS_SHARED_CREDENTIALS_FILE: join(dir, 'credentials'),
  });
  const logger = createLogger({ name: 't', write: () => {} });
  const now = () => new Date();
  const server = createCostServer({
    deps: { ce: createCostExplorerClient({ config, logger, now }), config, now },
    config: parseServerConfig({}),
    logger,
    upstream: createCostUpstreamCheck(config, resolveBaseCredentials),
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

describe('health://upstream of the aws-cost server', () => {
  it('says credentials were found through the profile, never the key', async () => {
    const status = await readUpstream('billing');
    expect(status).toEqual({
      configured: true,
      reachable: null,
      detail:
        'credentials found through profile "billing"; Cost Explorer in us-east-1; AWS not called by this check',
    });
    expect(JSON.stringify(status)).not.toMatch(/AKIAHEALTHCHECK|not-a-real-secret/);
  });

  it('says which profile had no credentials and how to fix it', async () => {
    const status = await readUpstream('billing-missing');
    expect(status).toMatchObject({ configured: false, reachable: null });
    expect(status.detail).toMatch(
      /^No AWS credentials found: tried profile "billing-missing".*aws sso login/,
    );
  });
});
