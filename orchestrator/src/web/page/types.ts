// The ADK shapes the page reads (as the API serves them, camelCase) and the tools panel's routes.

export type JsonObject = Record<string, unknown>;

export interface FunctionCall {
  id?: string;
  name: string;
  args?: JsonObject;
}

export interface FunctionResponse {
  id?: string;
  name: string;
  response?: JsonObject;
}

export interface Part {
  text?: string;
  thought?: boolean;
  functionCall?: FunctionCall;
  functionResponse?: FunctionResponse;
}

export interface AdkEvent {
  id?: string;
  invocationId?: string;
  author?: string;
  /** Seconds since the epoch. */
  timestamp?: number;
  partial?: boolean;
  content?: { role?: string; parts?: Part[] };
  actions?: { artifactDelta?: Record<string, number>; transferToAgent?: string };
  longRunningToolIds?: string[];
  /** The runner's `toolDurationsMs`: each call's own run time by call id. */
  customMetadata?: { toolDurationsMs?: Record<string, number> };
  errorCode?: string;
  errorMessage?: string;
}

export interface Session {
  id: string;
  state?: JsonObject;
  events?: AdkEvent[];
  lastUpdateTime?: number;
}

export interface ToolImage {
  mimeType: string;
  /** Base64. */
  data: string;
}

export interface ToolInfo {
  name: string;
  server: string;
  description: string;
  inputSchema: JsonObject;
  readOnly: boolean;
}

export interface ToolRun {
  isError: boolean;
  text: string;
  images: ToolImage[];
  durationMs: number;
}
