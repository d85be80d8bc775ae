import { type K8sHarness, startK8sHarness } from '@sre-agent/test/k8s-harness.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let harness: K8sHarness;
beforeAll(async () => {
  harness = await startK8sHarness({ env: { SRE_ALLOW_WRITES: 'true' } });
});
afterAll(() => harness.close());

const promptText = async (name: string, args: Record<string, string>) => {
  const result = await harness.client.getPrompt({ name, arguments: args });
  return result.messages.map((item) => (item.content.type === 'text' ? item.content.text : '')).join('\n');
};

describe('prompts', () => {
  it('lists the three on-call workflows with their arguments', async () => {
    const { prompts } = await harness.client.listPrompts();
    expect(prompts.map((item) => item.name)).toEqual([
      'troubleshoot_workload',
      'cluster_health_report',
      'incident_summary',
    ]);
    const troubleshoot = prompts[0];
    expect(troubleshoot?.arguments?.map((item) => [item.name, item.required])).toEqual([
      ['namespace', true],
      ['name', true],
      ['kind', false],
    ]);
  });

  it('fills in the arguments, and names only tools this server has', async () => {
    const tools = new Set(await harness.toolNames());
    const texts = [
      await promptText('troubleshoot_workload', { namespace: 'payments', name: 'ledger' }),
      await promptText('cluster_health_report', { context: 'prod' }),
      await promptText('incident_summary', { namespace: 'payments', since_minutes: '30' }),
    ];
    expect(texts[0]).toContain(
      'diagnose_workload(kind: "Deployment", name: "ledger", namespace: "payments")',
    );
    expect(texts[1]).toContain('diagnose_cluster(context: "prod")');
    expect(texts[2]).toContain('last 30 minutes');
    const named = texts.flatMap((text) =>
      [...text.matchAll(/\b([a-z]+(?:_[a-z]+)+)\(/g)].map((match) => match[1]),
    );
    expect(named.length).toBeGreaterThan(5);
    for (const name of named) expect(tools, `prompt names ${name}`).toContain(name);
  });

  it('refuses a call without a required argument', async () => {
    await expect(
      harness.client.getPrompt({ name: 'troubleshoot_workload', arguments: { namespace: 'x' } }),
    ).rejects.toThrow(/name/);
  });
});
