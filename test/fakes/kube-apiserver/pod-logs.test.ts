import { CoreV1Api } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROMPT_INJECTION } from './fixtures.ts';
import type { FakeKubeApiServer } from './index.ts';
import { defaultFixtures, startKubeApiServer } from './index.ts';
import { failure, loadKubeConfig, tempDir } from './testing.ts';

const now = new Date();
let server: FakeKubeApiServer;
let core: CoreV1Api;

beforeAll(async () => {
  server = await startKubeApiServer({ ...defaultFixtures(now), now: () => now });
  core = loadKubeConfig(server.writeKubeconfig(tempDir())).makeApiClient(CoreV1Api);
});
afterAll(() => server.close());

describe('pod logs', () => {
  const log = (name: string, extra: Record<string, unknown> = {}) =>
    core.readNamespacedPodLog({ namespace: 'payments', name, ...extra });

  it('returns plain text with tailLines, timestamps and limitBytes', async () => {
    const full = await log('checkout-7d9f8b6c5d-4xk2p');
    expect(full.split('\n').filter(Boolean)).toHaveLength(8);
    const tail = await log('checkout-7d9f8b6c5d-4xk2p', { tailLines: 2 });
    expect(tail.trimEnd().split('\n')).toHaveLength(2);
    expect(full.endsWith(tail)).toBe(true);
    const stamped = await log('checkout-7d9f8b6c5d-4xk2p', { tailLines: 1, timestamps: true });
    expect(stamped).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z \{/);
    expect(await log('checkout-7d9f8b6c5d-4xk2p', { limitBytes: 10 })).toHaveLength(10);
  });

  it('filters by sinceSeconds against the server clock', async () => {
    const recent = await log('checkout-7d9f8b6c5d-4xk2p', { sinceSeconds: 60 });
    expect(recent.trimEnd().split('\n')).toHaveLength(1);
  });

  it('requires a container for multi-container pods, with the real message', async () => {
    const { code, status } = await failure(log('ledger-5c8d7f9b4d-x9p4r'));
    expect(code).toBe(400);
    expect(status.message).toBe(
      'a container name must be specified for pod ledger-5c8d7f9b4d-x9p4r, choose one of: [ledger envoy]',
    );
  });

  it('serves the previous container (stack trace) and carries the injection line in the current one', async () => {
    const previous = await log('ledger-5c8d7f9b4d-x9p4r', { container: 'ledger', previous: true });
    expect(previous).toContain('Error: connect ECONNREFUSED');
    expect(previous).toContain('    at ');
    const current = await log('ledger-5c8d7f9b4d-x9p4r', { container: 'ledger' });
    expect(current).toContain(PROMPT_INJECTION);
  });

  it('refuses previous logs that do not exist, and containers that never started', async () => {
    const prev = await failure(log('checkout-7d9f8b6c5d-4xk2p', { previous: true }));
    expect(prev.status.message).toBe(
      'previous terminated container "checkout" in pod "checkout-7d9f8b6c5d-4xk2p" not found',
    );
    const pull = await failure(log('fraud-model-6b7c9d8f5b-t4v6w'));
    expect(pull.status.message).toBe(
      'container "fraud-model" in pod "fraud-model-6b7c9d8f5b-t4v6w" is waiting to start: trying and failing to pull image',
    );
    const missing = await failure(log('nope'));
    expect(missing).toMatchObject({ code: 404, status: { message: 'pods "nope" not found' } });
  });
});

describe('pod log edge cases', () => {
  it('names the containers that are valid, and refuses unscheduled pods', async () => {
    const wrong = await failure(
      core.readNamespacedPodLog({
        namespace: 'payments',
        name: 'checkout-7d9f8b6c5d-4xk2p',
        container: 'nope',
      }),
    );
    expect(wrong.status.message).toBe('container nope is not valid for pod checkout-7d9f8b6c5d-4xk2p');
    const pending = await failure(
      core.readNamespacedPodLog({ namespace: 'payments', name: 'fraud-model-6b7c9d8f5b-h8j2n' }),
    );
    expect(pending.status.message).toBe('pod fraud-model-6b7c9d8f5b-h8j2n does not have a host assigned');
  });

  it('serves the OOM-killed container both ways and answers text/plain', async () => {
    const res = await fetch(
      `${server.url}/api/v1/namespaces/payments/pods/ledger-5c8d7f9b4d-z5n8w/log?container=ledger&previous=true`,
    );
    expect(res.headers.get('content-type')).toBe('text/plain');
    expect(await res.text()).toContain('heap used 509MiB of 512MiB');
    expect(
      await core.readNamespacedPodLog({
        namespace: 'payments',
        name: 'ledger-5c8d7f9b4d-z5n8w',
        container: 'ledger',
        tailLines: 0,
      }),
    ).toBe('');
  });
});
