import type { Content, UsageMetadata } from '../adk/types.js';

/** A function the model may call, with its parameters as JSON Schema. */
export interface ToolDeclaration {
  name: string;
  description: string;
  parameters: Record<string, unknown>;
}

export interface ModelRequest {
  systemInstruction: string;
  contents: Content[];
  tools: ToolDeclaration[];
  signal?: AbortSignal;
}

/** A model failure, in ADK's event vocabulary (`errorCode`, `errorMessage`). */
export interface ModelFailure {
  ok: false;
  errorCode: string;
  errorMessage: string;
}

export interface ModelAnswer {
  ok: true;
  /** The model's turn (role `model`): text, function calls, thought signatures. */
  content: Content;
  finishReason?: string;
  usage?: UsageMetadata;
}

/** Model boundary calls return a result instead of throwing, so a failure is just another turn outcome. */
export type ModelTurn = ModelAnswer | ModelFailure;

export type ModelChunk = { type: 'partial'; text: string } | { type: 'final'; turn: ModelTurn };

/** The one seam between the runner and a model vendor. */
export interface Model {
  readonly name: string;
  generate(request: ModelRequest): Promise<ModelTurn>;
  /** Yields partial text as it arrives, then exactly one `final` chunk with the whole turn. */
  generateStream(request: ModelRequest): AsyncIterable<ModelChunk>;
}
