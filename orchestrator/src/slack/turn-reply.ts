import type { AdkEvent, JsonObject } from '../adk/types.js';

// What a finished turn has to say in Slack: the model's text, the changes waiting for a human, the images
// its tools saved, and the errors that ended it. Partial (streamed) events are never looked at: the final
// events repeat them.

export interface ConfirmationRequest {
  /** Id of the `adk_request_confirmation` call; the answer's functionResponse carries it. */
  requestId: string;
  /** Id of the call waiting on it; the result of that call carries it once it ran. */
  callId?: string;
  toolName: string;
  args: JsonObject;
  hint: string;
}

export interface TurnReply {
  text: string;
  confirmations: ConfirmationRequest[];
  /** Artifacts the turn's tools saved (ADK's `actions.artifactDelta`), in order. */
  artifacts: Array<{ filename: string; version: number }>;
  errors: { code: string; message: string }[];
}

export function turnReply(events: AdkEvent[]): TurnReply {
  const texts: string[] = [];
  const confirmations: ConfirmationRequest[] = [];
  const artifacts: TurnReply['artifacts'] = [];
  const errors: TurnReply['errors'] = [];
  for (const event of events) {
    if (event.partial === true || event.author === 'user') continue;
    if (event.errorCode || event.errorMessage) {
      errors.push({ code: event.errorCode ?? 'ERROR', message: event.errorMessage ?? 'The run failed.' });
    }
    for (const [filename, version] of Object.entries(event.actions?.artifactDelta ?? {})) {
      artifacts.push({ filename, version });
    }
    for (const part of event.content?.parts ?? []) {
      if (part.text?.trim() && part.thought !== true) texts.push(part.text.trim());
      const request = part.functionCall;
      // The runner lists its requests in longRunningToolIds; a request-shaped call the model wrote itself
      // (steered by text it read) is not one, and must not get Approve buttons.
      if (
        request?.name === 'adk_request_confirmation' &&
        request.id &&
        event.longRunningToolIds?.includes(request.id)
      ) {
        confirmations.push(confirmationOf(request.id, request.args ?? {}));
      }
    }
  }
  return { text: texts.join('\n\n'), confirmations, artifacts, errors };
}

export type CallOutcome =
  | { status: 'done'; detail: string }
  | { status: 'failed'; detail: string }
  | { status: 'refused'; detail: string };

/**
 * How an approved call ended, read from the turn that answered its confirmation: its result, its error,
 * or the runner's refusal to run it (answered already, elsewhere). Undefined when the turn says nothing.
 */
export function callOutcome(
  events: AdkEvent[],
  call: { callId?: string; toolName: string },
): CallOutcome | undefined {
  for (const event of events) {
    for (const part of event.content?.parts ?? []) {
      const response = part.functionResponse;
      if (!response || response.name === 'adk_request_confirmation') continue;
      if (call.callId ? response.id !== call.callId : response.name !== call.toolName) continue;
      const { result, error } = response.response ?? {};
      if (typeof error === 'string') {
        return error.startsWith('Not executed:')
          ? { status: 'refused', detail: error }
          : { status: 'failed', detail: error };
      }
      return { status: 'done', detail: typeof result === 'string' ? result : '' };
    }
  }
  const ended = events.find((event) => event.errorCode);
  return ended ? { status: 'refused', detail: ended.errorMessage ?? ended.errorCode ?? '' } : undefined;
}

function confirmationOf(requestId: string, args: JsonObject): ConfirmationRequest {
  const original = (args.originalFunctionCall ?? {}) as { id?: unknown; name?: unknown; args?: unknown };
  const hint = (args.toolConfirmation as { hint?: unknown } | undefined)?.hint;
  return {
    requestId,
    ...(typeof original.id === 'string' ? { callId: original.id } : {}),
    toolName: typeof original.name === 'string' ? original.name : 'a tool',
    args: (original.args ?? {}) as JsonObject,
    hint: typeof hint === 'string' ? humanHint(hint) : '',
  };
}

// The runner's hint ends with instructions for API clients (how to shape the functionResponse); a person
// in Slack has buttons instead.
function humanHint(hint: string): string {
  const cut = hint.indexOf(' Approve or reject it by answering');
  return cut > 0 ? hint.slice(0, cut) : hint;
}
