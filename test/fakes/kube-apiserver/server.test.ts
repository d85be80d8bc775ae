import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { V1Deployment } from '@kubernetes/client-node';
import {
  ApiException,
  AppsV1Api,
  CoreV1Api,
  KubeConfig,
  PatchStrategy,
  setHeaderOptions,
  VersionApi,
} from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROMPT_INJECTION, SECRET_MARKER, UNSCHEDULABLE_MESSAGE } from './fixtures.ts';
import type { FakeKubeApiServer } from './index.ts';
import { defaultFixtures, startKubeApiServer } from './index.ts';

const now = new Date();
const dir = mkdtempSync(join(tmpdir(), 'fake-kube-'));
let server: FakeKubeApiServer;
let core: CoreV1Api;
let apps: AppsV1Api;

const kubeConfig = (path: string): KubeConfig => {
  const kc = new KubeConfig();
  kc.loadFromFile(path);
  return kc;
};

/** Runs a call expected to fail and returns the ApiException's code and parsed Status body. */
const failure = async (
  call: Promise<unknown>,
): Promise<{ code: number; status: Record<string, unknown> }> => {
  const err = await call.then(
    () => expect.unreachable('call should have failed'),
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ApiException);
  const { code, body } = err as ApiException<string>;
  return { code, status: typeof body === 'string' && body ? JSON.parse(body) : {} };
};

beforeAll(async () => {
  server = await startKubeApiServer({ ...defaultFixtures(now), now: () => now });
  const kc = kubeConfig(server.writeKubeconfig(dir, { namespace: 'payments' }));
  core = kc.makeApiClient(CoreV1Api);
  apps = kc.makeApiClient(AppsV1Api);
});
afterAll(() => server.close());

describe('kubeconfig', () => {
  it('is accepted by the real client and names the context and namespace', () => {
    const kc = kubeConfig(server.writeKubeconfig(dir, { contextName: 'staging', namespace: 'payments' }));
    expect(kc.getCurrentContext()).toBe('staging');
    expect(kc.getContextObject('staging')?.namespace).toBe('payments');
    expect(kc.getCurrentCluster()?.server).toBe(server.url);
  });

  it('is needed: the client refuses plain http without insecure-skip-tls-verify', async () => {
    const path = join(dir, 'strict.yaml');
    const yaml = server.writeKubeconfig(dir, { contextName: 'strict' });
    const text = (await import('node:fs'))
      .readFileSync(yaml, 'utf8')
      .replace(/\s+insecure-skip-tls-verify: true/, '');
    writeFileSync(path, text);
    const api = kubeConfig(path).makeApiClient(CoreV1Api);
    await expect(api.listNamespace()).rejects.toThrow(/HTTP protocol is not allowed/);
  });
});

describe('discovery', () => {
  it('serves /version, /api, /apis and the resource lists', async () => {
    const kc = kubeConfig(server.writeKubeconfig(dir));
    expect((await kc.makeApiClient(VersionApi).getCode()).gitVersion).toBe('v1.30.2');
    const coreResources = await core.getAPIResources();
    expect(coreResources.groupVersion).toBe('v1');
    const pods = coreResources.resources.find((r) => r.name === 'pods');
    expect(pods).toMatchObject({ namespaced: true, kind: 'Pod', shortNames: ['po'] });
    expect(coreResources.resources.map((r) => r.name)).toContain('pods/log');
    const appsResources = await apps.getAPIResources();
    expect(appsResources.resources.find((r) => r.name === 'deployments/scale')).toMatchObject({
      group: 'autoscaling',
      kind: 'Scale',
    });
    const groups = (await (await fetch(`${server.url}/apis`)).json()) as { groups: { name: string }[] };
    expect(groups.groups.map((g) => g.name)).toEqual(['apps', 'batch']);
    expect(await (await fetch(`${server.url}/api`)).json()).toMatchObject({
      kind: 'APIVersions',
      versions: ['v1'],
    });
  });
});

