import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { V1ConfigMap, V1Deployment } from '@kubernetes/client-node';
import {
  AppsV1Api,
  AutoscalingV2Api,
  BatchV1Api,
  CoreV1Api,
  KubernetesObjectApi,
  VersionApi,
} from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SECRET_MARKER, UNSCHEDULABLE_MESSAGE } from './fixtures.ts';
import type { FakeKubeApiServer } from './index.ts';
import { defaultFixtures, startKubeApiServer } from './index.ts';
import { failure, loadKubeConfig as kubeConfig, tempDir } from './testing.ts';

const now = new Date();
const dir = tempDir();
let server: FakeKubeApiServer;
let core: CoreV1Api;
let apps: AppsV1Api;

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

  it('writes extra contexts, each usable on its own', async () => {
    const path = server.writeKubeconfig(dir, {
      contextName: 'prod',
      extraContexts: [
        { name: 'staging', namespace: 'monitoring' },
        { name: 'down', server: 'http://127.0.0.1:9' },
      ],
    });
    const kc = kubeConfig(path);
    expect(kc.getContexts().map((c) => c.name)).toEqual(['prod', 'staging', 'down']);
    kc.setCurrentContext('staging');
    expect((await kc.makeApiClient(CoreV1Api).listNamespace()).items).toHaveLength(4);
    kc.setCurrentContext('down');
    await expect(kc.makeApiClient(CoreV1Api).listNamespace()).rejects.toThrow();
  });

  it('is needed: the client refuses plain http without insecure-skip-tls-verify', async () => {
    const path = join(dir, 'strict.yaml');
    const yaml = server.writeKubeconfig(dir, { contextName: 'strict' });
    const text = readFileSync(yaml, 'utf8').replace(/\s+insecure-skip-tls-verify: true/, '');
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
    expect(groups.groups.map((g) => g.name)).toEqual([
      'apps',
      'autoscaling',
      'batch',
      'networking.k8s.io',
      'cert-manager.io',
    ]);
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

describe('other resources', () => {
  it('serves classic and new-style events as the client models them', async () => {
    const events = await core.listNamespacedEvent({ namespace: 'payments' });
    const classic = events.items.find((e) => e.reason === 'Unhealthy')!;
    expect(classic.count).toBe(45);
    expect(classic.lastTimestamp).toBeInstanceOf(Date);
    expect(classic.involvedObject.name).toBe('ledger-5c8d7f9b4d-z5n8w');
    const modern = events.items.find(
      (e) => e.reason === 'FailedScheduling' && e.involvedObject.name === 'ledger-db-1',
    )!;
    // MicroTime stays a string in the client's model; first/lastTimestamp are null on new-style events.
    expect(modern.eventTime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
    expect(modern.lastTimestamp).toBeFalsy();
    expect(modern.series?.count).toBe(25);
    expect(modern.count).toBeUndefined();
    expect(modern.reportingComponent).toBe('default-scheduler');
  });

  it('serves endpoints, PVCs, statefulsets, daemonsets, jobs and cronjobs', async () => {
    const ledger = await core.readNamespacedEndpoints({ namespace: 'payments', name: 'ledger' });
    expect(ledger.subsets?.[0]?.addresses).toBeUndefined();
    expect(ledger.subsets?.[0]?.notReadyAddresses).toHaveLength(2);
    expect(
      (await core.readNamespacedEndpoints({ namespace: 'payments', name: 'orphan' })).subsets,
    ).toBeUndefined();
    const lb = await core.readNamespacedService({ namespace: 'payments', name: 'checkout-public' });
    expect(lb.status?.loadBalancer?.ingress?.[0]?.ip).toBe('203.0.113.10');
    const pvcs = await core.listNamespacedPersistentVolumeClaim({ namespace: 'payments' });
    expect(pvcs.items.map((p) => p.status?.phase)).toEqual(['Bound', 'Pending']);
    expect(
      (await apps.readNamespacedStatefulSet({ namespace: 'payments', name: 'ledger-db' })).status
        ?.readyReplicas,
    ).toBe(1);
    const ds = await apps.readNamespacedDaemonSet({ namespace: 'monitoring', name: 'node-exporter' });
    expect(ds.status).toMatchObject({ desiredNumberScheduled: 4, numberReady: 3 });
    const batch = kubeConfig(server.writeKubeconfig(dir)).makeApiClient(BatchV1Api);
    expect((await batch.listNamespacedJob({ namespace: 'payments' })).items[0]?.status?.succeeded).toBe(1);
    expect((await batch.listCronJobForAllNamespaces()).items.map((c) => c.metadata?.name)).toEqual([
      'reports-nightly',
    ]);
    expect((await core.listReplicationControllerForAllNamespaces()).items).toEqual([]);
    expect(
      (await core.listNamespacedServiceAccount({ namespace: 'payments' })).items[0]?.metadata?.name,
    ).toBe('default');
  });

  it('serves autoscaling/v2 HorizontalPodAutoscalers, discovery included', async () => {
    const kc = kubeConfig(server.writeKubeconfig(dir));
    const autoscaling = kc.makeApiClient(AutoscalingV2Api);
    const resources = await autoscaling.getAPIResources();
    expect(resources.groupVersion).toBe('autoscaling/v2');
    expect(resources.resources.find((r) => r.name === 'horizontalpodautoscalers')).toMatchObject({
      namespaced: true,
      kind: 'HorizontalPodAutoscaler',
      shortNames: ['hpa'],
    });
    const list = await autoscaling.listNamespacedHorizontalPodAutoscaler({ namespace: 'payments' });
    expect(list.items.map((hpa) => [hpa.metadata?.name, hpa.spec?.scaleTargetRef.name])).toEqual([
      ['ledger', 'ledger'],
    ]);
    expect(list.items[0]?.spec).toMatchObject({ minReplicas: 3, maxReplicas: 8 });
    expect((await autoscaling.listHorizontalPodAutoscalerForAllNamespaces()).items).toHaveLength(1);
    expect(
      (await autoscaling.listNamespacedHorizontalPodAutoscaler({ namespace: 'kube-system' })).items,
    ).toEqual([]);
  });

  it('works with the generic KubernetesObjectApi, which relies on discovery', async () => {
    const kc = kubeConfig(server.writeKubeconfig(dir));
    const generic = KubernetesObjectApi.makeApiClient(kc);
    const dep = await generic.read<V1Deployment>({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'ledger', namespace: 'payments' },
    });
    expect(dep.status?.readyReplicas).toBe(1);
    const nodes = await generic.list('v1', 'Node');
    expect(nodes.items).toHaveLength(4);
  });

  it('creates and deletes objects with the real status codes', async () => {
    const body: V1ConfigMap = { metadata: { name: 'scratch' }, data: { a: '1' } };
    const made = await core.createNamespacedConfigMap({ namespace: 'payments', body });
    expect(made.metadata?.uid).toBeTruthy();
    expect(server.store.get('configmaps', 'payments', 'scratch')).toBeDefined();
    expect(await failure(core.createNamespacedConfigMap({ namespace: 'payments', body }))).toMatchObject({
      code: 409,
      status: { reason: 'AlreadyExists', message: 'configmaps "scratch" already exists' },
    });
    expect(await failure(core.createNamespacedConfigMap({ namespace: 'nope', body }))).toMatchObject({
      code: 404,
      status: { message: 'namespaces "nope" not found' },
    });
    await core.deleteNamespacedConfigMap({ namespace: 'payments', name: 'scratch' });
    expect(server.store.get('configmaps', 'payments', 'scratch')).toBeUndefined();
  });
});
