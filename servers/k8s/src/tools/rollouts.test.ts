import { clockAt } from '@sre-agent/test/fakes/kube-apiserver/build.ts';
import { buildDeployment } from '@sre-agent/test/fakes/kube-apiserver/build-workloads.ts';
import { defaultFixtures } from '@sre-agent/test/fakes/kube-apiserver/index.ts';
import { type ElicitAnswer, type K8sHarness, startK8sHarness } from '@sre-agent/test/k8s-harness.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const now = new Date('2026-03-01T12:00:00Z');
const clock = clockAt(now);
const web = (image: string, revision: number, ready: number) =>
  buildDeployment(clock, {
    namespace: 'payments',
    name: 'web',
    replicas: 2,
    ready,
    containers: [{ name: 'web', image, port: 8080 }],
    createdAgo: 86_400 * (5 - revision),
    revision,
    stuck: ready === 0,
  });
// Revision 2 ran fine; revision 3 ships an image tag that does not exist and never became ready.
const good = web('registry.example.com/web:1.0.0', 2, 2);
const bad = web('registry.example.com/web:1.0.1-typo', 3, 0);
good.replicaSet.metadata.annotations = {
  ...good.replicaSet.metadata.annotations,
  'kubernetes.io/change-cause': 'release 1.0.0',
};

let answer: ElicitAnswer = { action: 'decline' };
let harness: K8sHarness;
beforeAll(async () => {
  const fixture = defaultFixtures(now);
  harness = await startK8sHarness({
    now,
    objects: [...fixture.objects, bad.deployment, bad.replicaSet, good.replicaSet],
    logs: fixture.logs,
    env: { SRE_ALLOW_WRITES: 'true' },
    elicit: () => answer,
  });
});
afterAll(() => harness.close());

const stored = () => harness.api.store.get('deployments', 'payments', 'web');
const patches = () => harness.api.requests.filter((item) => item.method === 'PATCH');

describe('get_rollout_status', () => {
  it("says a stuck rollout failed, with the controller's reason, and what to do next", async () => {
    const { text, isError } = await harness.call('get_rollout_status', {
      namespace: 'payments',
      workload: 'deployment/web',
    });
    expect(isError).toBe(false);
    expect(text).toContain(
      'Deployment payments/web (context fake): failed. Deployment "web" exceeded its progress deadline',
    );
    expect(text).toContain('rollback_deployment');
    const done = await harness.call('get_rollout_status', {
      namespace: 'payments',
      workload: 'deploy/checkout',
    });
    expect(done.text).toContain('complete. Deployment "checkout" successfully rolled out (3 replica(s)).');
  });

  it('refuses a kind that does not roll out', async () => {
    const { text, isError } = await harness.call('get_rollout_status', {
      namespace: 'payments',
      workload: 'job/x',
    });
    expect(isError).toBe(true);
    expect(text).toContain('A Job does not roll out.');
  });
});

describe('get_rollout_history', () => {
  it('lists revisions newest first with images, change-cause and the live one', async () => {
    const { text } = await harness.call('get_rollout_history', {
      namespace: 'payments',
      deployment_name: 'web',
    });
    const lines = text.split('\n');
    expect(lines[0]).toBe('Deployment payments/web (context fake): 2 revision(s), newest first; * is live.');
    expect(lines[1]).toMatch(
      /^\* rev 3 {2}web-\w+ {2}0\/2 ready .*web=registry\.example\.com\/web:1\.0\.1-typo$/,
    );
    expect(lines[2]).toMatch(
      /^ {2}rev 2 .*web=registry\.example\.com\/web:1\.0\.0 {2}cause: release 1\.0\.0$/,
    );
  });
});

describe('rollback_deployment', () => {
  it('previews the images going back after a server-side dry run, and changes nothing when declined', async () => {
    answer = { action: 'decline' };
    const before = patches().length;
    const { text } = await harness.call('rollback_deployment', {
      namespace: 'payments',
      deployment_name: 'web',
    });
    expect(text).toBe(
      'Not rolled back: the user declined. Nothing changed. Ask the user before trying again.',
    );
    const prompt = harness.elicitations.at(-1) ?? '';
    expect(prompt).toContain('to revision 2');
    expect(prompt).toContain('images now: web=registry.example.com/web:1.0.1-typo');
    expect(prompt).toContain('images after: web=registry.example.com/web:1.0.0');
    const sent = patches().slice(before);
    expect(sent.map((item) => item.query.dryRun)).toEqual(['All']);
    expect(stored()?.spec.template.spec.containers[0].image).toBe('registry.example.com/web:1.0.1-typo');
    expect(JSON.parse(harness.audit.at(-1) ?? '{}').audit).toMatchObject({
      tool: 'rollback_deployment',
      outcome: 'declined',
    });
  });

  it('applies the previous template once a human says yes, without the pod-template-hash label', async () => {
    answer = { action: 'accept', content: { confirm: true } };
    const { text, isError } = await harness.call('rollback_deployment', {
      namespace: 'payments',
      deployment_name: 'web',
    });
    expect(isError).toBe(false);
    expect(text).toContain(
      'Rolled back deployment payments/web to revision 2: web=registry.example.com/web:1.0.0.',
    );
    const template = stored()?.spec.template;
    expect(template.spec.containers[0].image).toBe('registry.example.com/web:1.0.0');
    expect(template.metadata.labels).toEqual({ app: 'web' });
    expect(JSON.parse(harness.audit.at(-1) ?? '{}').audit).toMatchObject({
      outcome: 'applied',
      before: { images: ['web=registry.example.com/web:1.0.1-typo'] },
      after: { images: ['web=registry.example.com/web:1.0.0'], revision: 2 },
    });
  });

  it('names the revisions kept when asked for one that does not exist', async () => {
    const { text, isError } = await harness.call('rollback_deployment', {
      namespace: 'payments',
      deployment_name: 'web',
      to_revision: 9,
    });
    expect(isError).toBe(true);
    expect(text).toContain('has no revision 9 (revisions kept: 3, 2)');
    // Every attempt is audited, those that fail before a human is asked included.
    expect(JSON.parse(harness.audit.at(-1) ?? '{}').audit).toMatchObject({
      tool: 'rollback_deployment',
      outcome: 'failed',
      target: 'deployment payments/web (context fake)',
    });
  });
});

