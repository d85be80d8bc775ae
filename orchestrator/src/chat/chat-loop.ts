import type { AdkEvent, Content, Runner, SessionStore } from '../adk/types.js';
import { findPendingConfirmations, requestConfirmationName } from '../runner/confirmation.js';
import { renderEvent } from './render-event.js';

export interface ChatIo {
  /** The next line the person typed; undefined at end of input (Ctrl-D). */
  read(prompt: string): Promise<string | undefined>;
  write(text: string): void;
  /** Asks yes/no about one change; false when nobody can answer. */
  confirm(question: string): Promise<boolean>;
}

export interface ChatDeps {
  runner: Pick<Runner, 'run'>;
  store: Pick<SessionStore, 'createSession'>;
  appName: string;
  userId: string;
  io: ChatIo;
}

/**
 * `sre-agent chat`: one session, one line at a time, the same runner, store and servers as the
 * HTTP API. A change the model proposes is put to the person at the terminal, who answers with
 * the same `adk_request_confirmation` response a web page or Slack button sends.
 */
export async function runChat(deps: ChatDeps): Promise<void> {
  const { io } = deps;
  const session = await deps.store.createSession({ appName: deps.appName, userId: deps.userId });
  const key = { appName: deps.appName, userId: deps.userId, sessionId: session.id };
  io.write(`session ${session.id}; type a question, an empty line or Ctrl-D ends the chat\n`);
  for (;;) {
    const line = (await io.read('you> '))?.trim();
    if (!line || line === 'exit' || line === 'quit') return;
    let message: Content | undefined = { role: 'user', parts: [{ text: line }] };
    while (message) {
      const events: AdkEvent[] = [];
      for await (const event of deps.runner.run({ session: key, newMessage: message, streaming: false })) {
        events.push(event);
        io.write(renderEvent(event));
      }
      message = await answerConfirmations(events, io);
    }
  }
}

/** The person's answers to this turn's confirmation requests, as the next message; none when there are none. */
async function answerConfirmations(events: AdkEvent[], io: ChatIo): Promise<Content | undefined> {
  const pending = findPendingConfirmations(events);
  if (pending.length === 0) return undefined;
  const parts = [];
  for (const { requestId, call } of pending) {
    const confirmed = await io.confirm(`${call.name} ${JSON.stringify(call.args ?? {})}`);
    parts.push({
      functionResponse: { id: requestId, name: requestConfirmationName, response: { confirmed } },
    });
  }
  return { role: 'user', parts };
}
