// The foundation against the AWS fake with a real SDK client: the SDK's retry strategies, assumed
// roles shared across clients, deprecated variables. No module is mocked.
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { createLogger } from '@sre-agent/shared';
import { type AwsFake, STATIC_CREDENTIALS, startAwsFake } from '@sre-agent/test/fakes/aws/aws-fake.ts';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AssumeRoleFailure } from './credentials.js';
import { parseAwsEnv } from './env.js';
import { toAwsToolError } from './errors.js';
import { createAwsFoundation } from './foundation.js';

let fake: AwsFake;
beforeAll(async () => {
  fake = await startAwsFake();
});
afterAll(() => fake.close());
beforeEach(() => fake.reset());

const ROLES = {
  readonly: 'arn:aws:iam::123456789012:role/sre-readonly',
  partner: { role_arn: 'arn:aws:iam::210987654321:role/sre-readonly', external_id: 'acme-ext-7' },
  forbidden: 'arn:aws:iam::123456789012:role/admin',
};

function foundation(env: Record<string, string> = {}) {
  const logs: string[] = [];
  const { aws } = parseAwsEnv(
    {
      AWS_REGION: 'us-east-1',
      AWS_ENDPOINT_URL: fake.url,
      SRE_AWS_ROLES: JSON.stringify(ROLES),
      SRE_AWS_RETRY_BASE_MS: '1',
      ...env,
    },
    {},
    { maxAttempts: 3, retryMode: 'standard', roleSessionName: 'foundation-test' },
  );
  const logger = createLogger({ name: 'aws-shared-test', level: 'debug', write: (line) => logs.push(line) });
  const base = async () => ({ ...STATIC_CREDENTIALS });
  return { logs, aws: createAwsFoundation(aws, { logger, baseCredentials: base }) };
}

async function whoAmI(
  aws: ReturnType<typeof foundation>['aws'],
  region = 'us-east-1',
  roleName?: keyof typeof ROLES,
) {
  const target = roleName ? aws.settings.roles[roleName] : undefined;
  const role = roleName && target ? { name: roleName, target } : undefined;
  const client = new STSClient(await aws.clientConfig({ serviceId: 'STS', region, role }));
  try {
    return await client.send(new GetCallerIdentityCommand({}));
  } finally {
    client.destroy();
  }
}

const site = { service: 'sts', operation: 'GetCallerIdentity', region: 'us-east-1' };

describe('SDK retries', () => {
  it('retries throttling with the SDK strategy until it clears, counting the attempts', async () => {
    const { aws } = foundation();
    fake.fail({ service: 'sts', operation: 'GetCallerIdentity', kind: 'throttling', times: 2 });
    const out = await whoAmI(aws);
    expect(out.Account).toBe('123456789012');
    expect(out.$metadata.attempts).toBe(3);
    expect(fake.count('sts', 'GetCallerIdentity')).toBe(3);
  });

  it('stops at AWS_MAX_ATTEMPTS, and the mapped error says how often it tried', async () => {
    const { aws } = foundation({ AWS_MAX_ATTEMPTS: '2', AWS_RETRY_MODE: 'standard' });
    fake.fail({ service: 'sts', operation: 'GetCallerIdentity', kind: 'throttling' });
    const error = await whoAmI(aws).catch((e: unknown) => e);
    expect(fake.count('sts', 'GetCallerIdentity')).toBe(2);
    expect(toAwsToolError(error, site).message).toBe(
      'AWS throttled STS GetCallerIdentity in us-east-1 (Throttling) and it still failed after 2 attempts with backoff.',
    );
  });

  it('does not retry a refusal', async () => {
    const { aws } = foundation();
    fake.fail({ service: 'sts', operation: 'GetCallerIdentity', kind: 'accessDenied' });
    const error = await whoAmI(aws).catch((e: unknown) => e);
    expect(fake.count('sts', 'GetCallerIdentity')).toBe(1);
    expect(toAwsToolError(error, site).message).toContain('may not call sts:GetCallerIdentity in us-east-1');
  });

  it("uses the client's preferred mode unless AWS_RETRY_MODE decides for every client", async () => {
    const modeOf = async (env: Record<string, string>, retryMode?: 'adaptive') => {
      const config = await foundation(env).aws.clientConfig({
        serviceId: 'CE',
        region: 'us-east-1',
        retryMode,
      });
      return (config.retryStrategy as { mode?: string }).mode;
    };
    expect(await modeOf({})).toBe('standard');
    expect(await modeOf({}, 'adaptive')).toBe('adaptive');
    expect(await modeOf({ AWS_RETRY_MODE: 'standard' }, 'adaptive')).toBe('standard');
    expect(await modeOf({ AWS_RETRY_MODE: 'adaptive' })).toBe('adaptive');
  });

  it('paces the calls after a throttle in adaptive mode', async () => {
    const { aws } = foundation({ AWS_RETRY_MODE: 'adaptive' });
    fake.fail({ service: 'sts', operation: 'GetCallerIdentity', kind: 'throttling', times: 1 });
    const started = performance.now();
    const out = await whoAmI(aws);
    expect(out.$metadata.attempts).toBe(2);
    // The retry itself waits ~1 ms (SRE_AWS_RETRY_BASE_MS); the SDK's rate limiter holds it longer.
    expect(performance.now() - started).toBeGreaterThan(200);
  });
});

