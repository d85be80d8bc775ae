import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { describe, expect, it } from 'vitest';
import { useAwsCoreHarness } from '../test-harness.js';

const aws = useAwsCoreHarness();

/** Queries complete on their first poll where the polling is not what a test is about. */
const completeAtOnce = () => {
  aws.fake.fixtures.logs.pollsToComplete = 0;
};

const burstQuery =
  'fields @timestamp, @message | filter @message like /upstream connect error/ | sort @timestamp desc';

async function until(check: () => boolean, ms = 5_000) {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > ms) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('list_log_groups', () => {
  it('lists every page with stored size, retention and class', async () => {
    aws.fake.fixtures.logs.pageSize = 2;
    const { text, isError } = await aws.call('list_log_groups');
    expect(isError).toBe(false);
    expect(aws.fake.count('logs', 'DescribeLogGroups')).toBe(3);
    expect(text.split('\n')[0]).toMatch(/^5 log group\(s\) in us-east-1, 20.0 TB stored \(compressed\)$/);
    expect(text).toMatch(/^\/ecs\/web\s+12\.0 GB\s+30d\s+STANDARD$/m);
    expect(text).toMatch(/^\/archive\/audit\s+2\.0 GB\s+never expires\s+INFREQUENT_ACCESS$/m);
    const lambda = await aws.call('list_log_groups', { prefix: '/aws/lambda/' });
    expect(lambda.text).toContain('1 log group(s) in us-east-1, 300.0 MB stored');
    expect((await aws.call('list_log_groups', { region: 'eu-west-1' })).text).toBe(
      'No log groups match in eu-west-1.',
    );
  });

  it('names the IAM action when it is denied', async () => {
    aws.fake.fail({ service: 'logs', operation: 'DescribeLogGroups', kind: 'accessDenied' });
    const { text, isError } = await aws.call('list_log_groups');
    expect(isError).toBe(true);
    expect(text).toContain('logs:DescribeLogGroups');
  });
});

