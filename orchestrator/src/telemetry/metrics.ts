import type { UsageMetadata } from '../adk/types.js';

/** How a tool call through the hub ended. */
export type ToolCallOutcome = 'ok' | 'error' | 'refused' | 'uncertain' | 'unknown_tool';

/** How a turn ended: with an answer, waiting for a human, cancelled, with an error event, or thrown. */
export type TurnOutcome = 'answered' | 'awaiting_confirmation' | 'cancelled' | 'error' | 'failed';

export type ConfirmationEvent = 'asked' | 'approved' | 'refused';

/**
 * What the orchestrator counts, as narrow calls; `noMetrics` when nothing scrapes (chat, tests), the
 * Prometheus registry (prometheus-metrics.ts, loaded by `serve` only) otherwise.
 */
export interface Metrics {
  toolCall(call: { server: string; tool: string; outcome: ToolCallOutcome; seconds: number }): void;
  modelCall(call: {
    provider: string;
    model: string;
    ok: boolean;
    seconds: number;
    usage?: UsageMetadata | undefined;
  }): void;
  turn(outcome: TurnOutcome, seconds: number): void;
  confirmation(event: ConfirmationEvent, count?: number): void;
  /** An MCP server that was up went down (crashed, or hung and was ended) and is being restarted. */
  serverRestart(server: string, reason: 'crashed' | 'hung'): void;
  /** A store call failed for a reason other than the caller's (not a 4xx). */
  storeError(operation: string): void;
}

export const noMetrics: Metrics = {
  toolCall() {},
  modelCall() {},
  turn() {},
  confirmation() {},
  serverRestart() {},
  storeError() {},
};
