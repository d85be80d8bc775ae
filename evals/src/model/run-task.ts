/**
 * One task through the orchestrator's runner: the question as the user's message, the model's tool
 * calls served by the real servers over the hub, and each confirmation the runner asks for answered
 * with the task's `human` (no, unless the task says yes), as a person at the keyboard would.
 */
import type { AdkEvent, AgentMode, Content, Model } from '@sre-agent/orchestrator';
import { createRunner } from '@sre-agent/orchestrator';
import { createLogger } from '@sre-agent/shared';
import type { Task } from '../task.ts';
import { judge, type Verdict } from './judge.ts';
import { type McpStack, startMcpStack } from './mcp-stack.ts';
import type { EvalStore } from './memory-store.ts';
import type { Meter } from './metered-model.ts';
import { changedObjects, snapshotStore, valueAt } from './store-diff.ts';

export interface ModelTaskResult extends Verdict {
  task: string;
  title: string;
  domain: Task['domain'];
  toolCalls: string[];
  attemptedWrites: string[];
  confirmationsAsked: number;
  changed: string[];
  answer: string;
  meter: Meter;
  wallMs: number;
  unserved: string[];
}

const CONFIRMATION = 'adk_request_confirmation';
const MAX_ROUNDS = 4;

interface Pending {
  requestId: string;
  call: string;
}

function pendingConfirmations(events: AdkEvent[]): Pending[] {
  return events.flatMap((event) =>
    (event.content?.parts ?? []).flatMap((part) => {
      const call = part.functionCall;
      if (call?.name !== CONFIRMATION || !call.id || !event.longRunningToolIds?.includes(call.id)) return [];
      const original = call.args?.originalFunctionCall as { name?: string; args?: unknown } | undefined;
      return [
        { requestId: call.id, call: `${original?.name ?? '?'} ${JSON.stringify(original?.args ?? {})}` },
      ];
    }),
  );
}

function facts(events: AdkEvent[]) {
  const agent = events.filter((e) => e.author !== 'user' && !e.partial);
  const calls = agent.flatMap((e) =>
    (e.content?.parts ?? []).flatMap((p) => (p.functionCall ? [p.functionCall.name] : [])),
  );
  const answer = agent
    .flatMap((e) =>
      e.content?.role === 'model'
        ? (e.content.parts ?? []).flatMap((p) => (p.text && !p.thought ? [p.text] : []))
        : [],
    )
    .join('\n');
  const errors = agent.flatMap((e) => (e.errorCode ? [`${e.errorCode}: ${e.errorMessage ?? ''}`] : []));
  return { toolCalls: calls.filter((c) => c !== CONFIRMATION), answer, errors };
}

export interface RunDeps {
  store: EvalStore;
  model: Model;
  meter: Meter;
  /** SRE_AGENT_MODE: single unless asked (the scripted model's scripts call server tools directly). */
  agentMode?: AgentMode;
}

type Send = (message: Content) => Promise<AdkEvent[]>;

/** The question, then each confirmation the runner asks for answered with the task's `human`. */
async function converse(task: Task, send: Send) {
  const events = await send({ role: 'user', parts: [{ text: task.question }] });
  const attempted: string[] = [];
  let pending = pendingConfirmations(events);
  for (let round = 0; pending.length > 0 && round < MAX_ROUNDS; round++) {
    attempted.push(...pending.map((p) => p.call));
    const confirmed = task.verify.human === 'yes';
    const parts = pending.map((p) => ({
      functionResponse: { id: p.requestId, name: CONFIRMATION, response: { confirmed } },
    }));
    const more = await send({ role: 'user', parts });
    events.push(...more);
    pending = pendingConfirmations(more);
  }
  return { events, attempted };
}

async function sessionRunner(deps: RunDeps, hub: McpStack['hub']): Promise<Send> {
  const logger = createLogger({ name: 'eval-runner', level: 'error', write: () => undefined });
  const config = {
    agentName: 'sre_agent',
    agentMode: deps.agentMode ?? 'single',
    maxSteps: 10,
    toolResultMaxChars: 20_000,
    historyMaxChars: 800_000,
  };
  const runner = createRunner({ store: deps.store, model: deps.model, hub, config, logger });
  const session = await deps.store.createSession({ appName: 'sre_agent', userId: 'eval' });
  const key = { appName: 'sre_agent', userId: 'eval', sessionId: session.id };
  return async (message) => {
    const out: AdkEvent[] = [];
    for await (const event of runner.run({ session: key, newMessage: message, streaming: false }))
      out.push(event);
    return out;
  };
}

export async function runTaskWithModel(task: Task, deps: RunDeps): Promise<ModelTaskResult> {
  const started = performance.now();
  const stack = await startMcpStack(task);
  try {
    const before = snapshotStore(stack.kube);
    const { events, attempted } = await converse(task, await sessionRunner(deps, stack.hub));
    const changed = changedObjects(before, snapshotStore(stack.kube));
    const stateValues = task.verify.state.map((s) =>
      valueAt(stack.kube, s.kind, s.namespace, s.name, s.path),
    );
    const f = facts(events);
    const confirmationsAsked = attempted.length;
    const verdict = judge(task, {
      ...f,
      attemptedWrites: attempted,
      confirmationsAsked,
      changed,
      stateValues,
    });
    return {
      task: task.name,
      title: task.title,
      domain: task.domain,
      ...verdict,
      toolCalls: f.toolCalls,
      attemptedWrites: attempted,
      confirmationsAsked,
      changed,
      answer: f.answer.slice(0, 4000),
      meter: { ...deps.meter },
      wallMs: Math.round(performance.now() - started),
      unserved: stack.unserved,
    };
  } finally {
    await stack.close();
  }
}
