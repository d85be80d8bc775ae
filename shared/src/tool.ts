import type { z } from 'zod';
import type { AuditRecord } from './audit.js';
import type { ConfirmOutcome } from './confirm.js';
import type { Logger } from './logger.js';

/** The MCP tool annotations, all required so no tool ships without saying what it does. */
export interface ToolAnnotations {
  title: string;
  readOnlyHint: boolean;
  destructiveHint: boolean;
  idempotentHint: boolean;
  /** True when the tool talks to a system outside this server (every cloud or cluster call). */
  openWorldHint: boolean;
}

/** What a handler returns; rendering and the output budget are applied in one shared place. */
export interface ToolResult {
  /** Compact text for the model (tables, summaries). */
  text?: string;
  /** Raw objects, returned as JSON when the caller asked for `output: "json"`; already redacted. */
  json?: unknown;
  /** What the JSON is, named in its untrusted-data fence (default "objects returned by the API"). */
  jsonSource?: string;
  /** Charts and other pictures, as base64. */
  images?: { data: string; mimeType: string }[];
  /** What the model should call to see what the budget cut off. */
  moreHint?: string;
}

export interface ToolContext {
  logger: Logger;
  /** Bytes the rendered result may take; handlers use it to decide when to summarise. */
  budgetBytes: number;
  /** Aborted when the call times out or the client cancels it. */
  signal: AbortSignal;
  /** Asks a human to approve a change; the call's time limit is paused while they decide. */
  confirm(message: string): Promise<ConfirmOutcome>;
  /** Tells a client that asked for progress (a `progressToken`) how a long call goes; a no-op otherwise. */
  progress(done: number, total: number | undefined, message: string): Promise<void>;
  /**
   * Runs a wait the caller asked for (a rollout to finish) with the call's time limit paused;
   * cancellation by the client still ends it.
   */
  waitOutsideDeadline<T>(wait: () => Promise<T>): Promise<T>;
  /** Writes one audit line for a write attempt, whatever its outcome. */
  audit(record: Omit<AuditRecord, 'tool' | 'client' | 'invocationId'>): void;
}

export interface ToolDefinition<Shape extends z.ZodRawShape = z.ZodRawShape> {
  name: string;
  description: string;
  /** The single source of truth for the tool's arguments; every field has `.describe()`. */
  input: Shape;
  annotations: ToolAnnotations;
  handler(args: z.infer<z.ZodObject<Shape>>, context: ToolContext): Promise<ToolResult>;
}

/** Identity function that infers the handler's argument type from the input shape. */
export function defineTool<Shape extends z.ZodRawShape>(tool: ToolDefinition<Shape>): ToolDefinition<Shape> {
  return tool;
}

// Handlers are methods, so a tool of any shape fits in a list of tools.
export type AnyTool = ToolDefinition<z.ZodRawShape>;

export function isMutating(tool: AnyTool): boolean {
  return !tool.annotations.readOnlyHint || tool.annotations.destructiveHint;
}