describe('lists', () => {
  it('lists a namespace with list kind, apiVersion and resourceVersion', async () => {
    const list = await core.listNamespacedPod({ namespace: 'payments' });
    expect(list.kind).toBe('PodList');
    expect(list.apiVersion).toBe('v1');
    expect(Number(list.metadata?.resourceVersion)).toBeGreaterThan(0);
    expect(list.items.map((p) => p.metadata?.name)).toContain('ledger-5c8d7f9b4d-x9p4r');
    expect(list.items.every((p) => p.metadata?.namespace === 'payments')).toBe(true);
    expect(list.metadata?._continue).toBeUndefined();
  });

  it('lists across namespaces and cluster-scoped types', async () => {
    const all = await core.listPodForAllNamespaces();
    expect(new Set(all.items.map((p) => p.metadata?.namespace))).toEqual(
      new Set(['payments', 'kube-system', 'monitoring']),
    );
    const nodes = await core.listNode();
    expect(nodes.kind).toBe('NodeList');
    expect(nodes.items).toHaveLength(4);
    const deployments = await apps.listDeploymentForAllNamespaces();
    expect(deployments.apiVersion).toBe('apps/v1');
    expect(deployments.items.map((d) => d.metadata?.name).sort()).toEqual([
      'batch-reports',
      'checkout',
      'coredns',
      'fraud-model',
      'ledger',
    ]);
  });

  it('lists in a namespace that does not exist as empty, like the real server', async () => {
    expect((await core.listNamespacedPod({ namespace: 'nope' })).items).toEqual([]);
  });

  it('pages with limit and continue across every page, stably', async () => {
    const everything = (await core.listPodForAllNamespaces()).items.map((p) => p.metadata?.name);
    const seen: (string | undefined)[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const page = await core.listPodForAllNamespaces({ limit: 4, _continue: token });
      seen.push(...page.items.map((p) => p.metadata?.name));
      token = page.metadata?._continue;
      if (token) expect(page.metadata?.remainingItemCount).toBe(everything.length - seen.length);
      pages++;
    } while (token);
    expect(seen).toEqual(everything);
    expect(pages).toBe(Math.ceil(everything.length / 4));
  });

  it('rejects a garbled continue token with 400', async () => {
    const { code, status } = await failure(
      core.listNamespacedPod({ namespace: 'payments', _continue: 'zzz' }),
    );
    expect(code).toBe(400);
    expect(status.reason).toBe('BadRequest');
  });
});

describe('selectors', () => {
  const names = async (labelSelector?: string, fieldSelector?: string, namespace = 'payments') =>
    (await core.listNamespacedPod({ namespace, labelSelector, fieldSelector })).items.map(
      (p) => p.metadata?.name,
    );

  it('filters by label: =, ==, !=, in, notin, exists, !exists', async () => {
    expect(await names('app=ledger')).toHaveLength(3);
    expect(await names('app==checkout')).toHaveLength(3);
    expect(await names('app in (checkout, ledger)')).toHaveLength(6);
    expect(await names('app notin (checkout,ledger),app')).toEqual(
      expect.arrayContaining(['fraud-model-6b7c9d8f5b-h8j2n', 'ledger-db-0']),
    );
    expect(await names('app!=ledger')).not.toContain('ledger-5c8d7f9b4d-q7k2m');
    expect(await names('statefulset.kubernetes.io/pod-name')).toEqual(['ledger-db-0', 'ledger-db-1']);
    expect(await names('!app')).toEqual(['reports-nightly-28730880-k5r9d']);
    expect(await names('app=ledger,pod-template-hash=nope')).toEqual([]);
  });

  it('filters by field and refuses unsupported field labels', async () => {
    expect(await names(undefined, 'status.phase=Pending')).toEqual([
      'fraud-model-6b7c9d8f5b-h8j2n',
      'fraud-model-6b7c9d8f5b-t4v6w',
      'ledger-db-1',
    ]);
    expect(await names('app=checkout', 'spec.nodeName=worker-2')).toEqual(['checkout-7d9f8b6c5d-9wzrt']);
    expect(await names(undefined, 'metadata.name!=ledger-db-0,status.phase==Running')).not.toContain(
      'ledger-db-0',
    );
    const events = await core.listNamespacedEvent({
      namespace: 'payments',
      fieldSelector: 'involvedObject.name=ledger-5c8d7f9b4d-x9p4r,involvedObject.kind=Pod,type=Warning',
    });
    expect(events.items.map((e) => e.reason)).toEqual(['BackOff']);
    expect(events.items[0]?.count).toBe(312);
    const { code, status } = await failure(
      core.listNamespacedPod({ namespace: 'payments', fieldSelector: 'spec.bogus=1' }),
    );
    expect(code).toBe(400);
    expect(status).toMatchObject({
      kind: 'Status',
      reason: 'BadRequest',
      message: 'field label not supported: spec.bogus',
    });
  });
});

