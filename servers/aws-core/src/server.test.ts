import { describeCredentialSource } from '@sre-agent/aws-shared';
import { type AwsFake, startAwsFake } from '@sre-agent/test/fakes/aws/aws-fake.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAwsCoreHarness } from './test-harness.js';
import { describePrincipal } from './tools/identity.js';

let fake: AwsFake;
beforeAll(async () => {
  fake = await startAwsFake();
});
afterAll(() => fake.close());

describe('the AWS core server', () => {
  it('offers exactly the documented tools, all read-only, with every argument described', async () => {
    const harness = await startAwsCoreHarness(fake);
    const { tools } = await harness.client.listTools();
    const instructions = harness.client.getInstructions();
    await harness.close();
    expect(tools.map((t) => t.name)).toEqual([
      'get_caller_identity',
      'test_aws_connectivity',
      'list_aws_regions',
      'get_account_summary',
      'list_ec2_instances',
      'list_s3_buckets',
      'list_rds_instances',
      'list_eks_clusters',
      'describe_eks_cluster',
      'list_alarms',
      'get_metrics',
      'get_resource_metrics',
      'get_target_health',
      'list_log_groups',
      'query_logs',
      'lookup_changes',
      'get_aws_health',
    ]);
    for (const tool of tools) {
      // tools/list sends only readOnlyHint for a read-only tool (the rest mean nothing there).
      expect(tool.annotations).toEqual({ readOnlyHint: true });
      const properties = (tool.inputSchema.properties ?? {}) as Record<string, { description?: string }>;
      expect(Object.keys(properties)).toEqual(expect.arrayContaining(['region', 'role_name']));
      for (const [name, schema] of Object.entries(properties))
        expect([tool.name, name, schema.description]).not.toContain(undefined);
    }
    expect(instructions).toContain('role_name');
    expect(fake.requests).toHaveLength(0); // listing tools touches no AWS API
  });
});

describe('describePrincipal', () => {
  it('reads the principal kind from the ARN', () => {
    expect(describePrincipal('arn:aws:iam::1:root')).toBe('root user (avoid using root credentials)');
    expect(describePrincipal('arn:aws:iam::1:user/team/alice')).toBe('IAM user alice');
    expect(describePrincipal('arn:aws:sts::1:assumed-role/Admin/alice@corp')).toBe(
      'assumed role Admin (session alice@corp)',
    );
    expect(describePrincipal('arn:aws:sts::1:federated-user/bob')).toBe('federated user bob');
  });
});

describe('describeCredentialSource', () => {
  it('prefers the most specific source the SDK recorded', () => {
    expect(
      describeCredentialSource({ CREDENTIALS_PROFILE: 'n', CREDENTIALS_PROFILE_SSO: 'r' }, 'dev'),
    ).toEqual({
      source: 'SSO (profile)',
      profile: 'dev',
    });
    expect(describeCredentialSource({ CREDENTIALS_IMDS: '0' }, undefined)).toEqual({
      source: 'EC2 instance metadata (instance profile)',
      profile: undefined,
    });
    expect(describeCredentialSource(undefined, undefined).source).toMatch(/^unknown/);
  });
});

describe('the AWS SDK', () => {
  it('is loaded at runtime from the service registry alone (lazily); every other module imports its types only', async () => {
    const { readdir, readFile } = await import('node:fs/promises');
    const src = new URL('.', import.meta.url);
    const files = (await readdir(src, { recursive: true })).filter(
      (f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && f !== 'test-harness.ts',
    );
    const loaders: string[] = [];
    for (const file of files) {
      const text = await readFile(new URL(file, src), 'utf8');
      const runtime = /import\(\s*'@aws-sdk\/|^(import|export) (?!type )[^;]*?from '@aws-sdk\//m;
      if (runtime.test(text)) loaders.push(file);
    }
    expect(loaders).toEqual(['aws-services.ts']);
  });
});
