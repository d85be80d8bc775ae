import { defaultFixtures, logKey } from '@sre-agent/test/fakes/kube-apiserver/index.ts';
import { type K8sHarness, startK8sHarness } from '@sre-agent/test/k8s-harness.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { maxLineChars } from '../format/logs.js';

// An emoji is two UTF-16 code units. Cut between them, it leaves a lone surrogate, which PostgreSQL's
// json type refuses: the orchestrator's turn then failed with HTTP 500 and the tool result was lost.
const now = new Date('2026-03-01T12:00:00Z');
const pod = 'checkout-7d9f8b6c5d-4xk2p';
const emoji = '\u{1F525}';
const straddling = `${'x'.repeat(maxLineChars - 1)}${emoji}tail`;
let harness: K8sHarness;

beforeAll(async () => {
  const fixture = defaultFixtures(now);
  fixture.logs[logKey('payments', pod, 'checkout')] = {
    current: [{ time: now.toISOString(), text: straddling }],
  };
  harness = await startK8sHarness({ now, objects: fixture.objects, logs: fixture.logs });
});
afterAll(() => harness.close());

describe('get_pod_logs with text that is not plain ASCII', () => {
  it('cuts a long line on a code point, never through an emoji, and keeps the result well-formed', async () => {
    const { text, isError, result } = await harness.call('get_pod_logs', {
      namespace: 'payments',
      pod_name: pod,
    });
    expect(isError).toBe(false);
    for (const item of result.content) if (item.type === 'text') expect(item.text.isWellFormed()).toBe(true);
    const cutLine = text.split('\n').find((line) => line.includes('…[line cut]'));
    expect(cutLine).toMatch(new RegExp(`x{${maxLineChars - 1}}…\\[line cut\\]$`));
  });

  it('finds the same line through search_logs without a lone surrogate', async () => {
    const { text, result } = await harness.call('search_logs', {
      namespace: 'payments',
      workload: 'deployment/checkout',
      pattern: 'xxxx',
    });
    expect(text).toContain(pod);
    for (const item of result.content) if (item.type === 'text') expect(item.text.isWellFormed()).toBe(true);
  });
});
