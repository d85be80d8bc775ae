import { describe, expect, it, vi } from 'vitest';
import { stubAwsEnvironment, useAwsCoreHarness } from '../test-harness.js';

const aws = useAwsCoreHarness();

describe('get_caller_identity', () => {
  it('reports account, principal, credential source and region', async () => {
    const { text, isError } = await aws.call('get_caller_identity');
    expect(isError).toBe(false);
    expect(text).toContain('Account:     123456789012');
    expect(text).toContain('ARN:         arn:aws:iam::123456789012:user/sre-bot');
    expect(text).toContain('Principal:   IAM user sre-bot');
    expect(text).toContain('Credentials: environment variables (AWS_ACCESS_KEY_ID)');
    expect(text).toContain('Profile:     (not from a profile)');
    expect(text).toContain('Region:      us-east-1');
  });

  it('names the profile when credentials come from one', async () => {
    const home = stubAwsEnvironment(aws.fake, {
      AWS_ACCESS_KEY_ID: undefined,
      AWS_SECRET_ACCESS_KEY: undefined,
    });
    const { writeFileSync } = await import('node:fs');
    writeFileSync(
      `${home}/credentials`,
      `[ops]\naws_access_key_id = ${aws.fake.credentials.accessKeyId}\naws_secret_access_key = ${aws.fake.credentials.secretAccessKey}\n`,
    );
    await aws.restart({ env: { AWS_PROFILE: 'ops' } });
    const { text } = await aws.call('get_caller_identity');
    expect(text).toContain('Credentials: shared credentials/config profile');
    expect(text).toContain('Profile:     ops');
  });

  it('assumes a configured role, and reuses its credentials on the next call', async () => {
    const first = await aws.call('get_caller_identity', { role_name: 'readonly' });
    expect(first.text).toContain('arn:aws:sts::123456789012:assumed-role/sre-readonly/sre-aws-core-mcp');
    expect(first.text).toContain('Principal:   assumed role sre-readonly (session sre-aws-core-mcp)');
    expect(first.text).toContain(
      'Assumed via: role_name readonly (arn:aws:iam::123456789012:role/sre-readonly)',
    );
    await aws.call('list_aws_regions', { role_name: 'readonly' });
    await aws.call('get_caller_identity', { role_name: 'readonly', region: 'eu-west-1' });
    expect(aws.fake.count('sts', 'AssumeRole')).toBe(1);
    // The later calls were signed with the assumed key, not the static one.
    const keys = new Set(
      aws.fake.requests.filter((r) => r.operation !== 'AssumeRole').map((r) => r.accessKeyId),
    );
    expect([...keys].every((key) => key.startsWith('ASIA'))).toBe(true);
  });

  it('sends the external id a cross-account role requires', async () => {
    const { text, isError } = await aws.call('get_caller_identity', { role_name: 'partner' });
    expect(isError).toBe(false);
    expect(text).toContain('Account:     210987654321');
    expect(aws.fake.requests.find((r) => r.operation === 'AssumeRole')?.params.ExternalId).toBe('acme-ext-7');
  });

  it('keeps the role credentials until 5 minutes before they expire, then assumes the role again', async () => {
    // Only Date is faked: both the SDK's credential memo and ours read the wall clock.
    vi.useFakeTimers({ toFake: ['Date'], now: new Date('2030-01-01T00:00:00Z') });
    try {
      await aws.call('get_caller_identity', { role_name: 'readonly' });
      vi.setSystemTime(new Date('2030-01-01T00:50:00Z')); // 10 minutes left of the 1 hour session
      await aws.call('get_caller_identity', { role_name: 'readonly' });
      expect(aws.fake.count('sts', 'AssumeRole')).toBe(1);
      vi.setSystemTime(new Date('2030-01-01T00:56:00Z')); // 4 minutes left: renew first
      const { text } = await aws.call('get_caller_identity', { role_name: 'readonly' });
      expect(text).toContain('assumed-role/sre-readonly');
      expect(aws.fake.count('sts', 'AssumeRole')).toBe(2);
      await aws.call('get_caller_identity', { role_name: 'readonly' });
      expect(aws.fake.count('sts', 'AssumeRole')).toBe(2);
    } finally {
      vi.useRealTimers();
    }
  });

  it('refuses an unknown role name, listing the configured ones', async () => {
    const { text, isError } = await aws.call('get_caller_identity', { role_name: 'prod' });
    expect(isError).toBe(true);
    expect(text).toBe(
      'Unknown role_name "prod". Configured roles: readonly, partner, forbidden. Pass one of them, or omit role_name to use the default credentials.',
    );
    expect(aws.fake.requests).toHaveLength(0);
  });

  it('refuses role names every object inherits, instead of calling STS with no role', async () => {
    for (const name of ['__proto__', 'constructor', 'toString', 'hasOwnProperty']) {
      const { text, isError } = await aws.call('get_caller_identity', { role_name: name });
      expect(isError, name).toBe(true);
      expect(text).toBe(
        `Unknown role_name "${name}". Configured roles: readonly, partner, forbidden. Pass one of them, or omit role_name to use the default credentials.`,
      );
    }
    expect(aws.fake.requests).toHaveLength(0);
  });

  it('explains a refused AssumeRole with the trust policy as the remedy', async () => {
    const { text, isError } = await aws.call('get_caller_identity', { role_name: 'forbidden' });
    expect(isError).toBe(true);
    expect(text).toContain('Could not assume role "forbidden" (arn:aws:iam::123456789012:role/admin)');
    expect(text).toContain("role's trust policy");
  });
});

describe('test_aws_connectivity', () => {
  it('is ok when STS, EC2 and S3 all answer', async () => {
    const { text, isError } = await aws.call('test_aws_connectivity');
    expect(isError).toBe(false);
    expect(text.split('\n')[0]).toBe('AWS connectivity in us-east-1 (default credentials): ok');
    expect(text).toMatch(/^sts\s+ok\s+\d+ms\s+account 123456789012, IAM user sre-bot$/m);
    expect(text).toMatch(/^ec2\s+ok .*us-east-1 is enabled$/m);
    expect(text).toMatch(/^s3\s+ok .*ListBuckets allowed$/m);
  });

  it('is partial when one service refuses, with the reason and the IAM action', async () => {
    aws.fake.fail({ service: 's3', operation: 'ListBuckets', kind: 'accessDenied' });
    const { text } = await aws.call('test_aws_connectivity', { region: 'eu-west-1' });
    expect(text.split('\n')[0]).toBe('AWS connectivity in eu-west-1 (default credentials): partial');
    expect(text).toMatch(/^s3\s+failed .*Access denied: .* may not call s3:ListAllMyBuckets in eu-west-1/m);
    expect(text).toMatch(/^sts\s+ok/m);
  });

  it('is failed when the credentials are rejected everywhere', async () => {
    for (const [service, operation] of [
      ['sts', 'GetCallerIdentity'],
      ['ec2', 'DescribeRegions'],
      ['s3', 'ListBuckets'],
    ] as const) {
      aws.fake.fail({ service, operation, kind: 'invalidToken' });
    }
    const { text, isError } = await aws.call('test_aws_connectivity');
    expect(isError).toBe(false);
    expect(text.split('\n')[0]).toContain(': failed');
    expect(text).toContain('(InvalidClientTokenId');
    expect(text).toContain('(AuthFailure');
    expect(text).toContain('(InvalidAccessKeyId');
  });
});
