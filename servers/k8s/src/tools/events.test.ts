import { clockAt } from '@sre-agent/test/fakes/kube-apiserver/build.ts';
import { buildEvent } from '@sre-agent/test/fakes/kube-apiserver/fixtures-events.ts';
import { defaultFixtures } from '@sre-agent/test/fakes/kube-apiserver/index.ts';
import { type K8sHarness, startK8sHarness } from '@sre-agent/test/k8s-harness.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const now = new Date('2026-03-01T12:00:00Z');
let harness: K8sHarness;
beforeAll(async () => {
  harness = await startK8sHarness({ now });
});
afterAll(() => harness.close());

const tableRows = (text: string) =>
  text.split('\n').filter((line) => /^(\S+\s+)?\d+[smhd]\s+(Warning|Normal)\s/.test(line));

describe('get_events', () => {
  it('summarises Warning reasons first, then lists events newest first across event styles', async () => {
    const { text, isError } = await harness.call('get_events', { namespace: 'payments' });
    expect(isError).toBe(false);
    const lines = text.split('\n');
    expect(lines[0]).toBe('Events in namespace "payments": 13 event(s): 7 Normal, 6 Warning.');
    expect(lines[1]).toBe(
      'Warning reasons: BackOff x2 (472 times), FailedScheduling x2 (63 times), Unhealthy x1 (45 times), Failed x1 (9 times).',
    );
    expect(text).toMatch(/LAST SEEN\s+TYPE\s+REASON\s+OBJECT\s+COUNT\s+MESSAGE/);
    const rows = tableRows(text);
    expect(rows).toHaveLength(13);
    const ages = rows.map((row) => row.split(/\s+/)[0]);
    // series.lastObservedTime (90s, 4m), lastTimestamp (12s...) and eventTime (9d) interleave by recency.
    expect(ages).toEqual([
      '12s',
      '15s',
      '20s',
      '41s',
      '45s',
      '90s',
      '4m',
      '5m',
      '2d',
      '2d',
      '2d',
      '6d',
      '9d',
    ]);
    expect(rows[5]).toMatch(/FailedScheduling\s+pod\/fraud-model-6b7c9d8f5b-h8j2n\s+38\s+0\/4 nodes/);
  });

  it('fences every message', async () => {
    const { text } = await harness.call('get_events', { namespace: 'payments' });
    const open = text.indexOf('<untrusted-data');
    const close = text.indexOf('</untrusted-data');
    expect(open).toBeGreaterThan(0);
    for (const row of tableRows(text)) {
      const at = text.indexOf(row);
      expect(at > open && at < close).toBe(true);
    }
  });

  it('filters by type, recency and involved object, on the server where it can', async () => {
    const warnings = await harness.call('get_events', {
      namespace: 'payments',
      types: ['warning'],
      since_minutes: 2,
    });
    expect(warnings.text).toMatch(
      /^Events in namespace "payments" \(types warning, last 2 min\): 4 event\(s\): 4 Warning\./,
    );
    expect(harness.api.requests.at(-1)?.query.fieldSelector).toBe('type=Warning');
    const byKind = await harness.call('get_events', {
      namespace: 'payments',
      involved_object: 'deploy/checkout',
    });
    expect(tableRows(byKind.text)).toHaveLength(1);
    expect(harness.api.requests.at(-1)?.query.fieldSelector).toBe('involvedObject.name=checkout');
    const byName = await harness.call('get_events', {
      namespace: 'payments',
      involved_object: 'ledger-db-1',
    });
    expect(byName.text).toContain('1 event(s): 1 Warning.');
    const empty = await harness.call('get_events', {
      namespace: 'payments',
      involved_object: 'pod/nothing-here',
    });
    expect(empty.text).toContain('No events match. Events expire after about an hour by default');
  });

  it('shows at most `limit` newest events and says how to see more', async () => {
    const { text } = await harness.call('get_events', { namespace: 'payments', limit: 2 });
    expect(tableRows(text).map((row) => row.split(/\s+/)[0])).toEqual(['12s', '15s']);
    expect(text).toContain('[2 newest of 13 shown. Raise `limit`, or narrow with');
    expect(text).toContain('13 event(s)');
  });

  it('returns redacted events as JSON, newest first', async () => {
    const { json } = await harness.call('get_events', { namespace: 'payments', output: 'json', limit: 3 });
    const parsed = JSON.parse(json) as { reason: string; involvedObject: { name: string } }[];
    expect(parsed.map((event) => event.reason)).toEqual(['Unhealthy', 'ExternalProvisioning', 'BackOff']);
  });

  it('refuses a malformed involved_object and a missing namespace', async () => {
    const bad = await harness.call('get_events', { namespace: 'payments', involved_object: 'pod/a,b=c' });
    expect(bad.isError).toBe(true);
    expect(bad.text).toContain('involved_object "pod/a,b=c" is not "name" or "kind/name".');
    const missing = await harness.call('get_events', { namespace: 'paymnts' });
    expect(missing.text).toBe(
      'Namespace "paymnts" does not exist (context "fake"). Did you mean "payments"? Call list_namespaces to see them all.',
    );
  });
});

