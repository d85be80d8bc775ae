import { describe, expect, it } from 'vitest';
import { useAwsCoreHarness } from '../test-harness.js';

const aws = useAwsCoreHarness();

describe('list_rds_instances', () => {
  it('lists DB instances across Marker pages, calling out the ones not available', async () => {
    aws.fake.state.pageSizes.rds = 4;
    const { text, isError } = await aws.call('list_rds_instances');
    expect(isError).toBe(false);
    expect(aws.fake.count('rds', 'DescribeDBInstances')).toBe(2);
    expect(text.split('\n')[0]).toBe(
      '6 RDS DB instance(s) in us-east-1; not available: legacy-reports (stopped), billing-db (modifying)',
    );
    expect(text).toMatch(
      /^orders-db\s+postgres\s+16\.3\s+db\.r6g\.large\s+available\s+yes\s+500 GiB gp3\s+us-east-1a$/m,
    );
    expect(text).toMatch(
      /^analytics-1\s+aurora-postgresql\s+15\.4\s+db\.r6g\.xlarge\s+available\s+no\s+aurora cluster volume/m,
    );
  });

  it('uses the region asked for, and says when there are none', async () => {
    const eu = await aws.call('list_rds_instances', { region: 'eu-west-1' });
    expect(eu.text.split('\n')[0]).toBe('2 RDS DB instance(s) in eu-west-1');
    const none = await aws.call('list_rds_instances', { region: 'us-west-2' });
    expect(none.text).toBe(
      'No RDS DB instances in us-west-2. Other regions: pass region (list_aws_regions lists the enabled ones).',
    );
    const json = await aws.call('list_rds_instances', { region: 'eu-west-1', output: 'json' });
    expect(JSON.parse(json.json)[1]).toMatchObject({
      id: 'cache-meta',
      engine: 'mariadb',
      storageGiB: 20,
      multiAZ: false,
    });
  });
});
