import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
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

  it('signs with the role SRE_AWS_COST_ROLE names in SRE_AWS_ROLES, as aws-core reads it', async () => {
    const env = {
      SRE_AWS_ROLES: JSON.stringify({
        billing: { role_arn: 'arn:aws:iam::210987654321:role/sre-readonly', external_id: 'acme-ext-7' },
      }),
      SRE_AWS_COST_ROLE: 'billing',
      AWS_ENDPOINT_URL_STS: sts.url,
    };
    await withHarness({ credentials: STATIC_CREDENTIALS, env }, async (h) => {
      const out = await h.call('get_cost_by_account', { period: 'last_month' });
      expect(out.isError).toBe(false);
      expect(h.fake.requests[0]?.accessKeyId).toMatch(/^ASIA/);
      const assume = sts.requests.find((r) => r.operation === 'AssumeRole');
      expect(assume?.params).toMatchObject({ ExternalId: 'acme-ext-7', RoleSessionName: 'sre-aws-cost-mcp' });
      expect(h.logs.join('\n')).not.toContain('deprecated');
    });
  });

  it('logs each deprecated variable once, naming what replaces it', async () => {
    const env = {
      SRE_CE_ROLE_ARN: 'arn:aws:iam::210987654321:role/sre-readonly',
      SRE_CE_EXTERNAL_ID: 'acme-ext-7',
      AWS_ENDPOINT_URL_STS: sts.url,
    };
    await withHarness({ credentials: STATIC_CREDENTIALS, env }, async (h) => {
      const warnings = h.logs.filter((line) => line.includes('deprecated'));
      expect(warnings).toHaveLength(2);
      expect(warnings.join('\n')).toContain(
        'SRE_CE_ROLE_ARN is deprecated and will be removed; use SRE_AWS_ROLES and SRE_AWS_COST_ROLE instead',
      );
      expect(warnings.join('\n')).toContain('SRE_CE_EXTERNAL_ID is deprecated');
    });
  });
});

describe('an expired SSO session', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it('is told to log in again with the profile, in the words aws-core uses', async () => {
    const home = mkdtempSync(join(tmpdir(), 'aws-cost-sso-'));
    const startUrl = 'https://acme.awsapps.com/start';
    writeFileSync(
      join(home, 'config'),
      `[profile sso-billing]\nsso_start_url = ${startUrl}\nsso_region = us-east-1\nsso_account_id = 123456789012\nsso_role_name = Billing\n`,
    );
    mkdirSync(join(home, '.aws', 'sso', 'cache'), { recursive: true });
    writeFileSync(
      join(home, '.aws', 'sso', 'cache', `${createHash('sha1').update(startUrl).digest('hex')}.json`),
      JSON.stringify({
        startUrl,
        region: 'us-east-1',
        accessToken: 'old',
        expiresAt: '2020-01-01T00:00:00Z',
      }),
    );
    // As an operator's environment would have them: the SSO provider reads the process environment.
    vi.stubEnv('HOME', home);
    vi.stubEnv('AWS_CONFIG_FILE', join(home, 'config'));
    vi.stubEnv('AWS_ACCESS_KEY_ID', undefined);
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', undefined);
    const env = {
      AWS_PROFILE: 'sso-billing',
      AWS_CONFIG_FILE: join(home, 'config'),
      AWS_SHARED_CREDENTIALS_FILE: join(home, 'credentials'),
    };
    await withHarness({ credentials: null, env }, async (h) => {
      const out = await h.call('get_cost_by_service', {});
      expect(out.isError).toBe(true);
      expect(out.text).toBe(
        'The AWS SSO session for profile "sso-billing" has expired or is not logged in. Run `aws sso login --profile sso-billing` and retry.',
      );
      expect(h.fake.requestCount()).toBe(0);
    });
    rmSync(home, { recursive: true, force: true });
  });
});
