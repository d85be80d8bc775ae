// ADK's JSON data model as its api_server emits it (pydantic `by_alias`, so camelCase), plus the
// contracts between the HTTP layer, the session store and the runner. Field names follow
// google/adk-python `Event`, `EventActions`, `Session`, `RunAgentRequest` and google-genai `Content`/`Part`,
// so the seed's Slack bot and any ADK client read our JSON unchanged.

import type { UpstreamStatus } from '@sre-agent/shared';

export type JsonObject = Record<string, unknown>;

export interface FunctionCall {
  /** Correlates the call with its functionResponse; the runner always sets it. */
  id?: string;
  name: string;
  args?: JsonObject;
}

export interface FunctionResponse {
  id?: string;
  name: string;
  response: JsonObject;
}

export interface Blob {
  mimeType: string;
  /** base64 */
  data: string;
  displayName?: string;
}

export interface Part {
  text?: string;
  functionCall?: FunctionCall;
  functionResponse?: FunctionResponse;
  inlineData?: Blob;
  /** True when the part is the model's reasoning summary rather than its answer. */
  thought?: boolean;
  /** Opaque signature Gemini requires back on the next request alongside its function calls. */
  thoughtSignature?: string;
}

export interface Content {
  /** 'user' for the human and for tool results, 'model' for the model's turns. */
  role?: 'user' | 'model' | (string & {});
  parts: Part[];
}

/** ADK `ToolConfirmation`, the payload of an `adk_request_confirmation` round trip. */
export interface ToolConfirmation {
  hint?: string;
  confirmed?: boolean;
  payload?: unknown;
}

export interface EventActions {
  skipSummarization?: boolean;
  /** Keys keep their `app:` / `user:` / `temp:` prefixes; the store routes them. */
  stateDelta: JsonObject;
  artifactDelta: Record<string, number>;
  transferToAgent?: string;
  escalate?: boolean;
  requestedAuthConfigs?: JsonObject;
  /** Keyed by the id of the function call that needs confirming. */
  requestedToolConfirmations?: Record<string, ToolConfirmation>;
  endOfAgent?: boolean;
}

export interface UsageMetadata {
  promptTokenCount?: number;
  candidatesTokenCount?: number;
  thoughtsTokenCount?: number;
  totalTokenCount?: number;
  [key: string]: unknown;
}

export interface AdkEvent {
  id: string;
  invocationId: string;
  /** 'user' or the agent name ('sre_agent'). */
  author: string;
  /** Epoch seconds as a float, as ADK writes it. */
  timestamp: number;
  content?: Content;
  partial?: boolean;
  turnComplete?: boolean;
  finishReason?: string;
  errorCode?: string;
  errorMessage?: string;
  interrupted?: boolean;
  actions: EventActions;
  /** Ids of function calls that are waiting on something outside the turn (confirmations). */
  longRunningToolIds?: string[];
  branch?: string;
  usageMetadata?: UsageMetadata;
  customMetadata?: JsonObject;
}

export interface Session {
  id: string;
  appName: string;
  userId: string;
  /** Merged view: app and user state (prefixes kept) plus the session's own keys. */
  state: JsonObject;
  events: AdkEvent[];
  /** Epoch seconds as a float. */
  lastUpdateTime: number;
}

export interface SessionKey {
  appName: string;
  userId: string;
  sessionId: string;
}

/** ADK `RunAgentRequest`, after snake_case input has been normalised. */
export interface RunAgentRequest {
  appName: string;
  userId: string;
  sessionId: string;
  newMessage: Content;
  streaming: boolean;
  stateDelta?: JsonObject;
}

/** `unknown`: a confirmed write sent but never answered (timeout, lost connection); it may have landed. */
export type AuditOutcome = 'confirmed' | 'declined' | 'failed' | 'executed' | 'unknown';

export interface AuditEntry {
  /** Defaults to now. */
  time?: Date;
  appName: string;
  userId: string;
  sessionId: string;
  invocationId: string;
  /** Exposed tool name, `<server>__<tool>`. */
  tool: string;
  args: JsonObject;
  outcome: AuditOutcome;
  detail?: string;
}

/** ADK's artifact service for one session's files; versions count from 0. */
export interface ArtifactStore {
  /** Stores a new version; resolves to its number. */
  save(key: SessionKey, filename: string, artifact: { mimeType: string; data: string }): Promise<number>;
  /** The latest version, or the one asked for; `undefined` when there is none. */
  load(key: SessionKey, filename: string, version?: number): Promise<Part | undefined>;
  listKeys(key: SessionKey): Promise<string[]>;
  listVersions(key: SessionKey, filename: string): Promise<number[]>;
  remove(key: SessionKey, filename: string): Promise<void>;
}

/** Keys claimed once across every replica sharing the database (Slack event ids, answered prompts). */
export interface ClaimStore {
  /** True for the one caller that claims `key` first; false to every other until `ttlSeconds` have passed. */
  claim(key: string, ttlSeconds: number): Promise<boolean>;
}

export interface SessionStore {
  /** The session's artifacts, kept in the same database; absent in stores that keep none. */
  artifacts?: ArtifactStore;
  claims: ClaimStore;
  /** Throws ConflictError (409) when the session already exists. */
  createSession(input: {
    appName: string;
    userId: string;
    sessionId?: string;
    state?: JsonObject;
  }): Promise<Session>;
  getSession(
    key: SessionKey,
    options?: { afterTimestamp?: number; numRecentEvents?: number },
  ): Promise<Session | undefined>;
  /** Sessions come back with `events: []`. */
  listSessions(appName: string, userId: string): Promise<Session[]>;
  deleteSession(key: SessionKey): Promise<boolean>;
  /** Throws NotFoundError (404) when the session does not exist. */
  updateSessionState(key: SessionKey, stateDelta: JsonObject): Promise<Session>;
  /**
   * One transaction: inserts the event, applies `actions.stateDelta` by prefix (`temp:` dropped), touches
   * the session's update time. Never rewrites the stored events. Resolves only after commit.
   * Partial events are returned as is and not persisted, as in ADK.
   */
  appendEvent(key: SessionKey, event: AdkEvent): Promise<AdkEvent>;
  /**
   * Serialises turns on one session; different sessions run in parallel. `lost` aborts if the lock goes
   * before `fn` is done (its database connection died). Throws ServiceUnavailableError (503) when no
   * connection or lock comes free in time, before `fn` runs.
   */
  withSessionLock<T>(key: SessionKey, fn: (lost: AbortSignal) => Promise<T>): Promise<T>;
  recordAudit(entry: AuditEntry): Promise<void>;
  ping(): Promise<void>;
  close(): Promise<void>;
}

export interface McpServerHealth {
  ok: boolean;
  tools: number;
  error?: string;
  /** The cluster or account behind the server, as its `health://upstream` resource reports it. */
  upstream?: UpstreamStatus;
}

export interface Runner {
  /**
   * Runs one turn. Persists every non-partial event itself and holds the session lock itself; yields
   * partial events too when `streaming` is true. Model failures end with an event carrying errorCode.
   */
  run(input: {
    session: SessionKey;
    newMessage: Content;
    streaming: boolean;
    stateDelta?: JsonObject;
    signal?: AbortSignal;
  }): AsyncIterable<AdkEvent>;
  /** Per MCP server, keyed by server name. */
  health(): Promise<Record<string, McpServerHealth>>;
}
