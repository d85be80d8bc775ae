// Sub-agents (SRE_AGENT_MODE=delegate): the root routes with transfer_to_agent, each specialist is sent
// only its server's tools, events carry the agent that made them, and the session remembers who answered.

import type { RecordedRequest } from '@sre-agent/test/fakes/gemini/gemini-fake.ts';
import { answer, ask, pods, useRunnerHarness } from '@sre-agent/test/orchestrator-runner-harness.ts';
import { describe, expect, it } from 'vitest';
import type { AdkEvent } from '../adk/types.js';

// The harness's store is a copy of the migrated test database (PGlite where there is no PostgreSQL).
const harness = useRunnerHarness();
const { setup, audits } = harness;
const delegate = { agentMode: 'delegate' as const };

const transfer = (agent_name: string, text?: string) => ({
  functionCalls: [{ name: 'transfer_to_agent', args: { agent_name } }],
  ...(text ? { text } : {}),
});
const toolNames = (request: RecordedRequest | undefined) =>
  request?.tools?.[0]?.functionDeclarations?.map((declaration) => declaration.name) ?? [];
const requests = () => harness.fake?.requests ?? [];
const authors = (events: AdkEvent[]) => events.map((event) => event.author);
const costs = () => ({ isError: false, text: 'Amazon RDS  $1,204.10' });

