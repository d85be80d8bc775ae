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

/** `2026-12-04 05:38:10.000` (Insights) or `05:38:10` (CloudTrail, today) as minutes before now. */
function minutesAgo(stamp: string): number {
  const iso =
    stamp.length === 8 ? `${new Date().toISOString().slice(0, 10)}T${stamp}Z` : `${stamp.replace(' ', 'T')}Z`;
  return (Date.now() - Date.parse(iso)) / 60_000;
}

describe('an incident on web-alb, walked through the aws-core tools', () => {
  it('shows the error burst in the web logs from the start of the spike', async () => {
    const first = await aws.call('query_logs', {
      log_groups: ['/ecs/web'],
      query:
        'fields @timestamp, @message | filter @message like /upstream connect error/ | sort @timestamp asc | limit 1',
      since_minutes: 60,
    });
    expect(first.isError).toBe(false);
    const [line] = first.text.split('\n').filter((l) => l.includes('upstream connect error'));
    expect(line).toContain(INCIDENT.unhealthy.instanceId);
    const started = minutesAgo(line?.slice(0, 23) ?? '');
    expect(Math.abs(started - INCIDENT.minutesAgo.spikeStart)).toBeLessThan(1.5);
    expect(first.text).toMatch(/^Scanned [\d.]+ KB .* Logs Insights bills per GB scanned\.$/m);

    const perMinute = await aws.call('query_logs', {
      log_groups: ['/ecs/web'],
      query: 'filter @message like /502/ | stats count(*) by bin(1m)',
      since_minutes: 60,
    });
    expect(perMinute.text).toMatch(/^bin\(1m\)\s+count\(\*\)$/m);
    expect(perMinute.text).toMatch(/\s3$/m); // three 502s a minute during the burst
  });

  it('finds the change to web-tg just before the spike, by whom', async () => {
    const { text, isError } = await aws.call('lookup_changes', { since_minutes: 60 });
    expect(isError).toBe(false);
    const lines = text.split('\n');
    const group = lines.indexOf(INCIDENT.targetGroup.arn);
    expect(group).toBeGreaterThan(0);
    expect(lines[group + 1]).toMatch(/elasticloadbalancing:ModifyTargetGroup {2}by alice/);
    const events = JSON.parse((await aws.call('lookup_changes', { since_minutes: 60, output: 'json' })).json);
    const change = events.find((e: { name: string }) => e.name === 'ModifyTargetGroup');
    const at = (Date.now() - Date.parse(change.time)) / 60_000;
    expect(at).toBeGreaterThan(INCIDENT.minutesAgo.spikeStart);
    expect(Math.abs(at - INCIDENT.minutesAgo.change)).toBeLessThan(1.5);
  });
});
