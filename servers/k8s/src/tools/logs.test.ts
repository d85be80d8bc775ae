import { PROMPT_INJECTION } from '@sre-agent/test/fakes/kube-apiserver/fixtures.ts';
import { defaultFixtures, type LogLine, logKey } from '@sre-agent/test/fakes/kube-apiserver/index.ts';
import { type K8sHarness, startK8sHarness } from '@sre-agent/test/k8s-harness.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const now = new Date('2026-03-01T12:00:00Z');
const crashing = { namespace: 'payments', pod_name: 'ledger-5c8d7f9b4d-x9p4r', container: 'ledger' };
let harness: K8sHarness;
beforeAll(async () => {
  harness = await startK8sHarness({ now });
});
afterAll(() => harness.close());

/** Everything inside the single untrusted block of a result. */
function fenceBody(text: string): { before: string; inside: string; after: string } {
  const open = /<untrusted-data id="(\w+)"[^>]*>\n/.exec(text);
  if (!open) return { before: text, inside: '', after: '' };
  const close = `</untrusted-data id="${open[1]}">`;
  const start = open.index + open[0].length;
  const end = text.indexOf(close);
  // Drop the fence's own instruction line and the newline before the closing marker.
  const inside = text
    .slice(start, end)
    .replace(/^[^\n]*\n/, '')
    .replace(/\n$/, '');
  return { before: text.slice(0, open.index), inside, after: text.slice(end + close.length) };
}

describe('get_pod_logs', () => {
  it('reads the only container of a pod without being told which', async () => {
    const { text, isError } = await harness.call('get_pod_logs', {
      namespace: 'payments',
      pod_name: 'checkout-7d9f8b6c5d-4xk2p',
    });
    expect(isError).toBe(false);
    expect(text).toMatch(
      /^Logs of pod payments\/checkout-7d9f8b6c5d-4xk2p, container checkout \(current instance\), last 50 line\(s\): 8 line\(s\) read\./,
    );
    expect(fenceBody(text).inside).toContain('"msg":"ledger unavailable"');
    const request = harness.api.requests.findLast((item) => item.path.endsWith('/log'));
    expect(request?.query).toMatchObject({
      container: 'checkout',
      tailLines: '50',
      limitBytes: String(2 * 1024 * 1024),
    });
  });

  it('reads the first container of a pod that has several, as kubectl does, and names the others', async () => {
    const { text, isError } = await harness.call('get_pod_logs', {
      namespace: 'payments',
      pod_name: 'ledger-5c8d7f9b4d-x9p4r',
    });
    expect(isError).toBe(false);
    expect(text.split('\n')[0]).toBe(
      'Defaulted container "ledger" out of: ledger, envoy. Pass `container` to read another.',
    );
    expect(text).toContain('container ledger (current instance)');
    expect(harness.api.requests.at(-1)?.query.container).toBe('ledger');
    expect(isError).toBe(false);
  });

  it('follows the default-container annotation when the pod has one', async () => {
    const fixture = defaultFixtures(now);
    const pod = fixture.objects.find((object) => object.metadata.name === 'ledger-5c8d7f9b4d-x9p4r');
    if (!pod) throw new Error('fixture pod missing');
    pod.metadata.annotations = {
      ...pod.metadata.annotations,
      'kubectl.kubernetes.io/default-container': 'envoy',
    };
    const annotated = await startK8sHarness({ now, objects: fixture.objects, logs: fixture.logs });
    try {
      const { text } = await annotated.call('get_pod_logs', {
        namespace: 'payments',
        pod_name: pod.metadata.name,
      });
      expect(text.split('\n')[0]).toBe(
        'Defaulted container "envoy" out of: ledger, envoy. Pass `container` to read another.',
      );
      expect(annotated.api.requests.at(-1)?.query.container).toBe('envoy');
    } finally {
      await annotated.close();
    }
  });

  it('names the containers when the one asked for does not exist', async () => {
    const unknown = await harness.call('get_pod_logs', { ...crashing, container: 'sidecar' });
    expect(unknown.text).toBe(
      'Pod "ledger-5c8d7f9b4d-x9p4r" has no container "sidecar". Its containers: ledger, envoy.',
    );
  });

  it('keeps a prompt injection inside the fence, as data', async () => {
    const { text } = await harness.call('get_pod_logs', crashing);
    const { before, inside, after } = fenceBody(text);
    expect(inside).toContain(PROMPT_INJECTION);
    expect(before + after).not.toContain('IGNORE ALL PREVIOUS INSTRUCTIONS');
    // Exactly one fence, and the injected line cannot close it: the tag is random.
    expect(text.match(/<untrusted-data id=/g)).toHaveLength(1);
  });

  it('reads the previous instance, tails and filters with grep server-side', async () => {
    const previous = await harness.call('get_pod_logs', { ...crashing, previous: true, tail_lines: 3 });
    expect(previous.text).toContain(
      '(previous instance, the one that exited), last 3 line(s): 3 line(s) read.',
    );
    expect(fenceBody(previous.text).inside.split('\n')).toEqual([
      '    at Pool.connectReplica (/app/dist/db/pool.js:88:19)',
      '    at async Ledger.reconcile (/app/dist/ledger.js:142:7)',
      '    at async main (/app/dist/main.js:31:3)',
    ]);
    const grep = await harness.call('get_pod_logs', {
      ...crashing,
      previous: true,
      grep: 'ECONN|attempt \\d+',
    });
    expect(grep.text).toContain('grep /ECONN|attempt \\d+/: 2 of 10 line(s) match.');
    expect(fenceBody(grep.text).inside).toBe(
      'WARN  replica ledger-db-1.ledger-db.payments.svc.cluster.local unreachable (attempt 13)\nError: connect ECONNREFUSED 10.244.13.52:5432',
    );
    const none = await harness.call('get_pod_logs', { ...crashing, grep: 'no-such-text' });
    expect(none.text).toContain('No line matches. Raise tail_lines (up to 5000) to search further back');
  });

  it('passes since_seconds to the API', async () => {
    const { text } = await harness.call('get_pod_logs', {
      namespace: 'payments',
      pod_name: 'checkout-7d9f8b6c5d-4xk2p',
      since_seconds: 3600,
    });
    expect(text).toContain('last 50 line(s) of the last 3600s: 1 line(s) read.');
    expect(fenceBody(text).inside).toBe('{"level":"info","msg":"GET /healthz","status":200,"duration_ms":1}');
  });

  it('refuses invalid and catastrophic patterns before calling the API', async () => {
    const before = harness.api.requests.length;
    const invalid = await harness.call('get_pod_logs', { ...crashing, grep: '[abc' });
    expect(invalid.isError).toBe(true);
    expect(invalid.text).toMatch(
      /^The grep pattern is not a valid JavaScript regular expression: .*Unterminated character class/,
    );
    const nested = await harness.call('get_pod_logs', { ...crashing, grep: '(a+)+$' });
    expect(nested.isError).toBe(true);
    expect(nested.text).toContain('can take exponential time');
    expect(harness.api.requests.length).toBe(before);
  });

  it('bounds tail_lines to 1..5000', async () => {
    for (const tail_lines of [0, 5001]) {
      const { isError, text } = await harness.call('get_pod_logs', { ...crashing, tail_lines });
      expect(isError).toBe(true);
      expect(text).toMatch(/tail_lines/);
    }
  });

  it('explains why there are no logs: never started, or no previous instance', async () => {
    const waiting = await harness.call('get_pod_logs', {
      namespace: 'payments',
      pod_name: 'fraud-model-6b7c9d8f5b-t4v6w',
    });
    expect(waiting.isError).toBe(true);
    expect(waiting.text).toContain(
      'No logs for container "fraud-model" of pod "fraud-model-6b7c9d8f5b-t4v6w": container "fraud-model" in pod "fraud-model-6b7c9d8f5b-t4v6w" is waiting to start: trying and failing to pull image.',
    );
    expect(waiting.text).toContain('Call get_pod_details');
    const noPrevious = await harness.call('get_pod_logs', {
      namespace: 'payments',
      pod_name: 'checkout-7d9f8b6c5d-4xk2p',
      previous: true,
    });
    expect(noPrevious.text).toBe(
      'Container "checkout" of pod "checkout-7d9f8b6c5d-4xk2p" has not restarted (restarts: 0), so there is no previous instance. Call get_pod_logs without `previous` to read the current one.',
    );
  });

  it('suggests pods on a 404', async () => {
    const { text } = await harness.call('get_pod_logs', {
      namespace: 'payments',
      pod_name: 'checkout-7d9f8b6c5d-4xk2',
    });
    expect(text).toMatch(
      /^Pod "checkout-7d9f8b6c5d-4xk2" not found .* Did you mean "checkout-7d9f8b6c5d-4xk2p"/,
    );
  });
});

