import { describe, expect, it } from 'vitest';
import { useAwsCoreHarness } from '../test-harness.js';

const aws = useAwsCoreHarness();

describe('list_log_groups', () => {
  it('lists every page with stored size, retention and class', async () => {
    aws.fake.fixtures.logs.pageSize = 2;
    const { text, isError } = await aws.call('list_log_groups');
    expect(isError).toBe(false);
    expect(aws.fake.count('logs', 'DescribeLogGroups')).toBe(3);
    expect(text.split('\n')[0]).toMatch(/^5 log group\(s\) in us-east-1, [\d.]+ GB stored \(compressed\)$/);
    expect(text).toMatch(/^\/ecs\/web\s+12\.0 GB\s+30d\s+STANDARD$/m);
    expect(text).toMatch(/^\/archive\/audit\s+2\.0 GB\s+never expires\s+INFREQUENT_ACCESS$/m);
    const lambda = await aws.call('list_log_groups', { prefix: '/aws/lambda/' });
    expect(lambda.text).toContain('1 log group(s) in us-east-1, 300.0 MB stored');
  });
});

describe('query_logs', () => {
  it('finds the error burst, after polling until Complete, with bytes scanned', async () => {
    const { text, isError } = await aws.call('query_logs', {
      log_groups: ['/ecs/web'],
      query:
        'fields @timestamp, @message | filter @message like /upstream connect error/ | sort @timestamp desc',
      since_minutes: 60,
      limit: 10,
    });
    expect(isError).toBe(false);
    expect(aws.fake.count('logs', 'StartQuery')).toBe(1);
    expect(aws.fake.count('logs', 'GetQueryResults')).toBe(3);
    expect(text).toContain('Complete in');
    expect(text).toMatch(/57 record\(s\) matched of \d+ scanned; 10 row\(s\) returned/);
    expect(text).toMatch(
      /Scanned [\d.]+ KB \(estimated [\d.]+ MB beforehand; limit 10 GB\)\. Logs Insights bills per GB scanned\./,
    );
    expect(text).toContain('<untrusted-data');
  });
});
