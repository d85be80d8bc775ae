import { truncateCodePoints } from '@sre-agent/shared';
import type { AuditEntry, FunctionCall, JsonObject, Part, SessionKey } from '../adk/types.js';
import type { McpHub } from '../mcp/mcp-hub.js';
import { failedOutcome, type ToolOutcome } from '../mcp/tool-outcome.js';
import { type ImageKeeper, keepImages } from './tool-images.js';

export type IdentifiedCall = FunctionCall & { id: string };

export interface ToolCallContext {
  hub: Pick<McpHub, 'callTool'>;
  /** What one result may feed back to the model; servers budget their output, this is the last guard. */
  maxChars: number;
  signal: AbortSignal;
  /** The turn's invocation id, passed to the servers so their audit rows and logs carry it. */
  invocationId?: string;
  /** Told when a call starts; the function it returns is told the call's outcome (tracing). */
  onCall?: (call: IdentifiedCall) => (outcome: ToolOutcome) => void;
  /** Where images from results are kept as artifacts; without it they are only named as omitted. */
  images?: ImageKeeper;
}

export interface ToolCallResult {
  call: IdentifiedCall;
  outcome: ToolOutcome;
  part: Part;
  /** Images kept as artifacts by this call: filename to version (ADK's `actions.artifactDelta`). */
  artifactDelta?: Record<string, number>;
  /** How long the server took to answer; never run (refused) calls have none. */
  durationMs?: number;
}

/**
 * Runs the calls in parallel; results come back in call order. `approved` says the human confirmed these
 * very calls: each then carries a voucher for itself (its id, tool and arguments), which the hub spends.
 */
export function runToolCalls(
  calls: IdentifiedCall[],
  context: ToolCallContext,
  approved: boolean,
): Promise<ToolCallResult[]> {
  const traced = context.invocationId ? { invocationId: context.invocationId } : {};
  return Promise.all(
    calls.map(async (call) => {
      const args = call.args ?? {};
      const voucher = approved ? { voucher: { callId: call.id, tool: call.name, args } } : {};
      const settled = context.onCall?.(call);
      const started = performance.now();
      const outcome = await context.hub
        .callTool(call.name, args, { ...voucher, signal: context.signal, ...traced })
        // The hub reports failures as outcomes; this guards the turn against one that slips through.
        .catch((error: unknown) => failedOutcome(`Calling ${call.name} failed: ${messageOf(error)}.`));
      settled?.(outcome);
      const durationMs = Math.round(performance.now() - started);
      const kept = await keepImages(call, outcome, context.images);
      return {
        call,
        outcome: kept.outcome,
        part: responsePart(call, kept.outcome, context.maxChars),
        artifactDelta: kept.artifactDelta,
        durationMs,
      };
    }),
  );
}

export function responsePart(call: IdentifiedCall, outcome: ToolOutcome, maxChars: number): Part {
  const text = capText(outcome.text, maxChars);
  return {
    functionResponse: {
      id: call.id,
      name: call.name,
      response: outcome.isError ? { error: text } : { result: text },
    },
  };
}

/** The artifacts the calls saved, as one event's `actions` (ADK's shape, the other maps empty). */
export function savedArtifacts(results: Array<Partial<ToolCallResult>>) {
  const artifactDelta = Object.assign({}, ...results.map((result) => result.artifactDelta ?? {}));
  return { stateDelta: {}, artifactDelta };
}

/**
 * Each call's own run time, by call id, as the response event's ADK `customMetadata`: the event has one
 * timestamp for calls that ran in parallel, so clients (the web page's tool cards) cannot tell them apart.
 */
export function callDurations(results: Array<Partial<ToolCallResult>>): { customMetadata?: JsonObject } {
  const timed = results.flatMap(({ call, durationMs }) =>
    call && durationMs !== undefined ? [[call.id, durationMs] as const] : [],
  );
  return timed.length > 0 ? { customMetadata: { [toolDurationsKey]: Object.fromEntries(timed) } } : {};
}

export const toolDurationsKey = 'toolDurationsMs';

export function capText(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text;
  const cut = text.length - maxChars;
  return (
    `${truncateCodePoints(text, maxChars)}\n[cut by the orchestrator: ${cut} more characters not shown; ` +
    'call the tool again with a narrower filter or a smaller limit]'
  );
}

export function auditEntry(
  key: SessionKey,
  invocationId: string,
  call: IdentifiedCall,
  outcome: AuditEntry['outcome'],
  detail: string,
): AuditEntry {
  return {
    appName: key.appName,
    userId: key.userId,
    sessionId: key.sessionId,
    invocationId,
    tool: call.name,
    args: call.args ?? {},
    outcome,
    detail: truncateCodePoints(detail, 2_000),
  };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
