import { describe, expect, it } from 'vitest';
import { useAwsCoreHarness } from '../test-harness.js';

const aws = useAwsCoreHarness();

describe('list_aws_regions', () => {
  it('lists the enabled regions and marks the default one', async () => {
    const { text, isError } = await aws.call('list_aws_regions');
    expect(isError).toBe(false);
    const lines = text.split('\n');
    expect(lines[0]).toBe('9 region(s) enabled for this account; default us-east-1');
    expect(lines[1]).toMatch(/^REGION\s+OPT-IN\s+DEFAULT$/);
    expect(text).toMatch(/^us-east-1\s+opt-in-not-required\s+\*$/m);
    expect(text).toMatch(/^eu-south-1\s+opted-in$/m);
    expect(text).not.toContain('af-south-1');
  });

  it('returns JSON when asked', async () => {
    const { json } = await aws.call('list_aws_regions', { output: 'json' });
    const rows = JSON.parse(json) as { name: string; optInStatus: string }[];
    expect(rows.map((r) => r.name)).toContain('eu-west-1');
    expect(rows[0]).toMatchObject({ name: 'ap-northeast-1', optInStatus: 'opt-in-not-required' });
  });
});

describe('get_account_summary', () => {
  it('shows the alias, root posture and quotas', async () => {
    const { text, isError } = await aws.call('get_account_summary');
    expect(isError).toBe(false);
    expect(text).toContain('Account alias: acme-prod');
    expect(text).toContain('Root MFA: enabled; root access keys: none');
    expect(text).toContain('MFA devices: 28 in use of 30; identity providers: 3');
    expect(text).toMatch(/^Users\s+42\s+5000\s+1%$/m);
    expect(text).toMatch(/^Roles\s+187\s+1000\s+19%$/m);
    expect(text).toContain('No quota above 80% and root is locked down.');
  });

  it('flags root access keys, missing root MFA and quotas near their limit', async () => {
    Object.assign(aws.fake.fixtures.iamSummary, {
      AccountMFAEnabled: 0,
      AccountAccessKeysPresent: 1,
      Roles: 950,
    });
    const { text } = await aws.call('get_account_summary');
    expect(text).toContain('Root MFA: NOT enabled; root access keys: PRESENT');
    expect(text).toContain(
      'Attention: Roles at 95% of quota (950/1000); root user has no MFA; root user has access keys (delete them).',
    );
  });

  it('still answers when the alias is refused, saying why it is missing', async () => {
    aws.fake.fail({ service: 'iam', operation: 'ListAccountAliases', kind: 'accessDenied' });
    const { text, isError } = await aws.call('get_account_summary');
    expect(isError).toBe(false);
    expect(text).toContain(
      'Account alias: unknown (Access denied: the default credentials may not call iam:ListAccountAliases',
    );
    expect(text).toMatch(/^Users\s+42/m);
  });
});