describe('query_logs', () => {
  it('finds the error burst after polling until Complete, fenced, with bytes scanned', async () => {
    const { text, isError } = await aws.call('query_logs', {
      log_groups: ['/ecs/web'],
      query: burstQuery,
      since_minutes: 60,
      limit: 10,
    });
    expect(isError).toBe(false);
    expect(aws.fake.count('logs', 'StartQuery')).toBe(1);
    expect(aws.fake.count('logs', 'GetQueryResults')).toBe(3); // Scheduled, Running, Complete
    expect(aws.fake.count('logs', 'StopQuery')).toBe(0);
    expect(text).toMatch(/^Logs Insights over \/ecs\/web in us-east-1, .* UTC\. Complete in \d+s\.$/m);
    expect(text).toMatch(/^69 record\(s\) matched of \d+ scanned; 10 row\(s\) returned\.$/m);
    expect(text).toMatch(
      /^Scanned [\d.]+ KB \(estimated [\d.]+ MB beforehand; limit 10 GB\)\. Logs Insights bills per GB scanned\.$/m,
    );
    const fenced = text.slice(text.indexOf('<untrusted-data'));
    expect(fenced.split('\n').filter((l) => l.includes('upstream connect error'))).toHaveLength(10);
    const request = aws.fake.requests.find((r) => r.operation === 'StartQuery');
    expect(JSON.parse(request?.params.logGroupNames ?? '[]')).toEqual(['/ecs/web']);
    expect(Number(request?.params.endTime) - Number(request?.params.startTime)).toBeGreaterThanOrEqual(3600);
  });

  it('renders an aggregate as a table, and keeps log text inside the fence', async () => {
    completeAtOnce();
    const stats = await aws.call('query_logs', {
      log_groups: ['/ecs/web'],
      query: 'filter @message like /502/ | stats count(*) by bin(5m)',
    });
    expect(stats.text).toMatch(/^bin\(5m\)\s+count\(\*\)$/m);
    const all = await aws.call('query_logs', {
      log_groups: ['/ecs/web'],
      query: 'filter @message like /IGNORE/',
    });
    const open = all.text.indexOf('<untrusted-data');
    expect(open).toBeGreaterThan(0);
    expect(all.text.indexOf('IGNORE PREVIOUS INSTRUCTIONS')).toBeGreaterThan(open);
  });

  it('sends progress notifications while the query runs', async () => {
    aws.fake.fixtures.logs.pollsToComplete = 3;
    const progress: { progress: number; total?: number; message?: string }[] = [];
    const result = (await aws.harness.client.callTool(
      { name: 'query_logs', arguments: { log_groups: ['/ecs/web'], query: burstQuery } },
      undefined,
      { onprogress: (p) => progress.push(p) },
    )) as CallToolResult;
    expect(result.isError).toBeFalsy();
    expect(progress.length).toBeGreaterThanOrEqual(3);
    expect(progress[0]).toMatchObject({
      total: 60,
      message: expect.stringMatching(/^Insights query Scheduled: 0 matched/),
    });
    expect(
      progress.some((p) => /^Insights query Running: \d+ matched, [\d.]+ KB scanned$/.test(p.message ?? '')),
    ).toBe(true);
  });

  it('stops the query when the client cancels the call', async () => {
    aws.fake.fixtures.logs.pollsToComplete = 1_000;
    const controller = new AbortController();
    const call = aws.harness.client.callTool(
      { name: 'query_logs', arguments: { log_groups: ['/ecs/web'], query: burstQuery } },
      undefined,
      { signal: controller.signal, onprogress: () => controller.abort('user pressed stop') },
    );
    await expect(call).rejects.toThrow();
    await until(() => aws.fake.count('logs', 'StopQuery') === 1);
    const [query] = aws.fake.fixtures.logs.queries.values();
    expect(query?.status).toBe('Cancelled');
  });

  it('stops the query when wait_seconds runs out and returns what it found so far', async () => {
    aws.fake.fixtures.logs.pollsToComplete = 1_000;
    const { text, isError } = await aws.call('query_logs', {
      log_groups: ['/ecs/web'],
      query: burstQuery,
      wait_seconds: 1,
    });
    expect(isError).toBe(false);
    expect(text).toMatch(/Stopped after \d+s \(wait_seconds ran out\): partial results/);
    expect(aws.fake.count('logs', 'StopQuery')).toBe(1);
    expect([...aws.fake.fixtures.logs.queries.values()][0]?.status).toBe('Cancelled');
    expect(text).toMatch(/^\d+ record\(s\) matched of \d+ scanned; \d+ row\(s\) returned\.$/m);
  });

  it('refuses a query estimated over SRE_LOGS_MAX_SCAN_GB, says how far to narrow it, and runs the narrowed one', async () => {
    completeAtOnce();
    const wide = await aws.call('query_logs', {
      log_groups: ['/aws/vpc/flow-logs', '/ecs/web'],
      query: 'filter @message like /REJECT/',
      since_minutes: 60,
    });
    expect(wide.isError).toBe(true);
    expect(wide.text).toMatch(
      /^Refused: this Logs Insights query would scan about [\d.]+ GB \(largest: \/aws\/vpc\/flow-logs [\d.]+ GB, \/ecs\/web [\d.]+ MB\), over the 10 GB limit \(SRE_LOGS_MAX_SCAN_GB\)\./,
    );
    expect(wide.text).toMatch(/Narrow it: a window of at most (\d+) minute\(s\)/);
    expect(aws.fake.count('logs', 'StartQuery')).toBe(0);
    const minutes = Number(/at most (\d+) minute/.exec(wide.text)?.[1]);
    const narrow = await aws.call('query_logs', {
      log_groups: ['/aws/vpc/flow-logs', '/ecs/web'],
      query: 'filter @message like /REJECT/',
      since_minutes: minutes,
    });
    expect(narrow.isError).toBe(false);
    expect(aws.fake.count('logs', 'StartQuery')).toBe(1);
    await aws.restart({ env: { SRE_LOGS_MAX_SCAN_GB: '500' } });
    completeAtOnce();
    const raised = await aws.call('query_logs', {
      log_groups: ['/aws/vpc/flow-logs'],
      query: 'filter @message like /REJECT/',
      since_minutes: 60,
    });
    expect(raised.text).toContain('limit 500 GB');
  });

  it('names missing and DELIVERY-class groups, malformed queries and bad windows, with what to do', async () => {
    const missing = await aws.call('query_logs', { log_groups: ['/ecs/web', '/ecs/nope'], query: 'limit 5' });
    expect(missing).toMatchObject({ isError: true });
    expect(missing.text).toBe(
      'Log group(s) not found in us-east-1: /ecs/nope. Call list_log_groups (with a prefix) to see the names, or pass the region the group is in.',
    );
    const delivery = await aws.call('query_logs', { log_groups: ['/aws/vendedlogs/cdn'], query: 'limit 5' });
    expect(delivery.text).toContain('DELIVERY class cannot be queried');
    const malformed = await aws.call('query_logs', {
      log_groups: ['/ecs/web'],
      query: 'selectt * from logs',
    });
    expect(malformed.isError).toBe(true);
    expect(malformed.text).toMatch(
      /MalformedQueryException.*Fix the query: Logs Insights commands are joined by "\|"/,
    );
    const both = await aws.call('query_logs', {
      log_groups: ['/ecs/web'],
      query: 'limit 5',
      since_minutes: 5,
      start: '2025-01-01T00:00:00Z',
    });
    expect(both.text).toBe(
      'Both since_minutes and start were given. Pass since_minutes, or start (and end), not both.',
    );
    const backwards = await aws.call('query_logs', {
      log_groups: ['/ecs/web'],
      query: 'limit 5',
      start: '2025-01-02T00:00:00Z',
      end: '2025-01-01T00:00:00Z',
    });
    expect(backwards.text).toMatch(/^The window starts .* at or after it ends/);
    const bad = await aws.call('query_logs', {
      log_groups: ['/ecs/web'],
      query: 'limit 5',
      start: 'yesterday',
    });
    expect(bad.isError).toBe(true);
    expect(bad.text).toContain('ISO 8601 with a zone');
  });

  it('keeps within the output budget, closing the fence it cut and keeping the scan line', async () => {
    await aws.restart({ env: { SRE_OUTPUT_BUDGET: '2048' } });
    completeAtOnce();
    const { text } = await aws.call('query_logs', {
      log_groups: ['/ecs/web'],
      query: burstQuery,
      limit: 200,
    });
    expect(Buffer.byteLength(text)).toBeLessThanOrEqual(2048);
    expect(text).toMatch(/^Scanned .* Logs Insights bills per GB scanned\.$/m);
    expect(text).toMatch(/<\/untrusted-data id="[0-9a-f]+">\n\[truncated: \d+ more line\(s\) not shown/);
  });
});