describe('runner with sub-agents', () => {
  it('routes a Kubernetes question to kubernetes_agent, which sees only the k8s tools', async () => {
    const { run, calls } = await setup(
      [
        transfer('kubernetes_agent'),
        { functionCalls: [{ name: 'k8s__list_pods', args: { namespace: 'payments' } }] },
        { text: 'api-1 is in CrashLoopBackOff.' },
      ],
      { k8s__list_pods: pods },
      delegate,
    );
    const events = await run(ask('What is wrong in payments?'));
    const [root, specialist] = requests();
    expect(toolNames(root)).toEqual(['transfer_to_agent']);
    const declaration = root?.tools?.[0]?.functionDeclarations?.[0];
    expect(declaration?.parametersJsonSchema ?? declaration?.parameters).toMatchObject({
      properties: { agent_name: { enum: ['kubernetes_agent', 'aws_cost_agent', 'aws_core_agent'] } },
    });
    expect(root?.systemInstruction?.parts[0]?.text).toContain('- kubernetes_agent: Kubernetes clusters');
    expect(toolNames(specialist)).toEqual([
      'k8s__list_pods',
      'k8s__get_events',
      'k8s__scale_deployment',
      'transfer_to_agent',
    ]);
    expect(specialist?.systemInstruction?.parts[0]?.text).toMatch(/^You are kubernetes_agent/);
    // The root's hand-over reaches the specialist as ADK's context text, not as a call it never declared.
    const seen = JSON.stringify(specialist?.contents);
    expect(seen).toContain('[sre_agent] called tool `transfer_to_agent`');
    expect(specialist?.contents.flatMap((c) => c.parts).some((p) => p.functionCall)).toBe(false);
    expect(authors(events)).toEqual([
      'sre_agent',
      'sre_agent',
      'kubernetes_agent',
      'kubernetes_agent',
      'kubernetes_agent',
    ]);
    expect(events[1]).toMatchObject({
      actions: { transferToAgent: 'kubernetes_agent' },
      content: {
        parts: [{ functionResponse: { name: 'transfer_to_agent', response: { result: null } } }],
      },
    });
    expect(calls.map((call) => call.name)).toEqual(['k8s__list_pods']);
  });

  it('answers a mixed question in one turn: back to the root, which routes to the cost agent', async () => {
    const { run, calls } = await setup(
      [
        transfer('kubernetes_agent'),
        { functionCalls: [{ name: 'k8s__list_pods', args: { namespace: 'payments' } }] },
        transfer('sre_agent', 'api-1 is in CrashLoopBackOff.'),
        transfer('aws_cost_agent'),
        { functionCalls: [{ name: 'aws_cost__get_cost_by_service' }] },
        { text: 'RDS cost $1,204.10 last month.' },
      ],
      { k8s__list_pods: pods, aws_cost__get_cost_by_service: costs },
      delegate,
    );
    const events = await run(ask('Why is payments down, and what did RDS cost?'));
    expect(requests().map(toolNames)).toEqual([
      ['transfer_to_agent'],
      ['k8s__list_pods', 'k8s__get_events', 'k8s__scale_deployment', 'transfer_to_agent'],
      ['k8s__list_pods', 'k8s__get_events', 'k8s__scale_deployment', 'transfer_to_agent'],
      ['transfer_to_agent'],
      ['aws_cost__get_cost_by_service', 'transfer_to_agent'],
      ['aws_cost__get_cost_by_service', 'transfer_to_agent'],
    ]);
    expect(calls.map((call) => call.name)).toEqual(['k8s__list_pods', 'aws_cost__get_cost_by_service']);
    expect(
      events.flatMap((event) => (event.actions.transferToAgent ? [event.actions.transferToAgent] : [])),
    ).toEqual(['kubernetes_agent', 'sre_agent', 'aws_cost_agent']);
    // The cost agent sees the Kubernetes findings as context, to answer only what is still open.
    expect(JSON.stringify(requests()[4]?.contents)).toContain(
      '[kubernetes_agent] said: api-1 is in CrashLoopBackOff.',
    );
    const texts = events.flatMap((event) =>
      (event.content?.parts ?? []).flatMap((part) => (part.text ? [`${event.author}: ${part.text}`] : [])),
    );
    expect(texts).toEqual([
      'kubernetes_agent: api-1 is in CrashLoopBackOff.',
      'aws_cost_agent: RDS cost $1,204.10 last month.',
    ]);
  });

  it('sends the next message to the agent that answered last, which may hand over to a sibling', async () => {
    const { run } = await setup(
      [
        transfer('kubernetes_agent'),
        { text: 'Which namespace?' },
        { text: 'Looking at payments is done: all pods run.' },
        transfer('aws_cost_agent'),
        { text: 'RDS cost $1,204.10.' },
      ],
      {},
      delegate,
    );
    await run(ask('Are my pods fine?'));
    const second = await run(ask('payments'));
    expect(toolNames(requests()[2])).toContain('k8s__list_pods');
    expect(authors(second)).toEqual(['kubernetes_agent']);
    const third = await run(ask('And what does RDS cost?'));
    expect(toolNames(requests()[3])).toContain('k8s__list_pods');
    expect(toolNames(requests()[4])).toEqual(['aws_cost__get_cost_by_service', 'transfer_to_agent']);
    expect(authors(third)).toEqual(['kubernetes_agent', 'kubernetes_agent', 'aws_cost_agent']);
  });

  it('asks for confirmation of a specialist write and resumes with that specialist', async () => {
    const { run, calls } = await setup(
      [
        transfer('kubernetes_agent'),
        { functionCalls: [{ name: 'k8s__scale_deployment', args: { deployment_name: 'api', replicas: 3 } }] },
        { text: 'Scaled api to 3.' },
      ],
      { k8s__scale_deployment: () => ({ isError: false, text: 'replicas 1 -> 3' }) },
      delegate,
    );
    const paused = await run(ask('Scale api to 3'));
    const request = paused.at(-1)!;
    expect(request.author).toBe('kubernetes_agent');
    expect(request.content?.parts[0]?.functionCall?.name).toBe('adk_request_confirmation');
    expect(calls).toEqual([]);
    const resumed = await run(answer(request.content?.parts[0]?.functionCall?.id ?? '', true));
    expect(calls).toMatchObject([{ name: 'k8s__scale_deployment', confirmed: true }]);
    expect(authors(resumed)).toEqual(['kubernetes_agent', 'kubernetes_agent']);
    expect(toolNames(requests().at(-1))).toContain('k8s__scale_deployment');
    expect(audits).toMatchObject([{ tool: 'k8s__scale_deployment', outcome: 'confirmed' }]);
  });

  it('keeps the turn with the specialist when it asks for a change and a hand-over in one reply', async () => {
    const { run, calls } = await setup(
      [
        transfer('kubernetes_agent'),
        {
          functionCalls: [
            { name: 'k8s__scale_deployment', args: { deployment_name: 'api', replicas: 2 } },
            { name: 'transfer_to_agent', args: { agent_name: 'aws_cost_agent' } },
          ],
        },
      ],
      {},
      delegate,
    );
    const events = await run(ask('Scale api to 2 and tell me what it costs'));
    const refused = events.at(-2)?.content?.parts[0]?.functionResponse;
    expect(refused).toMatchObject({ name: 'transfer_to_agent' });
    expect(String(refused?.response.error)).toContain('a change in this same reply waits for the user');
    expect(events.at(-2)?.actions.transferToAgent).toBeUndefined();
    expect(events.at(-1)).toMatchObject({
      author: 'kubernetes_agent',
      longRunningToolIds: [expect.any(String)],
    });
    expect(calls).toEqual([]);
  });

  it("refuses another agent's tool without running it, and names the agent to hand over to", async () => {
    const { run, calls } = await setup(
      [
        { functionCalls: [{ name: 'k8s__list_pods' }] },
        transfer('kubernetes_agent'),
        { functionCalls: [{ name: 'transfer_to_agent', args: { agent_name: 'billing_agent' } }] },
        { text: 'Done.' },
      ],
      { k8s__list_pods: pods },
      delegate,
    );
    const events = await run(ask('Pods?'));
    expect(calls).toEqual([]);
    expect(events[1]?.content?.parts[0]?.functionResponse?.response.error).toContain(
      'it belongs to kubernetes_agent. Call transfer_to_agent with agent_name "kubernetes_agent"',
    );
    const refused = events.find((event) =>
      JSON.stringify(event.content ?? {}).includes('"billing_agent" is not an agent'),
    );
    expect(refused?.actions.transferToAgent).toBeUndefined();
    expect(events.at(-1)).toMatchObject({ author: 'kubernetes_agent' });
  });

  it('records an invoke_agent span per agent, the specialist under the root', async () => {
    const { run, key, tracer } = await setup(
      [transfer('kubernetes_agent'), { text: 'All fine.' }],
      {},
      delegate,
    );
    await run(ask('Pods?'));
    const spans = tracer.sessionSpans('sre_agent', key.sessionId);
    const root = spans.find((span) => span.name === 'invoke_agent sre_agent');
    const specialist = spans.find((span) => span.name === 'invoke_agent kubernetes_agent');
    expect(specialist?.parent_span_id).toBe(root?.span_id);
    const llm = spans.filter((span) => span.name === 'call_llm').map((span) => span.parent_span_id);
    expect(llm).toEqual([root?.span_id, specialist?.span_id]);
    expect(spans.map((span) => span.name)).toContain('execute_tool transfer_to_agent');
  });

  it('keeps one agent with every tool in single mode', async () => {
    const { run } = await setup([{ text: 'Hello.' }], {}, { agentMode: 'single' });
    const events = await run(ask('Hi'));
    expect(toolNames(requests()[0])).toEqual([
      'k8s__list_pods',
      'k8s__get_events',
      'k8s__scale_deployment',
      'aws_cost__get_cost_by_service',
      'aws_core__list_rds_instances',
    ]);
    expect(authors(events)).toEqual(['sre_agent']);
  });
});