describe('get', () => {
  it('reads objects with kind and the fixture details', async () => {
    const pod = await core.readNamespacedPod({ namespace: 'payments', name: 'ledger-5c8d7f9b4d-x9p4r' });
    expect(pod.kind).toBe('Pod');
    const ledger = pod.status?.containerStatuses?.find((c) => c.name === 'ledger');
    expect(ledger?.restartCount).toBe(14);
    expect(ledger?.state?.waiting?.reason).toBe('CrashLoopBackOff');
    expect(ledger?.lastState?.terminated).toMatchObject({ reason: 'Error', exitCode: 1 });
    expect(pod.metadata?.ownerReferences?.[0]).toMatchObject({
      kind: 'ReplicaSet',
      name: 'ledger-5c8d7f9b4d',
    });
    const pending = await core.readNamespacedPod({
      namespace: 'payments',
      name: 'fraud-model-6b7c9d8f5b-h8j2n',
    });
    expect(pending.status?.conditions?.[0]).toMatchObject({
      type: 'PodScheduled',
      status: 'False',
      reason: 'Unschedulable',
      message: UNSCHEDULABLE_MESSAGE,
    });
    const node = await core.readNode({ name: 'worker-4' });
    expect(node.status?.conditions?.find((c) => c.type === 'Ready')?.status).toBe('Unknown');
  });

  it('answers 404 Status with the real wording', async () => {
    const ns = await failure(core.readNamespace({ name: 'nope' }));
    expect(ns).toMatchObject({
      code: 404,
      status: { reason: 'NotFound', message: 'namespaces "nope" not found' },
    });
    const dep = await failure(apps.readNamespacedDeployment({ namespace: 'payments', name: 'x' }));
    expect(dep.status).toMatchObject({
      message: 'deployments.apps "x" not found',
      details: { name: 'x', group: 'apps', kind: 'deployments' },
    });
  });

  it('keeps secret values base64-encoded, marker included', async () => {
    const secret = await core.readNamespacedSecret({ namespace: 'payments', name: 'db-credentials' });
    expect(Buffer.from(secret.data?.password ?? '', 'base64').toString()).toContain(SECRET_MARKER);
    expect(secret.metadata?.annotations?.['kubectl.kubernetes.io/last-applied-configuration']).toContain(
      SECRET_MARKER,
    );
  });
});

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

