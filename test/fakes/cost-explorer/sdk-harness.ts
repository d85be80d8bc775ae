/**
 * The fake driven by the real AWS SDK client, with the lifecycle every wire-protocol test file needs:
 * one fake and one client per file, injected errors and the request log cleared before each test.
 */
import { CostExplorerClient } from '@aws-sdk/client-cost-explorer';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { type CostExplorerFake, startCostExplorerFake } from './server.ts';

export const SDK_NOW = new Date('2025-06-18T10:30:00Z');
export const EC2 = 'Amazon Elastic Compute Cloud - Compute';

/** An API amount string in micro-units, the ledger's own scale. */
export const micros = (amount: string | undefined) => Math.round(Number(amount) * 1e6);

export interface SdkHarness {
  readonly fake: CostExplorerFake;
  readonly client: CostExplorerClient;
}

export function useFakeWithSdk(options: { pageSize?: number } = {}): SdkHarness {
  let fake: CostExplorerFake | undefined;
  let client: CostExplorerClient | undefined;
  beforeAll(async () => {
    // Without this the SDK's credential chain may wait on the EC2 metadata endpoint.
    process.env.AWS_EC2_METADATA_DISABLED = 'true';
    fake = await startCostExplorerFake({ now: SDK_NOW, pageSize: options.pageSize ?? 25 });
    client = new CostExplorerClient({
      endpoint: fake.url,
      region: 'us-east-1',
      credentials: { accessKeyId: 'AKIDFAKE', secretAccessKey: 'fake-secret' },
      maxAttempts: 2,
    });
  });
  afterAll(async () => {
    client?.destroy();
    await fake?.close();
  });
  beforeEach(() => {
    fake?.clearErrors();
    fake?.resetRequests();
  });
  return {
    get fake() {
      if (!fake) throw new Error('useFakeWithSdk: the fake starts in beforeAll');
      return fake;
    },
    get client() {
      if (!client) throw new Error('useFakeWithSdk: the client starts in beforeAll');
      return client;
    },
  };
}