describe('get_pod_logs on big logs', () => {
  const pod = 'checkout-7d9f8b6c5d-4xk2p';
  const lines = (count: number, width: number): LogLine[] =>
    Array.from({ length: count }, (_, index) => ({
      time: new Date(now.getTime() - (count - index) * 1000).toISOString(),
      text: `line ${String(index).padStart(5, '0')} ${'x'.repeat(width)}`,
    }));
  let big: K8sHarness;
  beforeAll(async () => {
    const fixture = defaultFixtures(now);
    fixture.logs[logKey('payments', pod, 'checkout')] = { current: lines(3_000, 1_000) };
    big = await startK8sHarness({
      now,
      objects: fixture.objects,
      logs: fixture.logs,
      env: { SRE_OUTPUT_BUDGET: '8192' },
    });
  });
  afterAll(() => big.close());

  it('keeps the newest lines within the budget and says how many older ones were cut', async () => {
    const { text } = await big.call('get_pod_logs', {
      namespace: 'payments',
      pod_name: pod,
      tail_lines: 100,
    });
    expect(Buffer.byteLength(text)).toBeLessThanOrEqual(8192);
    const { inside, after } = fenceBody(text);
    expect(inside.split('\n').at(-1)).toMatch(/^line 02999 /);
    const kept = inside.split('\n').length;
    expect(after).toContain(
      `[cut: the ${100 - kept} oldest line(s) not shown to fit the output budget; the newest ${kept} are above.`,
    );
  });

  it('re-reads fewer lines when the byte cap would keep only the oldest ones', async () => {
    const { text } = await big.call('get_pod_logs', {
      namespace: 'payments',
      pod_name: pod,
      tail_lines: 3_000,
    });
    expect(text).toMatch(/The last 3000 lines are over 2 MiB, so only the newest \d+ were read\./);
    expect(fenceBody(text).inside.split('\n').at(-1)).toMatch(/^line 02999 /);
    const reads = big.api.requests.filter((item) => item.path.endsWith('/log')).slice(-2);
    expect(reads.map((item) => item.query.tailLines)).toEqual(['3000', expect.stringMatching(/^1\d{3}$/)]);
  });

  it('greps the whole window but returns only matches', async () => {
    const { text } = await big.call('get_pod_logs', {
      namespace: 'payments',
      pod_name: pod,
      tail_lines: 500,
      grep: '^line 0299[0-9]',
    });
    expect(text).toContain('grep /^line 0299[0-9]/: 10 of 500 line(s) match.');
  });
});