describe('scale and patch', () => {
  const stored = (name: string) => server.store.get<V1Deployment>('deployments', 'payments', name)!;

  it('reads the Scale subresource', async () => {
    const scale = await apps.readNamespacedDeploymentScale({ namespace: 'payments', name: 'checkout' });
    expect(scale).toMatchObject({ kind: 'Scale', apiVersion: 'autoscaling/v1', spec: { replicas: 3 } });
    expect(scale.status?.selector).toBe('app=checkout');
  });

  it('patches scale with the client default (JSON patch) and with merge patch', async () => {
    const before = stored('checkout');
    const out = await apps.patchNamespacedDeploymentScale({
      namespace: 'payments',
      name: 'checkout',
      body: [{ op: 'replace', path: '/spec/replicas', value: 5 }],
    });
    expect(out.spec?.replicas).toBe(5);
    const after = stored('checkout');
    expect(after.spec?.replicas).toBe(5);
    expect(after.metadata?.generation).toBe((before.metadata?.generation ?? 0) + 1);
    expect(Number(after.metadata?.resourceVersion)).toBeGreaterThan(Number(before.metadata?.resourceVersion));
    await apps.patchNamespacedDeploymentScale(
      { namespace: 'payments', name: 'checkout', body: { spec: { replicas: 4 } } },
      setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
    );
    expect(stored('checkout').spec?.replicas).toBe(4);
    const last = server.requests.at(-1);
    expect(last).toMatchObject({
      method: 'PATCH',
      path: '/apis/apps/v1/namespaces/payments/deployments/checkout/scale',
    });
  });

  it('replaces scale, honours dryRun, and refuses negative replicas with 422', async () => {
    await apps.replaceNamespacedDeploymentScale({
      namespace: 'payments',
      name: 'checkout',
      body: {
        apiVersion: 'autoscaling/v1',
        kind: 'Scale',
        metadata: { name: 'checkout', namespace: 'payments' },
        spec: { replicas: 3 },
      },
    });
    expect(stored('checkout').spec?.replicas).toBe(3);
    const dry = await apps.patchNamespacedDeploymentScale(
      { namespace: 'payments', name: 'checkout', body: { spec: { replicas: 9 } }, dryRun: 'All' },
      setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
    );
    expect(dry.spec?.replicas).toBe(9);
    expect(stored('checkout').spec?.replicas).toBe(3);
    const bad = await failure(
      apps.patchNamespacedDeploymentScale({
        namespace: 'payments',
        name: 'checkout',
        body: [{ op: 'replace', path: '/spec/replicas', value: -1 }],
      }),
    );
    expect(bad).toMatchObject({ code: 422, status: { reason: 'Invalid' } });
  });

  it('patches the deployment itself with strategic merge patch and reports a stale resourceVersion as 409', async () => {
    const out = await apps.patchNamespacedDeployment(
      { namespace: 'payments', name: 'batch-reports', body: { spec: { replicas: 1 } } },
      setHeaderOptions('Content-Type', PatchStrategy.StrategicMergePatch),
    );
    expect(out.spec?.replicas).toBe(1);
    expect(stored('batch-reports').spec?.replicas).toBe(1);
    const stale = await failure(
      apps.patchNamespacedDeployment(
        {
          namespace: 'payments',
          name: 'batch-reports',
          body: { metadata: { resourceVersion: '1' }, spec: { replicas: 0 } },
        },
        setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
      ),
    );
    expect(stale).toMatchObject({ code: 409, status: { reason: 'Conflict' } });
  });
});

describe('faults and auth', () => {
  it('fails the next matching request with an RBAC-style 403, once', async () => {
    server.failNext({ method: 'GET', pathIncludes: '/namespaces/payments/pods' }, 403);
    const { code, status } = await failure(core.listNamespacedPod({ namespace: 'payments' }));
    expect(code).toBe(403);
    expect(status.message).toBe(
      'pods is forbidden: User "system:serviceaccount:x:y" cannot list resource "pods" in API group "" in the namespace "payments"',
    );
    expect((await core.listNamespacedPod({ namespace: 'payments' })).items.length).toBeGreaterThan(0);
  });

  it('injects 429, 503 and custom messages', async () => {
    server.failNext({ pathIncludes: '/deployments' }, 429);
    expect((await failure(apps.listNamespacedDeployment({ namespace: 'payments' }))).status.reason).toBe(
      'TooManyRequests',
    );
    server.failNext({ pathIncludes: '/nodes' }, 503, 'etcd is sad');
    expect(await failure(core.listNode())).toMatchObject({
      code: 503,
      status: { message: 'etcd is sad', reason: 'ServiceUnavailable' },
    });
  });

  it('drops a connection and adds latency', async () => {
    server.dropNextConnection('/api/v1/nodes');
    await expect(core.listNode()).rejects.toThrow();
    server.setLatencyMs(60);
    const t0 = performance.now();
    await core.listNode();
    expect(performance.now() - t0).toBeGreaterThanOrEqual(55);
    server.setLatencyMs(0);
  });

  it('requires the bearer token when one is set', async () => {
    const secured = await startKubeApiServer({ token: 'sekret' });
    try {
      const good = kubeConfig(secured.writeKubeconfig(dir, { contextName: 'good' })).makeApiClient(CoreV1Api);
      expect((await good.listNamespace()).items).toHaveLength(4);
      const bad = kubeConfig(
        secured.writeKubeconfig(dir, { contextName: 'bad', token: 'wrong' }),
      ).makeApiClient(CoreV1Api);
      expect((await failure(bad.listNamespace())).code).toBe(401);
      expect((await fetch(`${secured.url}/api/v1/namespaces`)).status).toBe(401);
    } finally {
      await secured.close();
    }
  });
});