describe('restart_workload', () => {
  it('stamps restartedAt on the pod template after a yes, and audits it', async () => {
    answer = { action: 'accept', content: { confirm: true } };
    const { text, isError } = await harness.call('restart_workload', {
      namespace: 'payments',
      workload: 'deployment/checkout',
    });
    expect(isError).toBe(false);
    expect(text).toContain('Restarted Deployment payments/checkout (restartedAt 2026-03-01T12:00:00.000Z).');
    const checkout = harness.api.store.get('deployments', 'payments', 'checkout');
    expect(checkout?.spec.template.metadata.annotations).toEqual({
      'kubectl.kubernetes.io/restartedAt': '2026-03-01T12:00:00.000Z',
    });
    expect(harness.elicitations.at(-1)).toContain('Restart deployment payments/checkout (context fake)');
    expect(JSON.parse(harness.audit.at(-1) ?? '{}').audit).toMatchObject({
      tool: 'restart_workload',
      outcome: 'applied',
    });
  });

  it('audits a restart the API server does not answer in time as unknown, at the deadline', async () => {
    let slow!: K8sHarness;
    slow = await startK8sHarness({
      now,
      env: { SRE_ALLOW_WRITES: 'true', SRE_TOOL_TIMEOUT_MS: '1000' },
      // The human says yes; then the API server hangs on the patch, past the tool's deadline.
      elicit: () => {
        slow.api.setLatencyMs(4_000);
        return { action: 'accept', content: { confirm: true } };
      },
    });
    try {
      const started = Date.now();
      const { text, isError } = await slow.call('restart_workload', {
        namespace: 'payments',
        workload: 'deployment/checkout',
      });
      expect(isError).toBe(true);
      expect(text).toContain('may or may not have been applied. Read the current state before retrying.');
      expect(Date.now() - started).toBeLessThan(3_500);
      expect(JSON.parse(slow.audit.at(-1) ?? '{}').audit).toMatchObject({
        tool: 'restart_workload',
        outcome: 'unknown',
        target: expect.stringContaining('payments/checkout'),
        arguments: { namespace: 'payments', workload: 'deployment/checkout' },
      });
    } finally {
      slow.api.setLatencyMs(0);
      await slow.close();
    }
  });

  it('is refused, and nothing changes, when the client cannot ask a human', async () => {
    const noHuman = await startK8sHarness({ now, env: { SRE_ALLOW_WRITES: 'true' } });
    try {
      const { text, isError } = await noHuman.call('restart_workload', {
        namespace: 'payments',
        workload: 'deployment/checkout',
      });
      expect(isError).toBe(true);
      expect(text).toContain('Not restarted: this MCP client cannot ask a human to confirm');
      const applied = noHuman.api.requests.filter(
        (item) => item.method === 'PATCH' && item.query.dryRun !== 'All',
      );
      expect(applied).toEqual([]);
    } finally {
      await noHuman.close();
    }
  });

  it('is not even listed unless writes are enabled', async () => {
    const readOnly = await startK8sHarness({ now });
    try {
      const names = await readOnly.toolNames();
      expect(names).toContain('get_rollout_status');
      expect(names).not.toContain('restart_workload');
      expect(names).not.toContain('rollback_deployment');
    } finally {
      await readOnly.close();
    }
  });
});

describe('waiting for a rollout', () => {
  it('sends MCP progress notifications while it waits, then says where the rollout stands', async () => {
    answer = { action: 'accept', content: { confirm: true } };
    const progress: { progress: number; total?: number; message?: string }[] = [];
    const result = await harness.client.callTool(
      {
        name: 'restart_workload',
        arguments: { namespace: 'payments', workload: 'deployment/ledger', wait_seconds: 1 },
      },
      undefined,
      { onprogress: (item) => progress.push(item) },
    );
    const text = (result.content as { type: string; text: string }[]).map((item) => item.text).join('\n');
    // The fake has no controller: the new generation is never observed, so the wait runs out.
    expect(text).toContain('Rollout progressing: Waiting for the deployment spec update to be observed');
    expect(progress[0]).toMatchObject({
      progress: 0,
      total: 1,
      message: expect.stringContaining('spec update'),
    });
  });
});