describe('get_events_all_namespaces', () => {
  it('takes one type as a bare string, as models often send it', async () => {
    const { text, isError } = await harness.call('get_events_all_namespaces', { types: 'Warning' });
    expect(isError).toBe(false);
    expect(text).toMatch(/^Events in all namespaces \(types Warning\): 8 event\(s\): 8 Warning\./);
  });

  it('adds a NAMESPACE column and includes node events from "default"', async () => {
    const { text } = await harness.call('get_events_all_namespaces', { types: ['Warning'] });
    expect(text).toMatch(/^Events in all namespaces \(types Warning\): 8 event\(s\): 8 Warning\./);
    expect(text).toMatch(/NAMESPACE\s+LAST SEEN\s+TYPE/);
    expect(text).toMatch(/default\s+42s\s+Warning\s+OOMKilling\s+node\/worker-3/);
    expect(text).toMatch(/monitoring\s+\S+\s+Warning\s+NodeNotReady/);
  });

  it('visits only the allowed namespaces under SRE_NAMESPACES', async () => {
    const limited = await startK8sHarness({ now, env: { SRE_NAMESPACES: 'monitoring,default' } });
    try {
      const { text } = await limited.call('get_events_all_namespaces', {});
      expect(text).toMatch(/^Events in namespaces monitoring, default: 3 event\(s\)/);
      expect(text).not.toContain('payments');
      expect(limited.api.requests.map((item) => item.path)).toEqual([
        '/api/v1/namespaces/monitoring/events',
        '/api/v1/namespaces/default/events',
      ]);
    } finally {
      await limited.close();
    }
  });
});

describe('events on a busy namespace', () => {
  it('summarises 3,000 events within the budget, newest first', async () => {
    const clock = clockAt(now);
    const fixture = defaultFixtures(now);
    const events = Array.from({ length: 3_000 }, (_, index) =>
      buildEvent(clock, {
        namespace: 'payments',
        involved: { kind: 'Pod', namespace: 'payments', name: `worker-${index}` },
        type: index % 3 === 0 ? 'Warning' : 'Normal',
        reason: index % 3 === 0 ? 'BackOff' : 'Pulled',
        message: `message number ${index} ${'y'.repeat(80)}`,
        component: 'kubelet',
        count: 2,
        firstAgo: 3_000 - index + 600,
        lastAgo: 3_000 - index,
      }),
    );
    const busy = await startK8sHarness({
      now,
      objects: [...fixture.objects, ...events],
      env: { SRE_OUTPUT_BUDGET: '8192' },
    });
    try {
      const { text } = await busy.call('get_events', { namespace: 'payments' });
      expect(Buffer.byteLength(text)).toBeLessThanOrEqual(8192);
      expect(text).toMatch(/^Events in namespace "payments": 3013 event\(s\): 2007 Normal, 1006 Warning\./);
      expect(text).toContain('Warning reasons: BackOff x1002 (2472 times)');
      const rows = tableRows(text);
      expect(rows[0]).toMatch(/worker-2999\s/);
      expect(text).toMatch(new RegExp(`\\[${rows.length} newest of 3013 shown\\. Narrow with`));
      // Every page was read: 3,013 events at 500 per page.
      expect(busy.api.requests.filter((item) => item.path.endsWith('/events'))).toHaveLength(7);
    } finally {
      await busy.close();
    }
  });
});
