// Credential and region resolution through the SDK's real default chain, steered only by the
// environment and files an operator would have (~/.aws/config, the SSO token cache).
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type AwsFake, startAwsFake } from '@sre-agent/test/fakes/aws/aws-fake.ts';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { startAwsCoreHarness, stubAwsEnvironment } from './test-harness.js';

let fake: AwsFake;
const noKeys = { AWS_ACCESS_KEY_ID: undefined, AWS_SECRET_ACCESS_KEY: undefined };

beforeAll(async () => {
  fake = await startAwsFake();
});
afterAll(() => fake.close());
beforeEach(() => fake.reset());
afterEach(() => {
  vi.unstubAllEnvs();
});

async function callOnce(
  tool: string,
  env: Record<string, string | undefined>,
  args: Record<string, unknown> = {},
) {
  const harness = await startAwsCoreHarness(fake, { env });
  try {
    return await harness.call(tool, args);
  } finally {
    await harness.close();
  }
}

describe('credentials', () => {
  it('says plainly when there are no credentials anywhere, and how to provide them', async () => {
    stubAwsEnvironment(fake, noKeys);
    const { text, isError } = await callOnce('list_ec2_instances', {});
    expect(isError).toBe(true);
    expect(text).toContain('No AWS credentials found');
    expect(text).toContain('Set AWS_PROFILE to a configured profile');
    expect(fake.requests).toHaveLength(0);
  });

  it('tells an expired SSO session to log in again, naming the profile', async () => {
    const home = stubAwsEnvironment(fake, noKeys);
    vi.stubEnv('HOME', home);
    const startUrl = 'https://acme.awsapps.com/start';
    writeFileSync(
      join(home, 'config'),
      `[profile sso-dev]\nsso_start_url = ${startUrl}\nsso_region = us-east-1\nsso_account_id = 123456789012\nsso_role_name = ReadOnly\nregion = eu-west-1\n`,
    );
    mkdirSync(join(home, '.aws', 'sso', 'cache'), { recursive: true });
    const cacheKey = createHash('sha1').update(startUrl).digest('hex');
    writeFileSync(
      join(home, '.aws', 'sso', 'cache', `${cacheKey}.json`),
      JSON.stringify({
        startUrl,
        region: 'us-east-1',
        accessToken: 'old',
        expiresAt: '2020-01-01T00:00:00Z',
      }),
    );
    const { text, isError } = await callOnce('get_caller_identity', { AWS_PROFILE: 'sso-dev' });
    expect(isError).toBe(true);
    expect(text).toBe(
      'The AWS SSO session for profile "sso-dev" has expired or is not logged in. Run `aws sso login --profile sso-dev` and retry.',
    );
  });
});

describe('region', () => {
  it("falls back to the profile's region when AWS_REGION is unset", async () => {
    const home = stubAwsEnvironment(fake, noKeys);
    writeFileSync(join(home, 'config'), '[profile ops]\nregion = eu-west-1\n');
    writeFileSync(
      join(home, 'credentials'),
      `[ops]\naws_access_key_id = ${fake.credentials.accessKeyId}\naws_secret_access_key = ${fake.credentials.secretAccessKey}\n`,
    );
    const { text } = await callOnce('get_caller_identity', { AWS_REGION: undefined, AWS_PROFILE: 'ops' });
    expect(text).toContain('Region:      eu-west-1');
    expect(fake.requests[0]?.region).toBe('eu-west-1');
  });

  it('asks for a region when neither the environment nor the profile has one', async () => {
    stubAwsEnvironment(fake);
    const { text, isError } = await callOnce('list_rds_instances', { AWS_REGION: undefined });
    expect(isError).toBe(true);
    expect(text).toBe(
      'No AWS region is configured. Pass region (e.g. "us-east-1"), or set AWS_REGION or a region in the AWS profile.',
    );
    // An explicit region needs no default.
    expect(
      (await callOnce('list_rds_instances', { AWS_REGION: undefined }, { region: 'eu-west-1' })).isError,
    ).toBe(false);
  });
});

describe('endpoints', () => {
  it('honours a global AWS_ENDPOINT_URL as well as the per-service ones', async () => {
    stubAwsEnvironment(fake);
    const perService = Object.fromEntries(
      ['STS', 'EC2', 'S3', 'RDS', 'IAM', 'EKS'].map((s) => [`AWS_ENDPOINT_URL_${s}`, undefined]),
    );
    const { isError } = await callOnce('list_s3_buckets', { ...perService, AWS_ENDPOINT_URL: fake.url });
    expect(isError).toBe(false);
    expect(fake.count('s3', 'ListBuckets')).toBe(1);
  });
});