describe('assumed roles', () => {
  it('shares one AssumeRole between clients of every region, with the external id', async () => {
    const { aws } = foundation();
    const first = await whoAmI(aws, 'us-east-1', 'partner');
    const second = await whoAmI(aws, 'eu-west-1', 'partner');
    expect(first.Arn).toBe('arn:aws:sts::210987654321:assumed-role/sre-readonly/foundation-test');
    expect(second.Arn).toBe(first.Arn);
    const assumes = fake.requests.filter((r) => r.operation === 'AssumeRole');
    expect(assumes).toHaveLength(1);
    expect(assumes[0]?.params.ExternalId).toBe('acme-ext-7');
    const signers = fake.requests.filter((r) => r.operation !== 'AssumeRole').map((r) => r.accessKeyId);
    expect(signers.every((key) => key.startsWith('ASIA'))).toBe(true);
  });

  it('reports a refused AssumeRole as the role, not the call, and does not cache the refusal', async () => {
    const { aws } = foundation();
    const error = await whoAmI(aws, 'us-east-1', 'forbidden').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AssumeRoleFailure);
    expect(toAwsToolError(error, site).message).toContain(
      'Could not assume role "forbidden" (arn:aws:iam::123456789012:role/admin)',
    );
    await whoAmI(aws, 'us-east-1', 'forbidden').catch(() => undefined);
    expect(fake.count('sts', 'AssumeRole')).toBe(2);
  });

  it('assumes the role again after forget (AWS said the credentials expired)', async () => {
    const { aws } = foundation();
    await whoAmI(aws, 'us-east-1', 'readonly');
    aws.credentials.forget('readonly');
    await whoAmI(aws, 'us-east-1', 'readonly');
    expect(fake.count('sts', 'AssumeRole')).toBe(2);
  });
});

describe('deprecated variables', () => {
  it('keep working and log one warning each, naming the replacement', async () => {
    const { aws, logs } = foundation({ SRE_CE_MAX_ATTEMPTS: '1' });
    expect(aws.settings.retry.maxAttempts).toBe(1);
    const warnings = logs.filter((line) => line.includes('deprecated'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(
      'SRE_CE_MAX_ATTEMPTS is deprecated and will be removed; use AWS_MAX_ATTEMPTS',
    );
    fake.fail({ service: 'sts', operation: 'GetCallerIdentity', kind: 'throttling' });
    await whoAmI(aws).catch(() => undefined);
    expect(fake.count('sts', 'GetCallerIdentity')).toBe(1);
  });
});
