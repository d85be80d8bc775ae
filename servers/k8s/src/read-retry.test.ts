import { type ElicitAnswer, type K8sHarness, startK8sHarness } from '@sre-agent/test/k8s-harness.ts';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { isConnectionReset, maxRetryDelayMs } from './read-retry.js';

const now = new Date('2026-03-01T12:00:00Z');
const yes = (): ElicitAnswer => ({ action: 'accept', content: { confirm: true } });
const deadlineMs = 3_000;
let h: K8sHarness;
beforeAll(async () => {
  h = await startK8sHarness({
    now,
    env: { SRE_ALLOW_WRITES: 'true', SRE_TOOL_TIMEOUT_MS: String(deadlineMs) },
    elicit: yes,
  });
});
afterAll(() => h.close());
beforeEach(() => h.api.wire.clear());

const NS = { namespace: 'payments' };
/** Each untrusted-data fence has a fresh random id; the rest of an answer must be identical. */
const withoutFenceIds = (text: string) => text.replace(/untrusted-data id="[0-9a-f]+"/g, 'untrusted-data');
/** One tool per way the server reads: raw list pages, raw GETs, the generated clients (JSON and text). */
const reads: [string, Record<string, unknown>, string][] = [
  ['list_pods_from_namespace', NS, '/namespaces/payments/pods'],
  ['describe_resource', { ...NS, kind: 'Deployment', name: 'checkout' }, '/deployments/checkout'],
  ['get_pod_details', { ...NS, pod_name: 'ledger-5c8d7f9b4d-q7k2m' }, '/pods/ledger-5c8d7f9b4d-q7k2m'],
  ['get_pod_logs', { ...NS, pod_name: 'ledger-5c8d7f9b4d-q7k2m' }, '/pods/ledger-5c8d7f9b4d-q7k2m/log'],
];

describe('reads are retried once', () => {
  for (const [tool, args, path] of reads) {
    for (const fault of [
      { kind: 'status', status: 503 },
      { kind: 'status', status: 504 },
      { kind: 'reset' },
    ] as const) {
      it(`${tool}: one ${fault.kind === 'reset' ? 'reset mid-body' : fault.status} is invisible`, async () => {
        const clean = await h.call(tool, args);
        expect(clean.isError).toBe(false);
        h.api.wire.inject({ ...fault, pathIncludes: path });
        const faulted = await h.call(tool, args);
        expect(h.api.wire.hits()).toBeGreaterThan(0);
        expect(faulted.isError).toBe(false);
        expect(withoutFenceIds(faulted.text)).toBe(withoutFenceIds(clean.text));
      });
    }
  }

  it('waits as Retry-After asks, up to a second', async () => {
    const before = h.api.wire.hits();
    h.api.wire.inject({ kind: 'status', status: 429, retryAfterSeconds: 30, pathIncludes: '/pods' });
    const started = performance.now();
    const { isError, text } = await h.call('list_pods_from_namespace', NS);
    const ms = performance.now() - started;
    expect(isError).toBe(false);
    expect(text).toMatch(/^11 pods in namespace "payments"/);
    expect(h.api.wire.hits() - before).toBe(1);
    expect(ms).toBeGreaterThanOrEqual(maxRetryDelayMs - 50);
    expect(ms).toBeLessThan(maxRetryDelayMs + 1_000);
  });

  it('a persistent fault is tried twice, then a clear error within the deadline', async () => {
    for (const [tool, args, path] of reads) {
      h.api.wire.clear();
      const before = h.api.wire.hits();
      h.api.wire.inject({ kind: 'status', status: 503, times: Infinity, pathIncludes: path });
      const started = performance.now();
      const { isError, text } = await h.call(tool, args);
      expect(performance.now() - started).toBeLessThan(deadlineMs);
      expect(isError, tool).toBe(true);
      expect(text, tool).toMatch(/503|unavailable/i);
      expect(h.api.wire.hits() - before, tool).toBe(2);
    }
  });
});

describe('writes are never repeated', () => {
  const scaled = () => h.api.requests.filter((item) => item.method === 'PATCH');

  it('a 503 to the PATCH is reported, not retried', async () => {
    const patches = scaled().length;
    const before = h.api.wire.hits();
    h.api.wire.inject({ kind: 'status', status: 503, times: Infinity, pathIncludes: 'checkout/scale' });
    const { isError, text } = await h.call('scale_deployment', {
      ...NS,
      deployment_name: 'checkout',
      replicas: 4,
    });
    expect(isError).toBe(true);
    expect(text).toMatch(/503|unavailable/i);
    // The fault answers before the fake sees the request: its hit count is the PATCHes sent.
    expect(h.api.wire.hits() - before).toBe(1);
    expect(scaled().length).toBe(patches);
  });

  it('a connection reset after the PATCH arrived is not sent again', async () => {
    const patches = scaled().length;
    h.api.wire.inject({ kind: 'reset', pathIncludes: 'checkout/scale' });
    const { isError } = await h.call('scale_deployment', { ...NS, deployment_name: 'checkout', replicas: 5 });
    expect(isError).toBe(true);
    expect(scaled().length - patches).toBe(1);
  });
});

describe('isConnectionReset', () => {
  it("sees undici's wrapped socket errors and nothing else", () => {
    const socket = Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' });
    expect(isConnectionReset(new TypeError('terminated', { cause: socket }))).toBe(true);
    const reset = Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' });
    expect(isConnectionReset(new TypeError('fetch failed', { cause: reset }))).toBe(true);
    expect(isConnectionReset(new Error('socket hang up'))).toBe(true);
    const refused = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    expect(isConnectionReset(new TypeError('fetch failed', { cause: refused }))).toBe(false);
    expect(isConnectionReset(new SyntaxError('Unexpected end of JSON input'))).toBe(false);
  });
});
