import { describe, expect, it } from 'vitest';
import type { AdkEvent } from '../adk/types.js';
import { activeAgent, buildAgentTree } from './agent-tree.js';
import { serverNotes, systemInstruction } from './system-instruction.js';

const event = (author: string, transferToAgent?: string): AdkEvent => ({
  id: author,
  invocationId: 'i',
  author,
  timestamp: 0,
  actions: { stateDelta: {}, artifactDelta: {}, ...(transferToAgent ? { transferToAgent } : {}) },
});
const now = new Date('2026-12-04T06:00:00Z');

describe('agent tree', () => {
  it("names the workspace servers' specialists as the seed did, any other server after its name", () => {
    const tree = buildAgentTree('sre_agent', 'delegate', ['aws_core', 'grafana', 'k8s', 'aws_cost', 'sre']);
    expect(tree.subAgents.map((agent) => [agent.name, agent.servers])).toEqual([
      ['kubernetes_agent', ['k8s']],
      ['aws_cost_agent', ['aws_cost']],
      ['aws_core_agent', ['aws_core']],
      ['grafana_agent', ['grafana']],
      // `sre_agent` is the root's name already.
      ['sre_server_agent', ['sre']],
    ]);
    expect(tree.root.transfers).toEqual(tree.subAgents.map((agent) => agent.name));
    expect(tree.find('aws_cost_agent')?.transfers).toEqual([
      'sre_agent',
      'kubernetes_agent',
      'aws_core_agent',
      'grafana_agent',
      'sre_server_agent',
    ]);
  });

  it('is one agent holding every server in single mode', () => {
    const tree = buildAgentTree('sre_agent', 'single', ['k8s', 'aws_cost']);
    expect(tree.subAgents).toEqual([]);
    expect(tree.root).toMatchObject({ allServers: true, transfers: [] });
  });

  it('gives the next message to the agent that spoke last, the one it handed over to, or the root', () => {
    const tree = buildAgentTree('sre_agent', 'delegate', ['k8s', 'aws_cost']);
    expect(activeAgent(tree, []).name).toBe('sre_agent');
    expect(activeAgent(tree, [event('user'), event('kubernetes_agent'), event('user')]).name).toBe(
      'kubernetes_agent',
    );
    // A turn cut short right after the hand-over: the target takes the next message.
    expect(activeAgent(tree, [event('sre_agent', 'aws_cost_agent')]).name).toBe('aws_cost_agent');
    // An agent this configuration does not have (another mode, a removed server) is skipped.
    expect(activeAgent(tree, [event('kubernetes_agent'), event('billing_agent')]).name).toBe(
      'kubernetes_agent',
    );
    const single = buildAgentTree('sre_agent', 'single', ['k8s']);
    expect(activeAgent(single, [event('kubernetes_agent')]).name).toBe('sre_agent');
  });
});

describe('system instruction per agent', () => {
  const tree = buildAgentTree('sre_agent', 'delegate', ['k8s', 'aws_cost']);

  it('keeps the single agent as it was', () => {
    const single = buildAgentTree('sre_agent', 'single', ['k8s', 'aws_cost']);
    const text = systemInstruction(now, [], 0, { spec: single.root, tree: single });
    expect(text).toBe(systemInstruction(now, []));
    expect(text).toMatch(/^You are an SRE assistant/);
    expect(text).toContain('How to work:');
  });

  it('tells the root to route, naming each specialist, and every down server', () => {
    const text = systemInstruction(now, ['aws_cost'], 0, { spec: tree.root, tree });
    expect(text).toContain('- kubernetes_agent: Kubernetes clusters');
    expect(text).toContain('- aws_cost_agent: AWS spending');
    expect(text).not.toContain('How to work:');
    expect(text).toContain('untrusted-data fences');
    expect(text).toContain('Unavailable right now (their tools are missing): aws_cost.');
  });

  it('tells a specialist its domain and whom to hand the rest to, and only its own server if down', () => {
    const spec = tree.find('kubernetes_agent')!;
    const text = systemInstruction(now, ['aws_cost'], 0, { spec, tree });
    expect(text).toMatch(/^You are kubernetes_agent, the Kubernetes clusters specialist of an SRE assistant/);
    expect(text).toContain(
      'call transfer_to_agent to aws_cost_agent (AWS spending), or sre_agent for anything else.',
    );
    expect(text).toContain('- Changes (scaling and any other write) are confirmed by a human');
    expect(text).not.toContain('Unavailable right now');
    const alone = buildAgentTree('sre_agent', 'delegate', ['k8s']);
    expect(systemInstruction(now, [], 0, { spec: alone.subAgents[0]!, tree: alone })).toContain(
      'call transfer_to_agent to sre_agent.',
    );
    // An agent without write tools is not told about changes.
    const cost = systemInstruction(now, [], 0, { spec: tree.find('aws_cost_agent')!, tree, writes: false });
    expect(cost).not.toContain('Changes (scaling');
    expect(cost).toContain('untrusted-data fences');
  });

  it('gives an agent the instructions of the servers whose tools it holds, capped, and the root none', () => {
    const hub = {
      instructions: (server: string) =>
        ({ k8s: 'Namespaces default to the context.', aws_cost: 'x'.repeat(5_000) })[server],
    };
    expect(serverNotes(hub, ['k8s', 'aws_core'])).toEqual([
      { server: 'k8s', text: 'Namespaces default to the context.' },
    ]);
    expect(serverNotes(hub, ['aws_cost'])[0]?.text.length).toBe(2_000);
    expect(serverNotes({}, ['k8s'])).toEqual([]);
    const spec = tree.find('kubernetes_agent')!;
    const text = systemInstruction(now, [], 0, { spec, tree, serverNotes: serverNotes(hub, spec.servers) });
    expect(text).toContain('Notes from the k8s server:\nNamespaces default to the context.');
    expect(systemInstruction(now, [], 0, { spec: tree.root, tree, serverNotes: [] })).not.toContain(
      'Notes from',
    );
  });
});
