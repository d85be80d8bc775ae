/**
 * Secret values never leave the server, on any path: every tool the server lists is called,
 * in text and JSON, on the default fixtures (whose every secret value carries SECRET_MARKER) plus
 * the leaky ones (secrets written as plain env values, args and annotations in every workload
 * kind, each a unique canary), and no result, log line, audit line or confirmation prompt may
 * contain any of them, plain, base64 or URL-encoded.
 */

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clockAt } from './fakes/kube-apiserver/build.ts';
import { defaultFixtures, SECRET_MARKER } from './fakes/kube-apiserver/fixtures.ts';
import { leakyFixtures } from './fakes/kube-apiserver/fixtures-leaky.ts';
import { type K8sHarness, startK8sHarness } from './k8s-harness.ts';
import { seedTools } from './k8s-seed-tools.ts';

type JsonSchema = {
  properties?: Record<string, { type?: string; enum?: unknown[] }>;
  required?: string[];
};

/**
 * The marker as it appears inside any base64 text, whatever its offset in the encoded value:
 * one form per alignment, each the part encoded from the marker's bytes alone.
 */
function base64Forms(marker: string): string[] {
  return [0, 1, 2].map((skip) => {
    const aligned = marker.slice(skip, skip + Math.floor((marker.length - skip) / 3) * 3);
    return Buffer.from(aligned).toString('base64');
  });
}

const now = new Date();
const cluster = defaultFixtures(now);
const leaky = leakyFixtures(clockAt(now));
const leakyPod = leaky.objects.find((o) => o.kind === 'Pod' && o.metadata.name.startsWith('leaky-api-'));

const forbidden = [SECRET_MARKER, ...leaky.canaries].flatMap((secret) => [
  ...new Set([secret, encodeURIComponent(secret), ...base64Forms(secret)]),
]);

const leakyReplicaSet = String(leakyPod?.metadata.ownerReferences?.[0]?.name);

/** Objects in the fixtures for each kind a tool may ask about: the default ones, then the leaky ones. */
const targets: { kind: string; namespace: string; name: string }[] = [
  { kind: 'Pod', namespace: 'payments', name: 'ledger-db-0' },
  { kind: 'Pod', namespace: 'payments', name: 'leaky-debug' },
  { kind: 'Deployment', namespace: 'payments', name: 'ledger' },
  { kind: 'Deployment', namespace: 'payments', name: 'leaky-api' },
  { kind: 'StatefulSet', namespace: 'payments', name: 'ledger-db' },
  { kind: 'StatefulSet', namespace: 'payments', name: 'leaky-db' },
  { kind: 'DaemonSet', namespace: 'kube-system', name: 'kube-proxy' },
  { kind: 'DaemonSet', namespace: 'payments', name: 'leaky-agent' },
  { kind: 'ReplicaSet', namespace: 'payments', name: 'ledger-5c8d7f9b4d' },
  { kind: 'ReplicaSet', namespace: 'payments', name: leakyReplicaSet },
  { kind: 'Job', namespace: 'payments', name: 'leaky-backup-1' },
  { kind: 'CronJob', namespace: 'payments', name: 'leaky-backup' },
  { kind: 'Secret', namespace: 'payments', name: 'db-credentials' },
  { kind: 'ConfigMap', namespace: 'payments', name: 'ledger-config' },
  { kind: 'Service', namespace: 'payments', name: 'ledger' },
  { kind: 'Node', namespace: 'default', name: 'worker-4' },
  { kind: 'PersistentVolumeClaim', namespace: 'payments', name: 'data-ledger-db-0' },
];

/** The targets of a kind as a tool spells it (`pvc`, `deployments`, `Deployment`). */
function targetsOf(kind: string) {
  const key = kind.toLowerCase().replace(/s$/, '');
  const found = targets.filter(
    (target) =>
      target.kind.toLowerCase() === key || (key === 'pvc' && target.kind === 'PersistentVolumeClaim'),
  );
  return found.length > 0 ? found : targets.filter((target) => target.kind === 'Deployment');
}

// Pods whose specs reference secrets (secretKeyRef, envFrom secretRef), crash, or hold leaky values.
const pods = [
  'ledger-db-0',
  'ledger-5c8d7f9b4d-x9p4r',
  'ledger-5c8d7f9b4d-q7k2m',
  'leaky-debug',
  String(leakyPod?.metadata.name),
];

const fixed: Record<string, unknown> = {
  namespace: 'payments',
  replicas: 2,
  tail_lines: 200,
  pattern: 'error|password|token',
};

/** Arguments chosen per set below rather than fixed. */
const expanded = new Set([
  'pod_name',
  'deployment_name',
  'resource_type',
  'resource_name',
  'kind',
  'name',
  'workload',
]);

