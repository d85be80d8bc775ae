/**
 * Fault suite of the Kubernetes server: every read tool, through the real client, against the fake
 * kube-apiserver under each wire fault. Each answer is a success or a clear error inside the
 * deadline, the server keeps serving, and nothing rejects unhandled.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultFixtures, metricsFor } from './fakes/kube-apiserver/index.ts';
import {
  callUnderFault,
  DEADLINE_MS,
  expectSafe,
  FAULTS,
  type FaultTarget,
  type Outcome,
  timed,
  watchProcess,
} from './fault-suite.ts';
import { type K8sHarness, startK8sHarness } from './k8s-harness.ts';

const NS = { namespace: 'payments' };
/** Arguments that succeed against the default fixtures (checked by the first test). */
const ARGS: Record<string, Record<string, unknown>> = {
  get_deployment_details: { ...NS, deployment_name: 'checkout' },
  get_pod_details: { ...NS, pod_name: 'ledger-5c8d7f9b4d-q7k2m' },
  get_pod_logs: { ...NS, pod_name: 'ledger-5c8d7f9b4d-q7k2m' },
  get_resource_health: { ...NS, resource_type: 'deployment', resource_name: 'checkout' },
  diagnose_workload: { ...NS, kind: 'Deployment', name: 'checkout' },
  search_logs: { ...NS, pattern: 'error', workload: 'deployment/checkout' },
  get_rollout_status: { ...NS, workload: 'deployment/checkout' },
  get_rollout_history: { ...NS, deployment_name: 'checkout' },
  list_resources: { ...NS, kind: 'Deployment' },
  describe_resource: { ...NS, kind: 'Deployment', name: 'checkout' },
  list_pods_from_namespace: NS,
  list_deployments_from_namespace: NS,
  list_services_from_namespace: NS,
  list_secrets_from_namespace: NS,
  list_daemonsets_from_namespace: NS,
  list_configmaps_from_namespace: NS,
  list_all_resources: NS,
  get_events: NS,
};

watchProcess();
let h: K8sHarness;
let tools: string[] = [];

beforeAll(async () => {
  const now = new Date();
  h = await startK8sHarness({
    now,
    metrics: metricsFor(defaultFixtures(now).objects),
    env: { SRE_TOOL_TIMEOUT_MS: String(DEADLINE_MS) },
  });
  tools = await h.toolNames();
});
afterAll(() => h?.close());

const callAll = (fault: string, parallel: boolean): Promise<Outcome[]> => {
  const one = (tool: string) => timed(tool, fault, () => h.call(tool, ARGS[tool] ?? {}));
  if (parallel) return Promise.all(tools.map(one));
  return tools.reduce<Promise<Outcome[]>>(
    async (done, tool) => [...(await done), await one(tool)],
    Promise.resolve([]),
  );
};

describe('k8s server under wire faults', () => {
  it('answers every tool without a fault (the arguments are right)', async () => {
    expect(tools.length).toBeGreaterThan(20);
    const outcomes = await callAll('none', false);
    expect(outcomes.filter((o) => o.isError).map((o) => `${o.tool}: ${o.text.slice(0, 200)}`)).toEqual([]);
  });

  const target: FaultTarget = {
    tools: () => tools,
    call: (tool) => h.call(tool, ARGS[tool] ?? {}),
    wire: () => h.api.wire,
    local: ['list_contexts'],
  };
  for (const fault of FAULTS) {
    it(`every tool answers within its deadline: ${fault.name}`, { timeout: 120_000 }, async () => {
      expectSafe(target, fault, await callUnderFault(target, fault));
    });
  }

  it('serves every tool again once the faults stop', async () => {
    h.api.wire.clear();
    const outcomes = await callAll('after', false);
    expect(outcomes.filter((o) => o.isError).map((o) => `${o.tool}: ${o.text.slice(0, 200)}`)).toEqual([]);
  });
});
