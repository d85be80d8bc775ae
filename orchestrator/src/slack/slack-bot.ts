import type { Logger } from '@sre-agent/shared';
import type { Content, Runner, SessionKey, SessionStore } from '../adk/types.js';
import { ConflictError } from '../errors.js';
import type { ConfirmationRef } from './confirmation-blocks.js';
import { lookRequest, messageText } from './look-request.js';
import type { SlackClient } from './slack-client.js';
import { answerConfirmation } from './slack-confirmation.js';
import { helpText } from './slash-command.js';
import { post, runInThread, type Thread, type ThreadTurnDeps } from './thread-turn.js';

// The bot's behaviour, independent of HTTP: a Slack message becomes a turn on the session the seed's bot
// used for that thread (user `u_{slack user}`, session `s_{channel}_{thread ts}`), and the turn's answer,
// its pending changes and its errors are posted back in the thread.

export interface SlackBotDeps extends ThreadTurnDeps {
  store: Pick<SessionStore, 'getSession' | 'createSession' | 'artifacts'>;
  runner: Pick<Runner, 'run'>;
  slack: SlackClient;
  logger: Pick<Logger, 'info' | 'warn' | 'error'>;
  appName: string;
  /** The command name help texts show (`/sre-bot`). */
  command: string;
  /** The emoji whose reaction asks for a look, as help texts show it. */
  reactionTrigger: string;
}

export interface IncomingMessage {
  channel: string;
  /** The message's own ts; the thread is `threadTs` when it is a reply, else this message starts one. */
  ts: string;
  threadTs?: string;
  user: string;
  text: string;
}

/** Someone reacted with the trigger emoji to the message at `channel`/`ts`. */
export interface ReactionRequest {
  channel: string;
  ts: string;
  user: string;
}

export interface ConfirmationClick {
  ref: ConfirmationRef;
  approved: boolean;
  /** Slack user id of whoever clicked. */
  clicker: string;
  /** The prompt message, to replace its buttons with the decision. */
  messageTs: string | undefined;
}

export interface SlackBot {
  handleMessage(message: IncomingMessage): Promise<void>;
  handleReaction(request: ReactionRequest): Promise<void>;
  handleConfirmation(click: ConfirmationClick): Promise<void>;
  /** Tells a clicker, and only them, why their click did nothing. */
  refuseClick(click: ConfirmationClick, reason: 'not_asker' | 'answered'): Promise<void>;
  /** Tells one user, and only them, something in a channel (what the bot can do, a failure). */
  tellUser(place: { channel: string; user: string; threadTs?: string }, text: string): Promise<void>;
}

export const slackUserId = (slackUser: string) => `u_${slackUser}`;
export const slackSessionId = (channel: string, threadTs: string) => `s_${channel}_${threadTs}`;

export function createSlackBot(deps: SlackBotDeps): SlackBot {
  return {
    handleMessage: async (message) => {
      const thread = {
        channel: message.channel,
        threadTs: message.threadTs ?? message.ts,
        asker: message.user,
      };
      // An empty mention, or one asking for help, gets what the bot can do rather than a model's guess.
      if (message.text === '' || /^help\W*$/i.test(message.text)) {
        return post(deps, thread, helpText(deps.command, deps.reactionTrigger));
      }
      const key = await threadSession(deps, thread);
      const content: Content = { role: 'user', parts: [{ text: message.text }] };
      await runInThread(deps, key, thread, content, { workingOn: message.ts });
    },
    handleReaction: async (request) => {
      const found = await deps.slack.findMessage(request.channel, request.ts);
      const place = { channel: request.channel, user: request.user };
      if (!found.ok) {
        deps.logger.warn('slack message to look at not readable', { error: found.error });
        return tellUser(
          deps,
          place,
          `I could not read that message (\`${found.error}\`); is it in a channel I am in?`,
        );
      }
      if (messageText(found.message).trim() === '') {
        return tellUser(deps, place, 'That message has no text I can read.');
      }
      const threadTs = found.message.thread_ts ?? found.message.ts;
      const thread = { channel: request.channel, threadTs, asker: request.user };
      const key = await threadSession(deps, thread);
      await runInThread(deps, key, thread, lookRequest(found.message, request.user), {
        workingOn: request.ts,
      });
    },
    handleConfirmation: (click) => answerConfirmation(deps, click),
    refuseClick: async ({ ref, clicker }, reason) => {
      const text =
        reason === 'not_asker'
          ? `Only <@${ref.asker}>, who asked for this change, can approve or deny it.`
          : 'This change was already answered.';
      await tellUser(deps, { channel: ref.channel, user: clicker, threadTs: ref.threadTs }, text);
    },
    tellUser: (place, text) => tellUser(deps, place, text),
  };
}

async function tellUser(
  deps: Pick<SlackBotDeps, 'slack'>,
  place: { channel: string; user: string; threadTs?: string },
  text: string,
) {
  await deps.slack.postEphemeral({
    channel: place.channel,
    user: place.user,
    text,
    ...(place.threadTs ? { thread_ts: place.threadTs } : {}),
  });
}

/** The thread's session, created on first use with the Slack context as its state (as the seed did). */
export async function threadSession(
  deps: Pick<SlackBotDeps, 'store' | 'appName'>,
  thread: Thread,
): Promise<SessionKey> {
  const key = {
    appName: deps.appName,
    userId: slackUserId(thread.asker),
    sessionId: slackSessionId(thread.channel, thread.threadTs),
  };
  if (await deps.store.getSession(key, { numRecentEvents: 1 })) return key;
  const state = { slack_channel: thread.channel, slack_thread_ts: thread.threadTs, slack_user: thread.asker };
  try {
    await deps.store.createSession({ ...key, state });
  } catch (error) {
    // Two messages of a new thread at once: the other one created it.
    if (!(error instanceof ConflictError)) throw error;
  }
  return key;
}
