import type { AdkEvent, JsonObject } from '../adk/types.js';

// What a finished turn has to say in Slack: the model's text, the changes waiting for a human, and the
// errors that ended it. Partial (streamed) events are never looked at: the final events repeat them.

export interface ConfirmationRequest {
  /** Id of the `adk_request_confirmation` call; the answer's functionResponse carries it. */
  requestId: string;
  toolName: string;
  args: JsonObject;
  hint: string;
}

export interface TurnReply {
  text: string;
  confirmations: ConfirmationRequest[];
  errors: { code: string; message: string }[];
}

export function turnReply(events: AdkEvent[]): TurnReply {
  const texts: string[] = [];
  const confirmations: ConfirmationRequest[] = [];
  const errors: TurnReply['errors'] = [];
  for (const event of events) {
    if (event.partial === true || event.author === 'user') continue;
    if (event.errorCode || event.errorMessage) {
      errors.push({ code: event.errorCode ?? 'ERROR', message: event.errorMessage ?? 'The run failed.' });
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
  return { text: texts.join('\n\n'), confirmations, errors };
}

function confirmationOf(requestId: string, args: JsonObject): ConfirmationRequest {
  const original = (args.originalFunctionCall ?? {}) as { name?: unknown; args?: unknown };
  const hint = (args.toolConfirmation as { hint?: unknown } | undefined)?.hint;
  return {
    requestId,
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
