import { randomUUID } from 'node:crypto';
import type { AdkEvent, Content, Part, Runner } from '../adk/types.js';
import { NotFoundError } from '../errors.js';
import type { HubTool } from '../mcp/mcp-connection.js';
import { failedOutcome } from '../mcp/tool-outcome.js';
import type { ModelRequest, ModelTurn, ToolDeclaration } from '../model/model.js';
import { databaseUnreachable, retryAfterSeconds } from '../store/connection-lost.js';
import { activeAgent, agentTools, buildAgentTree, hubServers } from './agent-tree.js';
import { planCalls } from './call-plan.js';
import { confirmationRequestDraft, findPendingConfirmations } from './confirmation.js';
import { buildContents } from './contents.js';
import { createEventFactory, newCallId } from './event-factory.js';
import { eventStream } from './event-stream.js';
import { fitHistory } from './history-budget.js';
import { resumeConfirmations } from './resume.js';
import { serverNotes, systemInstruction } from './system-instruction.js';
import {
  callDurations,
  type IdentifiedCall,
  responsePart,
  runToolCalls,
  savedArtifacts,
} from './tool-calls.js';
import { type TransferDecision, transferDeclaration } from './transfer.js';
import { imageKeeper, persist, persistError, persistStopped, type RunnerDeps, type Turn } from './turn.js';
import { endTurnTrace, startTurnTrace, traceModelCall, traceToolCall, traceTransfer } from './turn-trace.js';

export type { RunnerConfig, RunnerDeps } from './turn.js';

type RunInput = Parameters<Runner['run']>[0];

/**
 * The agent loop: under the session's lock, record the user's message, settle any confirmation it
 * answers, then alternate model calls and tool calls until the model answers in text, a change needs a
 * human, or `maxSteps` runs out. Every event is persisted before the client sees it.
 */
export function createRunner(deps: RunnerDeps): Runner {
  return {
    run: (input) =>
      eventStream(
        (emit, signal) =>
          deps.store.withSessionLock(input.session, (lockLost) =>
            runTurn(deps, input, emit, signal, lockLost),
          ),
        input.signal,
      ),
    health: () => deps.hub.health(),
  };
}

async function runTurn(
  deps: RunnerDeps,
  input: RunInput,
  emit: (event: AdkEvent) => void,
  clientSignal: AbortSignal,
  lockLost: AbortSignal,
): Promise<void> {
  const signal = AbortSignal.any([clientSignal, lockLost]);
  // A client that left while this turn queued for the lock gets nothing done in its name: its message is
  // not stored and a confirmation it answered stays pending, rather than be spent on a cancelled call.
  // A lock whose connection died before the turn began is the database failing, not a success with
  // nothing to say: refused with 503 like any request that meets the outage (it was an empty 200).
  if (lockLost.aborted) throw databaseUnreachable(lockLost.reason, retryAfterSeconds);
  if (signal.aborted) return;
  const session = await deps.store.getSession(input.session);
  if (!session) throw new NotFoundError(`Session not found: ${input.session.sessionId}`);
  const agents = buildAgentTree(
    deps.config.agentName,
    deps.config.agentMode ?? 'single',
    hubServers(deps.hub),
  );
  // As ADK's Runner: the message goes to the agent that answered last, unless it hands over.
  const agent = activeAgent(agents, session.events);
  const factory = createEventFactory(agent.name, session.events.at(-1)?.timestamp ?? 0);
  const logger = deps.logger.child({ sessionId: session.id, invocationId: factory.invocationId });
  const turn: Turn = {
    deps,
    key: input.session,
    events: [...session.events],
    factory,
    streaming: input.streaming,
    signal,
    lockLost,
    emit,
    logger,
    trace: startTurnTrace(deps.tracer, input.session, factory.invocationId, agent.name),
    agents,
    agent,
  };
  try {
    const pending = findPendingConfirmations(turn.events);
    const message: Content = { ...input.newMessage, role: 'user' };
    const actions = { stateDelta: input.stateDelta ?? {}, artifactDelta: {} };
    // As in ADK, the user's own event is stored but not echoed back in the turn's events.
    await persist(turn, { author: 'user', content: message, actions }, { emit: false });
    if (await resumeConfirmations(turn, pending, message)) await modelLoop(turn);
  } finally {
    endTurnTrace(turn.trace);
  }
}

async function modelLoop(turn: Turn): Promise<void> {
  for (let step = 0; step < turn.deps.config.maxSteps; step++) {
    if (turn.signal.aborted) return persistStopped(turn);
    if ((await modelStep(turn)) === 'done') return;
  }
  await persistError(
    turn,
    'MAX_STEPS',
    `Stopped after ${turn.deps.config.maxSteps} model steps without a final answer; ask a narrower question or raise SRE_MAX_STEPS.`,
  );
}

