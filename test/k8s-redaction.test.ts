/**
 * Secret values never leave the server, on any path: every tool the server lists is called,
 * in text and JSON, on the default fixtures (whose every secret value carries SECRET_MARKER),
 * and no result, log line, audit line or confirmation prompt may contain it, plain or base64.
 */

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SECRET_MARKER } from './fakes/kube-apiserver/fixtures.ts';
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

const forbidden = [SECRET_MARKER, ...base64Forms(SECRET_MARKER)];

// Names in the default fixtures for each kind a tool may ask about.
const names: Record<string, { namespace: string; name: string }> = {
  pod: { namespace: 'payments', name: 'ledger-db-0' },
  deployment: { namespace: 'payments', name: 'ledger' },
  statefulset: { namespace: 'payments', name: 'ledger-db' },
  daemonset: { namespace: 'kube-system', name: 'kube-proxy' },
  replicaset: { namespace: 'payments', name: 'ledger-5c8d7f9b4d' },
  service: { namespace: 'payments', name: 'ledger' },
  node: { namespace: 'default', name: 'worker-4' },
  persistentvolumeclaim: { namespace: 'payments', name: 'data-ledger-db-0' },
  pvc: { namespace: 'payments', name: 'data-ledger-db-0' },
};

// Pods whose specs reference secrets (secretKeyRef, envFrom secretRef) or crash.
const pods = ['ledger-db-0', 'ledger-5c8d7f9b4d-x9p4r', 'ledger-5c8d7f9b4d-q7k2m'];

const fixed: Record<string, unknown> = {
  namespace: 'payments',
  deployment_name: 'ledger',
  replicas: 2,
  tail_lines: 200,
};

/** One argument set per interesting value, so every secret-bearing object is visited. */
function argumentSets(schema: JsonSchema): Record<string, unknown>[] {
  const properties = schema.properties ?? {};
  const base: Record<string, unknown> = {};
  for (const key of schema.required ?? []) {
    if (key in fixed) base[key] = fixed[key];
    else if (key === 'pod_name' || key === 'resource_type' || key === 'resource_name') continue;
    else throw new Error(`k8s-redaction.test.ts has no value for the required argument "${key}"; add one`);
  }
  if ('namespace' in properties) base.namespace = fixed.namespace;
  let sets: Record<string, unknown>[] = [base];
  if ('pod_name' in properties) sets = pods.map((pod) => ({ ...base, pod_name: pod }));
  if ('resource_type' in properties) {
    const kinds = properties.resource_type?.enum ?? Object.keys(names);
    sets = kinds.map((kind) => {
      const key = String(kind).toLowerCase().replace(/s$/, '');
      const target = names[key] ?? names.deployment!;
      return { ...base, resource_type: kind, resource_name: target.name, namespace: target.namespace };
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
    for (const tool of tools) {
      for (const args of argumentSets(tool.inputSchema as JsonSchema)) {
        const { text, result } = await harness.call(tool.name, args);
        const everything = JSON.stringify(result);
        for (const needle of forbidden) {
          expect(everything, `${tool.name} ${JSON.stringify(args)} leaked "${needle}"`).not.toContain(needle);
        }
        expect(text.length, `${tool.name} answered nothing`).toBeGreaterThan(0);
        called.add(tool.name);
      }
    }
    expect([...called].sort()).toEqual(tools.map((tool) => tool.name).sort());
  });

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
});