/** One argument set per interesting value, so every secret-bearing object is visited. */
function argumentSets(schema: JsonSchema): Record<string, unknown>[] {
  const properties = schema.properties ?? {};
  const base: Record<string, unknown> = {};
  for (const key of schema.required ?? []) {
    if (key in fixed) base[key] = fixed[key];
    else if (!expanded.has(key))
      throw new Error(`k8s-redaction.test.ts has no value for the required argument "${key}"; add one`);
  }
  if ('namespace' in properties) base.namespace = fixed.namespace;
  let sets: Record<string, unknown>[] = [base];
  if ('deployment_name' in properties) {
    sets = targetsOf('deployment').map((target) => ({ ...base, deployment_name: target.name }));
  }
  if ('workload' in properties) {
    sets = targets
      .filter((target) => ['Deployment', 'StatefulSet', 'DaemonSet'].includes(target.kind))
      .map((target) => ({ ...base, namespace: target.namespace, workload: `${target.kind}/${target.name}` }));
  }
  if ('pod_name' in properties) sets = pods.map((pod) => ({ ...base, pod_name: pod }));
  if ('resource_type' in properties) {
    const kinds = properties.resource_type?.enum ?? [...new Set(targets.map((target) => target.kind))];
    sets = kinds.flatMap((kind) =>
      targetsOf(String(kind)).map((target) => ({
        ...base,
        resource_type: kind,
        resource_name: target.name,
        namespace: target.namespace,
      })),
    );
  }
  if ('kind' in properties) {
    const kinds = properties.kind?.enum ?? [...new Set(targets.map((target) => target.kind))];
    sets = kinds.flatMap((kind) => {
      const found = targetsOf(String(kind));
      if (!('name' in properties)) return [{ ...base, kind, namespace: found[0]?.namespace }];
      return found.map((target) => ({ ...base, kind, name: target.name, namespace: target.namespace }));
    });
  }
  if ('container' in properties) {
    // The ledger pods run two containers; read each one's logs, not just the default.
    const containers = (set: Record<string, unknown>) =>
      String(set.pod_name).startsWith('ledger-5c8d') ? ['ledger', 'envoy'] : [];
    sets = sets.flatMap((set) => [set, ...containers(set).map((container) => ({ ...set, container }))]);
  }
  if ('previous' in properties) sets = sets.flatMap((set) => [set, { ...set, previous: true }]);
  if ('output' in properties) sets = sets.flatMap((set) => [set, { ...set, output: 'json' }]);
  return sets;
}

describe('no secret value leaves the server', () => {
  let harness: K8sHarness;
  const called = new Set<string>();

  beforeAll(async () => {
    harness = await startK8sHarness({
      now,
      objects: [...cluster.objects, ...leaky.objects],
      logs: cluster.logs,
      env: { SRE_ALLOW_WRITES: 'true' },
      // A human declines every write: the preview must not leak either.
      elicit: () => ({ action: 'decline' }),
    });
  });
  afterAll(() => harness.close());

  it('in any result of any tool, text or JSON', async () => {
    // Every tool the server lists is called, so tools added after the seed's are covered too.
    const { tools } = await harness.client.listTools();
    expect(tools.map((tool) => tool.name)).toEqual(expect.arrayContaining([...seedTools]));
    // Every leak is listed, not just the first, so one run shows every path that needs masking.
    const leaks: string[] = [];
    for (const tool of tools) {
      for (const args of argumentSets(tool.inputSchema as JsonSchema)) {
        const { text, result } = await harness.call(tool.name, args);
        const everything = JSON.stringify(result);
        for (const needle of forbidden) {
          if (everything.includes(needle))
            leaks.push(`${tool.name} ${JSON.stringify(args)} leaked "${needle}"`);
        }
        expect(text.length, `${tool.name} answered nothing`).toBeGreaterThan(0);
        called.add(tool.name);
      }
    }
    expect(leaks).toEqual([]);
    expect([...called].sort()).toEqual(tools.map((tool) => tool.name).sort());
  }, 180_000);

  it('in logs, audit lines and confirmation prompts', () => {
    const written = [...harness.logs, ...harness.audit, ...harness.elicitations].join('\n');
    for (const needle of forbidden) expect(written).not.toContain(needle);
  });

  it('while the fixture really does hold the marker (the test can fail)', async () => {
    const secret = harness.api.store.get<{ data: Record<string, string> }>(
      'secrets',
      'payments',
      'db-credentials',
    );
    const decoded = Buffer.from(secret?.data.password ?? '', 'base64').toString('utf8');
    expect(decoded).toContain(SECRET_MARKER);
    const forms = base64Forms(SECRET_MARKER);
    expect(forms.some((form) => secret?.data.password?.includes(form))).toBe(true);
  });

  it('while the leaky workloads really do hold every canary, in every kind', () => {
    expect(leaky.canaries.length).toBeGreaterThan(200);
    expect(new Set(leaky.canaries).size).toBe(leaky.canaries.length);
    const served = ['pods', 'deployments', 'replicasets', 'statefulsets', 'daemonsets', 'jobs', 'cronjobs']
      .flatMap((plural) => harness.api.store.list(plural, 'payments'))
      .map((object) => JSON.stringify(object))
      .join('\n');
    for (const canary of leaky.canaries)
      expect(served, canary).toContain(JSON.stringify(canary).slice(1, -1));
  });
});
