import type { Logger } from '@sre-agent/shared';
import type { AdkEvent, SessionKey, SessionStore } from '../adk/types.js';
import type { McpHub } from '../mcp/mcp-hub.js';
import type { Model } from '../model/model.js';
import type { AgentMode, AgentSpec, AgentTree } from './agent-tree.js';
import type { EventDraft, EventFactory } from './event-factory.js';
import type { ImageKeeper } from './tool-images.js';
import type { TraceRecorder } from './trace-recorder.js';
import type { TurnTrace } from './turn-trace.js';

export interface RunnerConfig {
  /** Author of the agent's events (the root agent's name in delegate mode); ADK clients know the app by it. */
  agentName: string;
  /**
   * `delegate`: a root agent routes to one specialist per MCP server, each holding only its server's tools
   * (`SRE_AGENT_MODE`, its default); `single`, the default here: one agent holds every tool.
   */
  agentMode?: AgentMode;
  /** Model calls per turn before giving up without an answer (`SRE_MAX_STEPS`). */
  maxSteps: number;
  /** Characters of one tool result fed back to the model (`SRE_TOOL_RESULT_MAX_CHARS`). */
  toolResultMaxChars: number;
  /** Characters of serialized history sent with each model call; older turns beyond it are left out (`SRE_HISTORY_MAX_CHARS`). */
  historyMaxChars: number;
}

export interface RunnerDeps {
  store: Pick<SessionStore, 'getSession' | 'appendEvent' | 'withSessionLock' | 'recordAudit' | 'artifacts'>;
  model: Model;
  hub: Pick<McpHub, 'tools' | 'findTool' | 'callTool' | 'health' | 'unavailableServers' | 'instructions'>;
  config: RunnerConfig;
  logger: Logger;
  /** Keeps the spans of model and tool calls for the dev UI's traces; none are kept without it. */
  tracer?: TraceRecorder;
}

/** One run on one session, under its lock. */
export interface Turn {
  deps: RunnerDeps;
  key: SessionKey;
  /** The session's history, this turn's events appended as they are persisted. */
  events: AdkEvent[];
  factory: EventFactory;
  streaming: boolean;
  /** Aborts when the client leaves or the session's lock is lost. */
  signal: AbortSignal;
  /** Aborts when the session's lock is lost (its database connection died): the turn must stop. */
  lockLost: AbortSignal;
  emit(event: AdkEvent): void;
  logger: Logger;
  trace?: TurnTrace;
  /** The agents of this turn and the one working now (a transfer changes it). */
  agents: AgentTree;
  agent: AgentSpec;
}

/** Persists, then (only once it is acknowledged) hands the event to the client. */
export async function persist(turn: Turn, draft: EventDraft, options: { emit: boolean } = { emit: true }) {
  const saved = await turn.deps.store.appendEvent(turn.key, turn.factory.make(draft));
  turn.events.push(saved);
  if (options.emit) turn.emit(saved);
  return saved;
}

/** The session's artifact store for images from tool results; none when the store keeps no artifacts. */
export function imageKeeper(turn: Turn): ImageKeeper | undefined {
  const artifacts = turn.deps.store.artifacts;
  return artifacts ? { key: turn.key, artifacts } : undefined;
}

/** Ends the turn the ADK way: an event with `errorCode` and `errorMessage`, never a throw. */
export async function persistError(turn: Turn, errorCode: string, errorMessage: string): Promise<void> {
  turn.logger.warn('turn ended with an error', { errorCode, errorMessage });
  // No turnComplete: ADK sets it only in live mode, and the dev UI draws a stray chip for it.
  await persist(turn, { errorCode, errorMessage });
}

/** Ends a turn whose signal aborted, saying whether the client left or the session's lock was lost. */
export async function persistStopped(turn: Turn): Promise<void> {
  if (!turn.lockLost.aborted) {
    return persistError(turn, 'CANCELLED', 'The run was cancelled; nothing more was done.');
  }
  // Another replica may hold the session now, so this turn must not go on; its next turn can.
  await persistError(
    turn,
    'SESSION_LOCK_LOST',
    'The database connection holding this session was lost mid-turn, so the turn stopped; what it did so far is kept. Send the message again.',
  );
}
