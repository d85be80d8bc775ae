import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AwsFake, STATIC_CREDENTIALS, startAwsFake } from '../../../test/fakes/aws/aws-fake.ts';
import { type CostHarness, startCostHarness } from '../../../test/fakes/cost-explorer/mcp-harness.ts';

// Credentials come from the real SDK chain here: profiles in files, and STS AssumeRole against the AWS fake.
let sts: AwsFake;
let dir: string;

beforeAll(async () => {
  sts = await startAwsFake();
  dir = mkdtempSync(join(tmpdir(), 'aws-cost-creds-'));
  writeFileSync(join(dir, 'config'), '[profile other]\nregion = us-east-1\n');
  writeFileSync(join(dir, 'credentials'), '');
});

afterAll(async () => {
  await sts.close();
  rmSync(dir, { recursive: true, force: true });
});

async function withHarness(
  options: Parameters<typeof startCostHarness>[0],
  run: (h: CostHarness) => Promise<void>,
) {
  const h = await startCostHarness(options);
  try {
    await run(h);
  } finally {
    await h.close();
  }
}

describe('credentials', () => {
  it('says which profile was tried when there are no credentials, and sends nothing', async () => {
    const env = {
      AWS_PROFILE: 'billing-missing',
      AWS_CONFIG_FILE: join(dir, 'config'),
      AWS_SHARED_CREDENTIALS_FILE: join(dir, 'credentials'),
      SRE_CE_MAX_REQUESTS_PER_HOUR: '1',
    };
    await withHarness({ credentials: null, env }, async (h) => {
      const out = await h.call('get_cost_by_service', {});
      expect(out.isError).toBe(true);
      expect(out.text).toMatch(/No AWS credentials found: tried profile "billing-missing"/);
      expect(out.text).toMatch(/aws sso login --profile/);
      expect(h.fake.requestCount()).toBe(0);
      // Nothing was sent, so nothing was spent from the hourly budget of one request.
      const again = await h.call('get_cost_by_service', {});
      expect(again.text).toMatch(/No AWS credentials found/);
    });
  });

  it('assumes the configured role through STS and signs Cost Explorer requests with it', async () => {
    const env = {
      SRE_CE_ROLE_ARN: 'arn:aws:iam::210987654321:role/sre-readonly',
      SRE_CE_EXTERNAL_ID: 'acme-ext-7',
      AWS_ENDPOINT_URL_STS: sts.url,
    };
    await withHarness({ credentials: STATIC_CREDENTIALS, env }, async (h) => {
      const out = await h.call('get_cost_by_account', { period: 'last_month' });
      expect(out.isError).toBe(false);
      const signedWith = h.fake.requests[0]?.accessKeyId ?? '';
      expect(signedWith).toMatch(/^ASIA/);
      expect(
        sts.requests.some((r) => r.operation === 'AssumeRole' && r.params.RoleArn === env.SRE_CE_ROLE_ARN),
      ).toBe(true);
    });
  });

  it('explains a refused AssumeRole', async () => {
    const env = {
      SRE_CE_ROLE_ARN: 'arn:aws:iam::210987654321:role/sre-readonly',
      AWS_ENDPOINT_URL_STS: sts.url,
    };
    await withHarness({ credentials: STATIC_CREDENTIALS, env }, async (h) => {
      const out = await h.call('get_cost_by_account', { period: 'last_month' });
      expect(out.isError).toBe(true);
      expect(out.text).toMatch(/Could not assume arn:aws:iam::210987654321:role\/sre-readonly.*trust policy/);
      expect(h.fake.requestCount()).toBe(0);
    });
  });
});
