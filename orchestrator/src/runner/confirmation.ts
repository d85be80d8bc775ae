// ADK's tool confirmation protocol: a mutating call is not run but answered with an
// `adk_request_confirmation` function call (args `originalFunctionCall` and `toolConfirmation`, its id in
// `longRunningToolIds`); the client resumes by sending a `functionResponse` with that id, name
// `adk_request_confirmation` and `response: {confirmed: true|false}`.
import type { AdkEvent, FunctionCall, JsonObject, Part } from '../adk/types.js';
import { type EventDraft, newCallId } from './event-factory.js';

export const requestConfirmationName = 'adk_request_confirmation';

export interface PendingConfirmation {
  /** Id of the `adk_request_confirmation` call the client must answer. */
  requestId: string;
  /** The model's call that waits for the answer. */
  call: FunctionCall & { id: string };
}

export interface ParkedCall {
  call: FunctionCall & { id: string };
  destructive: boolean;
}

/**
 * The event that parks mutating calls: one `adk_request_confirmation` call per call, their ids in
 * `longRunningToolIds` (what `findPendingConfirmations` trusts) and the hints in `requestedToolConfirmations`.
 */
export function confirmationRequestDraft(parked: ParkedCall[]): EventDraft {
  const requests = parked.map(({ call, destructive }) => ({
    call,
    requestId: newCallId(),
    hint: confirmationHint(call, destructive),
  }));
  return {
    content: {
      role: 'model',
      parts: requests.map(({ call, requestId, hint }) => confirmationRequestPart(requestId, call, hint)),
    },
    longRunningToolIds: requests.map((request) => request.requestId),
    actions: {
      stateDelta: {},
      artifactDelta: {},
      requestedToolConfirmations: Object.fromEntries(
        requests.map(({ call, hint }) => [call.id, { hint, confirmed: false }]),
      ),
    },
  };
}

export function confirmationRequestPart(
  requestId: string,
  call: FunctionCall & { id: string },
  hint: string,
): Part {
  return {
    functionCall: {
      id: requestId,
      name: requestConfirmationName,
      args: {
        originalFunctionCall: { id: call.id, name: call.name, args: call.args ?? {} },
        toolConfirmation: { hint, confirmed: false },
      },
    },
  };
}

function confirmationHint(call: FunctionCall, destructive: boolean): string {
  const kind = destructive ? 'changes or destroys state' : 'changes state';
  return (
    `The assistant wants to run ${call.name} with ${JSON.stringify(call.args ?? {})}; it ${kind}. ` +
    `Approve or reject it by answering this ${requestConfirmationName} call with a FunctionResponse ` +
    'whose response is {"confirmed": true} or {"confirmed": false}.'
  );
}

/**
 * Confirmation requests of the session that no later event answered, oldest first. Only requests the
 * runner itself made (it lists them in `longRunningToolIds`), for calls the model itself made, count: a
 * client cannot slip a request of its own into its message, nor the model write one, and then "confirm" it.
 */
export function findPendingConfirmations(events: AdkEvent[]): PendingConfirmation[] {
  const answered = new Set<string>();
  const modelCalls = new Set<string>();
  for (const event of events) {
    for (const part of event.content?.parts ?? []) {
      if (part.functionResponse?.name === requestConfirmationName && part.functionResponse.id) {
        answered.add(part.functionResponse.id);
      }
      if (event.author !== 'user' && part.functionCall?.id) modelCalls.add(part.functionCall.id);
    }
  }
  const pending: PendingConfirmation[] = [];
  for (const event of events) {
    if (event.author === 'user' || !event.longRunningToolIds) continue;
    for (const part of event.content?.parts ?? []) {
      const request = part.functionCall;
      if (request?.name !== requestConfirmationName || !request.id || answered.has(request.id)) continue;
      if (!event.longRunningToolIds.includes(request.id)) continue;
      const call = originalCall(request.args);
      if (call && modelCalls.has(call.id)) pending.push({ requestId: request.id, call });
    }
  }
  return pending;
}

function originalCall(args: JsonObject | undefined): (FunctionCall & { id: string }) | undefined {
  const original = args?.originalFunctionCall as Partial<FunctionCall> | undefined;
  if (typeof original?.id !== 'string' || typeof original.name !== 'string') return undefined;
  return { id: original.id, name: original.name, args: original.args ?? {} };
}

/**
 * `true`/`false` from a client's answer, or undefined when it is not an answer. ADK's web UI wraps the
 * ToolConfirmation as a JSON string under `response`, REST clients send it as is; both are accepted.
 */
export function parseConfirmation(response: JsonObject | undefined): boolean | undefined {
  let value: unknown = response;
  const wrapped = response?.response;
  if (typeof wrapped === 'string' && Object.keys(response ?? {}).length === 1) {
    try {
      value = JSON.parse(wrapped);
    } catch {
      return undefined;
    }
  }
  const confirmed = (value as { confirmed?: unknown } | undefined)?.confirmed;
  return typeof confirmed === 'boolean' ? confirmed : undefined;
}

/** The client's answers in the new message, by confirmation request id. */
export function confirmationAnswers(parts: Part[]): Map<string, boolean | undefined> {
  const answers = new Map<string, boolean | undefined>();
  for (const part of parts) {
    const response = part.functionResponse;
    if (response?.name === requestConfirmationName && response.id) {
      answers.set(response.id, parseConfirmation(response.response));
    }
  }
  return answers;
}