/** One model call and the tool calls it asks for. */
async function modelStep(turn: Turn): Promise<'done' | 'continue'> {
  const { deps, agent, agents } = turn;
  const hubTools = deps.hub.tools();
  // Only the working agent's own tools (and the hand-over) reach the model: the point of sub-agents.
  const tools = agentTools(agent, hubTools);
  const handOver = agent.transfers.length > 0 ? [transferDeclaration(agent)] : [];
  const eventId = randomUUID();
  const pointOfView = agents.mode === 'delegate' ? agent.name : undefined;
  const history = fitHistory(buildContents(turn.events, pointOfView), deps.config.historyMaxChars);
  if (history.omitted > 0) turn.logger.debug('history cut to budget', { omitted: history.omitted });
  const unavailable = deps.hub.unavailableServers();
  const result = await callModel(turn, eventId, {
    systemInstruction: systemInstruction(new Date(), unavailable, history.omitted, {
      spec: agent,
      tree: agents,
      writes: tools.some((tool) => tool.mutating),
      serverNotes: serverNotes(deps.hub, [...new Set(tools.map((tool) => tool.server))]),
    }),
    contents: history.contents,
    tools: [...tools.map(toDeclaration), ...handOver],
    signal: turn.signal,
  });
  if (!result.ok) {
    // A model call cut off by the turn's own signal: say why the turn stopped, not that Gemini failed.
    if (turn.signal.aborted) await persistStopped(turn);
    else await persistError(turn, result.errorCode, result.errorMessage);
    return 'done';
  }
  const parts = result.content.parts.map(withCallId);
  const calls = parts.flatMap((part) => (part.functionCall ? [part.functionCall as IdentifiedCall] : []));
  if (calls.length === 0 && !parts.some((part) => part.text?.trim())) {
    await persistError(
      turn,
      'EMPTY_RESPONSE',
      'The model returned neither an answer nor a tool call; retry.',
    );
    return 'done';
  }
  await persist(turn, {
    id: eventId,
    content: { role: 'model', parts },
    ...(result.usage ? { usageMetadata: result.usage } : {}),
    ...(result.finishReason ? { finishReason: result.finishReason } : {}),
  });
  if (calls.length === 0) return 'done';
  return (await handleCalls(turn, calls, tools, hubTools)) ? 'done' : 'continue';
}

// Gemini's calls carry no id; ours pair each call with its response across events and runs.
function withCallId(part: Part): Part {
  if (!part.functionCall || part.functionCall.id) return part;
  return { ...part, functionCall: { ...part.functionCall, id: newCallId() } };
}

/** The model's turn; partial text goes to the client at once when streaming (never persisted). */
async function callModel(turn: Turn, eventId: string, request: ModelRequest): Promise<ModelTurn> {
  const traced = traceModelCall(turn.trace, eventId, turn.deps.model.name, request);
  const result = await generate(turn, request);
  traced(result);
  return result;
}

async function generate(turn: Turn, request: ModelRequest): Promise<ModelTurn> {
  if (!turn.streaming) return turn.deps.model.generate(request);
  let final: ModelTurn | undefined;
  for await (const chunk of turn.deps.model.generateStream(request)) {
    if (chunk.type === 'final') final = chunk.turn;
    // Each partial event has its own id, as in ADK; the final one carries `eventId`.
    else
      turn.emit(
        turn.factory.make({
          partial: true,
          content: { role: 'model', parts: [{ text: chunk.text }] },
        }),
      );
  }
  return (
    final ?? {
      ok: false,
      errorCode: 'EMPTY_RESPONSE',
      errorMessage: 'The model stream ended without a turn.',
    }
  );
}

/**
 * Runs the read-only calls now, in parallel, and parks the mutating ones behind a confirmation
 * request. Returns true when the turn must pause for a human.
 */
async function handleCalls(
  turn: Turn,
  calls: IdentifiedCall[],
  tools: HubTool[],
  hubTools: HubTool[],
): Promise<boolean> {
  const plan = planCalls(turn.agents, turn.agent, calls, { own: tools, all: hubTools });
  const { now, refused, later, mutating, transfer } = plan;
  const { deps } = turn;
  if (now.length > 0 || refused.length > 0 || transfer.answers.length > 0) {
    const responseId = randomUUID();
    const describe = (name: string) => hubTools.find((tool) => tool.name === name)?.description ?? '';
    const context = {
      hub: deps.hub,
      maxChars: deps.config.toolResultMaxChars,
      signal: turn.signal,
      invocationId: turn.factory.invocationId,
      onCall: (call: IdentifiedCall) => traceToolCall(turn.trace, responseId, call, describe(call.name)),
      images: imageKeeper(turn),
    };
    const results = [...(await runToolCalls(now, context, false)), ...refused];
    traceTransfers(turn, responseId, transfer);
    const parts = calls.flatMap((call) => {
      const handed = transfer.answers.find((entry) => entry.call === call);
      const result = results.find((entry) => entry.call === call);
      if (handed) return [handed.part];
      return result ? [responsePart(result.call, result.outcome, context.maxChars)] : [];
    });
    const handOver = transfer.target ? { transferToAgent: transfer.target } : {};
    await persist(turn, {
      id: responseId,
      content: { role: 'user', parts },
      actions: { ...savedArtifacts(results), ...handOver },
      ...callDurations(results),
    });
  }
  if (transfer.target) switchAgent(turn, transfer.target);
  if (later.length === 0) return false;
  const parked = later.map((call) => ({ call, destructive: mutating.get(call.name)?.destructive ?? true }));
  await persist(turn, confirmationRequestDraft(parked));
  return true;
}

function toDeclaration(tool: HubTool): ToolDeclaration {
  return { name: tool.name, description: tool.description, parameters: tool.inputSchema };
}

/** An `execute_tool transfer_to_agent` span per hand-over call, as ADK traces its function tools. */
function traceTransfers(turn: Turn, responseId: string, transfer: TransferDecision): void {
  for (const { call, part } of transfer.answers) {
    const error = part.functionResponse?.response.error;
    const outcome = typeof error === 'string' ? failedOutcome(error) : { isError: false, text: 'null' };
    traceToolCall(turn.trace, responseId, call, 'Transfer the question to another agent.')(outcome);
  }
}

/** ADK's transfer: the target carries on in this invocation, its events authored by it. */
function switchAgent(turn: Turn, name: string): void {
  const next = turn.agents.find(name);
  if (!next) return;
  turn.logger.debug('transfer', { from: turn.agent.name, to: name });
  turn.agent = next;
  turn.factory.author = name;
  traceTransfer(turn.trace, name);
}
