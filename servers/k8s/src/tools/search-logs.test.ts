import { PROMPT_INJECTION } from '@sre-agent/test/fakes/kube-apiserver/fixtures.ts';
import { type K8sHarness, startK8sHarness } from '@sre-agent/test/k8s-harness.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const now = new Date('2026-03-01T12:00:00Z');
let harness: K8sHarness;
beforeAll(async () => {
  harness = await startK8sHarness({ now });
});
afterAll(() => harness.close());

const logReads = () => harness.api.requests.filter((item) => item.path.endsWith('/log'));

describe('search_logs', () => {
  it('searches every pod of a deployment and folds the same message into one line with a count', async () => {
    const { text, isError } = await harness.call('search_logs', {
      namespace: 'payments',
      workload: 'deployment/checkout',
      pattern: 'ledger unavailable',
      since_minutes: 3 * 24 * 60,
    });
    expect(isError).toBe(false);
    expect(text).toContain(
      'Log search /ledger unavailable/ in Deployment payments/checkout (app=checkout), last 4320 min, current instances: 3 pods, 3 containers read; 3 matching lines, 1 distinct message.',
    );
    expect(text).toMatch(
      /x3 {2}\d{4}-\d\d-\d\dT[\d:]{8}Z {2}checkout-7d9f8b6c5d-\w+\/checkout \(\+2 pods\) {2}\{"level":"error"/,
    );
    expect(text).toContain('before: {"level":"info","msg":"POST /v1/orders"');
    expect(text).toMatch(/<untrusted-data id="\w+" source="logs matching \/ledger unavailable\/">/);
  });

  it('reads every container of a multi-container pod without being told which', async () => {
    const before = logReads().length;
    const { text } = await harness.call('search_logs', {
      namespace: 'payments',
      label_selector: 'app=ledger',
      pattern: 'ECONNREFUSED|heap used',
      since_minutes: 600,
    });
    const reads = logReads().slice(before);
    expect(new Set(reads.map((item) => item.query.container))).toEqual(new Set(['ledger', 'envoy']));
    expect(
      reads.every((item) => item.query.timestamps === 'true' && item.query.sinceSeconds === '36000'),
    ).toBe(true);
    expect(text).toContain('pods app=ledger in payments');
    expect(text).toContain('Error: connect ECONNREFUSED 10.244.13.52:5432');
    expect(text).toContain('WARN  heap used 402MiB of 512MiB');
  });

  it('searches the crashed instances with previous, and keeps injected text inside the fence', async () => {
    const previous = await harness.call('search_logs', {
      namespace: 'payments',
      workload: 'deploy/ledger',
      pattern: 'heap used 509',
      previous: true,
      since_minutes: 600,
    });
    expect(previous.text).toContain('previous (crashed) instances');
    expect(previous.text).toContain('x1');
    // Containers that never restarted have no previous log; that is said, not an error.
    expect(previous.text).toMatch(/No log to read for: .*previous terminated container/);
    const injected = await harness.call('search_logs', {
      namespace: 'payments',
      workload: 'deployment/ledger',
      pattern: 'IGNORE ALL',
      container: 'ledger',
    });
    const fenceStart = injected.text.indexOf('<untrusted-data');
    expect(fenceStart).toBeGreaterThan(-1);
    expect(injected.text.indexOf(PROMPT_INJECTION)).toBeGreaterThan(fenceStart);
  });

  it('says when nothing matches, and what to try next', async () => {
    const { text, isError } = await harness.call('search_logs', {
      namespace: 'payments',
      workload: 'deployment/checkout',
      pattern: 'no such message anywhere',
    });
    expect(isError).toBe(false);
    expect(text).toContain('0 matching lines');
    expect(text).toContain('No line matches. Try a longer since_minutes');
  });

  it('refuses bad input with the fix, before reading any log', async () => {
    const before = logReads().length;
    const both = await harness.call('search_logs', {
      namespace: 'payments',
      workload: 'deployment/checkout',
      label_selector: 'app=checkout',
      pattern: 'x',
    });
    expect(both).toMatchObject({ isError: true });
    expect(both.text).toContain('Pass exactly one of `workload` and `label_selector`.');
    const kind = await harness.call('search_logs', {
      namespace: 'payments',
      workload: 'service/checkout',
      pattern: 'x',
    });
    expect(kind.text).toContain('"service/checkout" is not a workload reference.');
    const regex = await harness.call('search_logs', {
      namespace: 'payments',
      workload: 'deployment/checkout',
      pattern: '(a+)+',
    });
    expect(regex.text).toContain('repeats a group that itself repeats');
    const missing = await harness.call('search_logs', {
      namespace: 'payments',
      workload: 'deployment/chekout',
      pattern: 'x',
    });
    expect(missing.text).toContain('Deployment "chekout" not found in namespace "payments"');
    expect(missing.text).toContain('"checkout"');
    expect(logReads().length).toBe(before);
  });
});
