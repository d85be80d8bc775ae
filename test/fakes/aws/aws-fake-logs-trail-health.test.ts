// CloudWatch Logs, CloudTrail and Health of the fake, through their real SDK clients (awsJson1_1):
// the behaviour the tools rely on, as AWS has it.
import { CloudTrailClient, LookupEventsCommand } from '@aws-sdk/client-cloudtrail';
import {
  CloudWatchLogsClient,
  GetQueryResultsCommand,
  StartQueryCommand,
  StopQueryCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import { DescribeEventsCommand, HealthClient } from '@aws-sdk/client-health';
import { describe, expect, it } from 'vitest';
import { errorOf, useAwsFake } from './use-aws-fake.ts';

const aws = useAwsFake();
const logs = () => new CloudWatchLogsClient(aws.fake.clientConfig());
const nowSeconds = () => Math.floor(Date.now() / 1000);

async function startBurstQuery() {
  const { queryId } = await logs().send(
    new StartQueryCommand({
      logGroupNames: ['/ecs/web'],
      startTime: nowSeconds() - 3600,
      endTime: nowSeconds(),
      queryString: 'fields @timestamp, @message | filter @message like /502/',
    }),
  );
  return queryId ?? '';
}

describe('CloudWatch Logs Insights', () => {
  it('answers Scheduled, Running (partial), then Complete, and pages the results', async () => {
    const queryId = await startBurstQuery();
    const statuses = [];
    for (let i = 0; i < 3; i++) {
      const out = await logs().send(new GetQueryResultsCommand({ queryId }));
      statuses.push([out.status, out.results?.length, out.statistics?.bytesScanned]);
    }
    expect(statuses.map(([status]) => status)).toEqual(['Scheduled', 'Running', 'Complete']);
    expect(statuses[1]?.[1]).toBeLessThan(statuses[2]?.[1] as number);
    expect(statuses[2]?.[2]).toBeGreaterThan(0);
    const first = await logs().send(new GetQueryResultsCommand({ queryId, maxItems: 10 }));
    expect(first.results).toHaveLength(10);
    const next = await logs().send(
      new GetQueryResultsCommand({ queryId, maxItems: 10, nextToken: first.nextToken }),
    );
    expect(next.results?.[0]).not.toEqual(first.results?.[0]);
  });

  it('cancels a running query, and says a finished one was not running', async () => {
    const queryId = await startBurstQuery();
    expect((await logs().send(new StopQueryCommand({ queryId }))).success).toBe(true);
    expect((await logs().send(new GetQueryResultsCommand({ queryId }))).status).toBe('Cancelled');
    expect((await logs().send(new StopQueryCommand({ queryId }))).success).toBe(false);
  });

  it('refuses a query that does not compile and a group that does not exist', async () => {
    const bad = await errorOf(
      logs().send(
        new StartQueryCommand({
          logGroupNames: ['/ecs/web'],
          startTime: 0,
          endTime: 1,
          queryString: 'selectt *',
        }),
      ),
    );
    expect(bad.name).toBe('MalformedQueryException');
    const missing = await errorOf(
      logs().send(
        new StartQueryCommand({ logGroupNames: ['/nope'], startTime: 0, endTime: 1, queryString: 'limit 1' }),
      ),
    );
    expect([missing.name, missing.$metadata.httpStatusCode]).toEqual(['ResourceNotFoundException', 400]);
  });
});

describe('CloudTrail LookupEvents', () => {
  it('takes one lookup attribute only, as AWS does', async () => {
    const client = new CloudTrailClient(aws.fake.clientConfig());
    const error = await errorOf(
      client.send(
        new LookupEventsCommand({
          LookupAttributes: [
            { AttributeKey: 'ReadOnly', AttributeValue: 'false' },
            { AttributeKey: 'Username', AttributeValue: 'alice' },
          ],
        }),
      ),
    );
    expect(error.name).toBe('InvalidLookupAttributesException');
    const alice = await client.send(
      new LookupEventsCommand({ LookupAttributes: [{ AttributeKey: 'Username', AttributeValue: 'alice' }] }),
    );
    expect(alice.Events?.map((e) => e.EventName)).toEqual([
      'ModifyTargetGroup',
      'RevokeSecurityGroupIngress',
    ]);
    expect(alice.Events?.[0]?.EventTime).toBeInstanceOf(Date);
  });
});

describe('AWS Health', () => {
  it('answers from us-east-1 only, and not at all without a support plan', async () => {
    const health = (region: string) => new HealthClient(aws.fake.clientConfig(region));
    const open = await health('us-east-1').send(
      new DescribeEventsCommand({ filter: { eventStatusCodes: ['open', 'upcoming'] } }),
    );
    expect(open.events).toHaveLength(2);
    expect((await errorOf(health('eu-west-1').send(new DescribeEventsCommand({})))).name).toBe(
      'UnrecognizedClientException',
    );
    aws.fake.fixtures.health.subscribed = false;
    const refused = await errorOf(health('us-east-1').send(new DescribeEventsCommand({})));
    expect([refused.name, refused.$metadata.httpStatusCode]).toEqual(['SubscriptionRequiredException', 400]);
  });
});
