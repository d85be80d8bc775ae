import { truncateCodePoints } from '@sre-agent/shared';
import type { SessionKey } from '../adk/types.js';
import type { ToolOutcome } from '../mcp/tool-outcome.js';
import type { ModelRequest, ModelTurn } from '../model/model.js';
import type { IdentifiedCall } from './tool-calls.js';
import type { SpanHandle, TraceRecorder } from './trace-recorder.js';

// ADK's span tree for one invocation (google/adk-python telemetry): `invocation` > `invoke_agent <agent>` >
// `call_llm` per model call and `execute_tool <tool>` per tool call, with its attribute names, which the dev
// UI's Traces tab and event inspector read.

/** A request or response is kept up to this many characters per span (the history can be megabytes). */
const maxAttributeChars = 32_000;

export interface TurnTrace {
  recorder: TraceRecorder;
  session: SessionKey;
  invocationId: string;
  invocation: SpanHandle;
  /** The span of the agent working now; model and tool spans go under it. */
  agent: SpanHandle;
  /** Every agent span of the invocation, in order, to end them all with it. */
  agents: SpanHandle[];
}

export function startTurnTrace(
  recorder: TraceRecorder | undefined,
  session: SessionKey,
  invocationId: string,
  agentName: string,
): TurnTrace | undefined {
  if (!recorder) return undefined;
  const common = {
    'gcp.vertex.agent.invocation_id': invocationId,
    'gen_ai.conversation.id': session.sessionId,
  };
  const invocation = recorder.start(session, 'invocation', common);
  const agent = agentSpan(recorder, session, invocationId, agentName, invocation);
  return { recorder, session, invocationId, invocation, agent, agents: [agent] };
}

/**
 * A transfer: the new agent's `invoke_agent` span opens under the one that handed over, as ADK runs the
 * target inside the transferring agent's run.
 */
export function traceTransfer(trace: TurnTrace | undefined, agentName: string): void {
  if (!trace) return;
  trace.agent = agentSpan(trace.recorder, trace.session, trace.invocationId, agentName, trace.agent);
  trace.agents.push(trace.agent);
}

export function endTurnTrace(trace: TurnTrace | undefined): void {
  for (const agent of [...(trace?.agents ?? [])].reverse()) agent.end();
  trace?.invocation.end();
}

function agentSpan(
  recorder: TraceRecorder,
  session: SessionKey,
  invocationId: string,
  agentName: string,
  parent: SpanHandle,
): SpanHandle {
  return recorder.start(
    session,
    `invoke_agent ${agentName}`,
    {
      'gcp.vertex.agent.invocation_id': invocationId,
      'gen_ai.conversation.id': session.sessionId,
      'gen_ai.operation.name': 'invoke_agent',
      'gen_ai.agent.name': agentName,
    },
    parent,
  );
}

/** A `call_llm` span for the model call whose answer becomes event `eventId`; call the result when it ends. */
export function traceModelCall(
  trace: TurnTrace | undefined,
  eventId: string,
  model: string,
  request: ModelRequest,
): (result: ModelTurn) => void {
  if (!trace) return () => {};
  const llmRequest = {
    model,
    config: { system_instruction: request.systemInstruction, tools: request.tools.map((tool) => tool.name) },
    contents: request.contents,
  };
  const span = trace.recorder.start(
    trace.session,
    'call_llm',
    {
      'gen_ai.system': 'gcp.vertex.agent',
      'gen_ai.request.model': model,
      'gcp.vertex.agent.invocation_id': trace.invocationId,
      'gcp.vertex.agent.session_id': trace.session.sessionId,
      'gcp.vertex.agent.event_id': eventId,
      'gcp.vertex.agent.llm_request': capped(llmRequest),
    },
    trace.agent,
  );
  return (result) => {
    const response = result.ok
      ? { content: result.content, finish_reason: result.finishReason, usage_metadata: result.usage }
      : { error_code: result.errorCode, error_message: result.errorMessage };
    span.end({
      'gcp.vertex.agent.llm_response': capped(response),
      ...(result.ok && result.usage?.promptTokenCount !== undefined
        ? { 'gen_ai.usage.input_tokens': result.usage.promptTokenCount }
        : {}),
      ...(result.ok && result.usage?.candidatesTokenCount !== undefined
        ? { 'gen_ai.usage.output_tokens': result.usage.candidatesTokenCount }
        : {}),
      ...(result.ok && result.finishReason
        ? { 'gen_ai.response.finish_reasons': [result.finishReason] }
        : {}),
    });
  };
}

/** An `execute_tool <name>` span for a call whose response lands in event `eventId`. */
export function traceToolCall(
  trace: TurnTrace | undefined,
  eventId: string,
  call: IdentifiedCall,
  description: string,
): (outcome: ToolOutcome) => void {
  if (!trace) return () => {};
  const span = trace.recorder.start(
    trace.session,
    `execute_tool ${call.name}`,
    {
      'gen_ai.operation.name': 'execute_tool',
      'gen_ai.tool.name': call.name,
      'gen_ai.tool.description': description,
      'gen_ai.tool.call.id': call.id,
      'gcp.vertex.agent.invocation_id': trace.invocationId,
      'gcp.vertex.agent.session_id': trace.session.sessionId,
      'gcp.vertex.agent.event_id': eventId,
      'gcp.vertex.agent.tool_call_args': capped(call.args ?? {}),
    },
    trace.agent,
  );
  return (outcome) =>
    span.end({
      'gcp.vertex.agent.tool_response': capped(
        outcome.isError ? { error: outcome.text } : { result: outcome.text },
      ),
    });
}

function capped(value: unknown): string {
  const text = JSON.stringify(value) ?? 'null';
  return text.length <= maxAttributeChars
    ? text
    : `${truncateCodePoints(text, maxAttributeChars)}…[cut: ${text.length - maxAttributeChars} more characters]`;
}
