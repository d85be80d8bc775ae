// Session events -> the model's `contents`. Gemini wants every function call turn followed at once by
// a turn holding exactly its responses; ours can be apart (a confirmation pauses one call of a
// parallel batch across two runs), so each call turn gathers its responses by id from wherever they
// were recorded. The confirmation round trip itself is between the runner and the client: the model
// never sees it.
import type { AdkEvent, Content, FunctionResponse, Part } from '../adk/types.js';
import { requestConfirmationName } from './confirmation.js';

export function buildContents(events: AdkEvent[]): Content[] {
  const responses = indexResponses(events);
  const contents: Content[] = [];
  for (const event of events) {
    if (event.partial || !event.content) continue;
    const fromUser = event.author === 'user';
    // Only the model makes function calls; one in a client's message would break Gemini's call pairing.
    const parts = event.content.parts.filter(
      (part) => isModelVisible(part) && !(fromUser && part.functionCall),
    );
    const calls = parts.filter((part) => part.functionCall);
    const rest = parts.filter((part) => !part.functionResponse);
    if (rest.length === 0) continue;
    const role = fromUser ? 'user' : (event.content.role ?? 'model');
    contents.push({ role, parts: rest });
    if (calls.length > 0)
      contents.push({ role: 'user', parts: calls.map((call) => responseFor(call, responses)) });
  }
  return contents;
}

function isModelVisible(part: Part): boolean {
  return (
    part.functionCall?.name !== requestConfirmationName &&
    part.functionResponse?.name !== requestConfirmationName
  );
}

function indexResponses(events: AdkEvent[]): Map<string, FunctionResponse> {
  const byId = new Map<string, FunctionResponse>();
  for (const event of events) {
    for (const part of event.content?.parts ?? []) {
      const response = part.functionResponse;
      if (response?.id && response.name !== requestConfirmationName) byId.set(response.id, response);
    }
  }
  return byId;
}

// A call without a recorded response was never run (its run was cut short); the model must still be told.
function responseFor(call: Part, responses: Map<string, FunctionResponse>): Part {
  const functionCall = call.functionCall!;
  const found = functionCall.id ? responses.get(functionCall.id) : undefined;
  return {
    functionResponse: found ?? {
      ...(functionCall.id ? { id: functionCall.id } : {}),
      name: functionCall.name,
      response: { error: 'This call was not executed: the turn ended before it ran.' },
    },
  };
}
