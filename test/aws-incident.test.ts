/**
 * One incident, walked end to end the way an SRE (or the agent) would: the real aws-core server
 * over an MCP client, the real AWS SDK clients, the AWS fake telling the story of
 * fakes/aws/incident-scenario.ts. What is alarming, what the metrics and logs say, which target
 * is unhealthy, and what changed just before: every answer must point at the same minutes.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  type AwsCoreHarness,
  startAwsCoreHarness,
  stubAwsEnvironment,
} from '../servers/aws-core/src/test-harness.ts';
import { type AwsFake, startAwsFake } from './fakes/aws/aws-fake.ts';
import { INCIDENT } from './fakes/aws/incident-scenario.ts';

let fake: AwsFake;
let aws: AwsCoreHarness;

beforeAll(async () => {
  fake = await startAwsFake();
  stubAwsEnvironment(fake);
  aws = await startAwsCoreHarness(fake);
});
afterAll(async () => {
  await aws?.close();
  await fake?.close();
  vi.unstubAllEnvs();
});

/** An Insights timestamp (`2026-12-04 05:38:10.000`, UTC) as minutes before now. */
function minutesAgo(stamp: string): number {
  return (Date.now() - Date.parse(`${stamp.replace(' ', 'T')}Z`)) / 60_000;
}

const { alarm, loadBalancer, targetGroup, unhealthy, minutesAgo: at } = INCIDENT;

describe('an incident on web-alb, walked through the aws-core tools', () => {
  it('goes from the firing 5xx alarm, through metrics, logs and target health, to the change just before', async () => {
    // 1. What is alarming? The 5xx alarm on web-alb, among the alarms in ALARM listed before the
    // rest, in ALARM since the alarm minute. (ALARM entries are newest transition first, so the
    // latency alarm that followed it by a minute comes before it.)
    const alarms = await aws.call('list_alarms');
    expect(alarms.isError).toBe(false);
    const fiveXx = new RegExp(`^ALARM ${alarm.name} \\(metric\\) since (\\d+)m ago`, 'm').exec(alarms.text);
    expect(fiveXx).not.toBeNull();
    expect(fiveXx?.index).toBeLessThan(alarms.text.search(/^(INSUFFICIENT_DATA|OK)\b/m));
    expect(Math.abs(Number(fiveXx?.[1]) - at.alarm)).toBeLessThanOrEqual(1);
    expect(alarms.text).toContain(
      `HTTPCode_Target_5XX_Count Sum 60s [LoadBalancer=${loadBalancer.dimension}]`,
    );

    // 2. What do the load balancer's metrics say? 5xx spiked, and the alarm's threshold was crossed.
    const metrics = await aws.call('get_resource_metrics', { resource: loadBalancer.arn, since_minutes: 60 });
    expect(metrics.isError).toBe(false);
    expect(metrics.text).toContain('HTTPCode_Target_5XX_Count (Sum');
    const crossed = new RegExp(`${alarm.name} \\[ALARM\\] > ${alarm.threshold}: (\\d+) point\\(s\\) crossed`);
    expect(Number(crossed.exec(metrics.text)?.[1])).toBeGreaterThanOrEqual(at.spikeStart - 2);

    // 3. What do the logs say? 502s ("upstream connect error") from web-2, from the spike's start.
    const logs = await aws.call('query_logs', {
      log_groups: ['/ecs/web'],
      query:
        'fields @timestamp, @message | filter @message like /upstream connect error/ | sort @timestamp asc',
      since_minutes: 60,
      limit: 5,
    });
    expect(logs.isError).toBe(false);
    expect(logs.text).toMatch(/^Scanned [\d.]+ KB .* Logs Insights bills per GB scanned\.$/m);
    const [firstError] = logs.text.split('\n').filter((l) => l.includes('upstream connect error'));
    expect(firstError).toContain(unhealthy.instanceId);
    expect(Math.abs(minutesAgo(firstError?.slice(0, 23) ?? '') - at.spikeStart)).toBeLessThan(1.5);

    // 4. Which target is failing? web-2, first, with the load balancer's reason.
    const targets = await aws.call('get_target_health', { target_group: targetGroup.name });
    expect(targets.isError).toBe(false);
    expect(targets.text.split('\n')[0]).toContain(`not healthy: ${unhealthy.instanceId} (unhealthy)`);
    const rows = targets.text.split('\n');
    expect(rows[rows.findIndex((l) => l.startsWith('TARGET')) + 1]).toContain(unhealthy.reason);

    // 5. What changed just before? alice's ModifyTargetGroup on web-tg, two minutes before the spike.
    const changes = await aws.call('lookup_changes', { since_minutes: 60 });
    const lines = changes.text.split('\n');
    expect(lines[lines.indexOf(targetGroup.arn) + 1]).toMatch(
      /elasticloadbalancing:ModifyTargetGroup {2}by alice/,
    );
    const events = JSON.parse((await aws.call('lookup_changes', { since_minutes: 60, output: 'json' })).json);
    const change = events.find((e: { name: string }) => e.name === 'ModifyTargetGroup');
    const changedAt = (Date.now() - Date.parse(change.time)) / 60_000;
    expect(changedAt).toBeGreaterThan(at.spikeStart);
    expect(Math.abs(changedAt - at.change)).toBeLessThan(1.5);
  });
});
