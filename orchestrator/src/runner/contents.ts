// Session events -> the model's `contents`. Gemini wants every function call turn followed at once by
// a turn holding exactly its responses; ours can be apart (a confirmation pauses one call of a
// parallel batch across two runs), so each call turn gathers its responses by id from wherever they
// were recorded. The confirmation round trip itself is between the runner and the client: the model
// never sees it. With sub-agents, another agent's turns reach this one as ADK presents them: a user
// message "For context: [agent] said / called / returned ...", so each model sees calls only to its own
// tools (and the vendors that check history against the declared tools have nothing to refuse).
import type { AdkEvent, Content, FunctionResponse, Part } from '../adk/types.js';
import { requestConfirmationName } from './confirmation.js';

/** The first part of another agent's turn shown to this one, as ADK words it. */
export const forContext = 'For context:';

/** The model's contents for `agentName` (absent: every agent's turns are its own). */
export function buildContents(events: AdkEvent[], agentName?: string): Content[] {
  const shown = agentName === undefined ? events : fromPointOfView(events, agentName);
  const responses = indexResponses(shown);
  const contents: Content[] = [];
  for (const event of shown) {
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

/** Other agents' events as context text; a response to one of this agent's own calls stays a response. */
function fromPointOfView(events: AdkEvent[], agentName: string): AdkEvent[] {
  const ownCalls = new Set<string>();
  for (const event of events) {
    if (event.author !== agentName) continue;
    for (const part of event.content?.parts ?? [])
      if (part.functionCall?.id) ownCalls.add(part.functionCall.id);
  }
  return events.map((event) => {
    if (event.author === 'user' || event.author === agentName || !event.content) return event;
    const isOwn = (part: Part) => ownCalls.has(part.functionResponse?.id ?? '');
    const own = event.content.parts.filter(isOwn);
    const told = event.content.parts
      .filter((part) => !isOwn(part))
      .flatMap((part) => contextLine(event.author, part));
    const parts = [...own, ...(told.length > 0 ? [{ text: forContext }, ...told] : [])];
    return { ...event, author: 'user', content: { role: 'user', parts } };
  });
}

// ADK's wording (flows/llm_flows/contents.py `_present_other_agent_message`).
function contextLine(author: string, part: Part): Part[] {
  if (!isModelVisible(part) || part.thought) return [];
  if (part.text?.trim()) return [{ text: `[${author}] said: ${part.text}` }];
  const call = part.functionCall;
  if (call)
    return [
      {
        text: `[${author}] called tool \`${call.name}\` with parameters: ${JSON.stringify(call.args ?? {})}`,
      },
    ];
  const response = part.functionResponse;
  if (response) {
    return [
      { text: `[${author}] \`${response.name}\` tool returned result: ${JSON.stringify(response.response)}` },
    ];
  }
  return [];
}
