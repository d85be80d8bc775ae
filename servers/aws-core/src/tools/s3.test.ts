import { describe, expect, it } from 'vitest';
import { useAwsCoreHarness } from '../test-harness.js';
import { normaliseLocation } from './s3.js';

const aws = useAwsCoreHarness();

describe('list_s3_buckets', () => {
  it('lists every bucket with its region and creation date, from ListBuckets alone', async () => {
    const { text, isError } = await aws.call('list_s3_buckets');
    expect(isError).toBe(false);
    expect(text.split('\n')[0]).toBe('6 S3 bucket(s); by region: us-east-1 3, eu-west-1 2, us-west-2 1');
    expect(text).toMatch(/^acme-legacy-eu\s+eu-west-1\s+\d{4}-\d\d-\d\d\s+3000d$/m);
    expect(text).toMatch(/^acme-prod-logs\s+us-east-1\s+\d{4}-\d\d-\d\d\s+850d$/m);
    expect(aws.fake.count('s3', 'ListBuckets')).toBe(1);
    expect(aws.fake.count('s3', 'GetBucketLocation')).toBe(0);
  });

  it('pages with ContinuationToken', async () => {
    aws.fake.state.pageSizes.s3 = 4;
    const { text } = await aws.call('list_s3_buckets');
    expect(text.split('\n')[0]).toMatch(/^6 S3 bucket\(s\)/);
    expect(aws.fake.count('s3', 'ListBuckets')).toBe(2);
  });

  it('falls back to GetBucketLocation when ListBuckets gives no region, mapping "" and "EU"', async () => {
    aws.fake.state.options.s3OmitBucketRegion = true;
    aws.fake.fail({ service: 's3', operation: 'GetBucketLocation', kind: 'accessDenied', times: 1 });
    const { text, isError } = await aws.call('list_s3_buckets');
    expect(isError).toBe(false);
    expect(aws.fake.count('s3', 'GetBucketLocation')).toBe(6);
    expect(text).toContain('Region "?" means s3:GetBucketLocation was refused');
    expect(text.split('\n')[0]).toMatch(/unknown 1/);
    const legacy = await aws.call('list_s3_buckets', { output: 'json' });
    const rows = JSON.parse(legacy.json) as { name: string; region: string }[];
    expect(rows.find((r) => r.name === 'acme-legacy-eu')?.region).toBe('eu-west-1');
    expect(rows.find((r) => r.name === 'acme-prod-logs')?.region).toBe('us-east-1');
  });

  it('lists only one region when asked', async () => {
    const { text } = await aws.call('list_s3_buckets', { region: 'eu-west-1' });
    expect(text.split('\n')[0]).toBe('2 S3 bucket(s) in eu-west-1; by region: eu-west-1 2');
    expect(aws.fake.requests[0]?.params['bucket-region']).toBe('eu-west-1');
    const none = await aws.call('list_s3_buckets', { region: 'ap-southeast-1' });
    expect(none.text).toBe('No S3 buckets in ap-southeast-1.');
  });
});

describe('normaliseLocation', () => {
  it('maps the legacy location constraints', () => {
    expect(normaliseLocation(undefined)).toBe('us-east-1');
    expect(normaliseLocation('')).toBe('us-east-1');
    expect(normaliseLocation('EU')).toBe('eu-west-1');
    expect(normaliseLocation('ap-south-1')).toBe('ap-south-1');
  });
});
