import { type Logger, truncateCodePoints } from '@sre-agent/shared';
import type { Content, Runner, SessionKey, SessionStore } from '../adk/types.js';
import { ConflictError } from '../errors.js';
import { type ConfirmationRef, confirmationMessage, decidedMessage } from './confirmation-blocks.js';
import type { SlackClient } from './slack-client.js';
import { escapeSlackText, markdownToMrkdwn, splitForSlack } from './slack-mrkdwn.js';
import { turnReply } from './turn-reply.js';

// The bot's behaviour, independent of HTTP: a Slack message becomes a turn on the session the seed's bot
// used for that thread (user `u_{slack user}`, session `s_{channel}_{thread ts}`), and the turn's answer,
// its pending changes and its errors are posted back in the thread.

export interface SlackBotDeps {
  store: Pick<SessionStore, 'getSession' | 'createSession'>;
  runner: Pick<Runner, 'run'>;
  slack: SlackClient;
  logger: Pick<Logger, 'info' | 'warn' | 'error'>;
  appName: string;
}

export interface IncomingMessage {
  channel: string;
  /** The message's own ts; the thread is `threadTs` when it is a reply, else this message starts one. */
  ts: string;
  threadTs?: string;
  user: string;
  text: string;
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
  handleConfirmation(click: ConfirmationClick): Promise<void>;
  /** Tells a clicker, and only them, why their click did nothing. */
  refuseClick(click: ConfirmationClick, reason: 'not_asker' | 'answered'): Promise<void>;
}

export const slackUserId = (slackUser: string) => `u_${slackUser}`;
export const slackSessionId = (channel: string, threadTs: string) => `s_${channel}_${threadTs}`;

export function createSlackBot(deps: SlackBotDeps): SlackBot {
  return {
    handleMessage: async (message) => {
      const threadTs = message.threadTs ?? message.ts;
      const key = sessionKey(deps.appName, message.user, message.channel, threadTs);
      await ensureSession(deps, key, {
        slack_channel: message.channel,
        slack_thread_ts: threadTs,
        slack_user: message.user,
      });
      const content: Content = { role: 'user', parts: [{ text: message.text }] };
      await runAndReply(deps, key, { channel: message.channel, threadTs, asker: message.user }, content);
    },
    handleConfirmation: async ({ ref, approved, messageTs }) => {
      if (messageTs)
        await deps.slack.update({ channel: ref.channel, ts: messageTs, ...decidedMessage(ref, approved) });
      const key = { appName: deps.appName, userId: slackUserId(ref.asker), sessionId: ref.sessionId };
      const answer = {
        id: ref.requestId,
        name: 'adk_request_confirmation',
        response: { confirmed: approved },
      };
      const content: Content = { role: 'user', parts: [{ functionResponse: answer }] };
      await runAndReply(
        deps,
        key,
        { channel: ref.channel, threadTs: ref.threadTs, asker: ref.asker },
        content,
      );
    },
    refuseClick: async ({ ref, clicker }, reason) => {
      const text =
        reason === 'not_asker'
          ? `Only <@${ref.asker}>, who asked for this change, can approve or deny it.`
          : 'This change was already answered.';
      await deps.slack.postEphemeral({ channel: ref.channel, user: clicker, thread_ts: ref.threadTs, text });
    },
  };
}

function sessionKey(appName: string, user: string, channel: string, threadTs: string): SessionKey {
  return { appName, userId: slackUserId(user), sessionId: slackSessionId(channel, threadTs) };
}

async function ensureSession(deps: SlackBotDeps, key: SessionKey, state: Record<string, string>) {
  if (await deps.store.getSession(key, { numRecentEvents: 1 })) return;
  try {
    await deps.store.createSession({ ...key, state });
  } catch (error) {
    // Two messages of a new thread at once: the other one created it.
    if (!(error instanceof ConflictError)) throw error;
  }
}

interface Thread {
  channel: string;
  threadTs: string;
  asker: string;
}

async function runAndReply(deps: SlackBotDeps, key: SessionKey, thread: Thread, content: Content) {
  const events = [];
  try {
    for await (const event of deps.runner.run({ session: key, newMessage: content, streaming: false })) {
      events.push(event);
    }
  } catch (error) {
    deps.logger.error('slack turn failed', { sessionId: key.sessionId, error });
    await post(deps, thread, ':x: Something went wrong on my side; the error is in the sre-agent logs.');
    return;
  }
  const reply = turnReply(events);
  for (const chunk of splitForSlack(markdownToMrkdwn(reply.text))) await post(deps, thread, chunk);
  for (const request of reply.confirmations) {
    const ref = {
      requestId: request.requestId,
      toolName: request.toolName,
      sessionId: key.sessionId,
      ...thread,
    };
    await deps.slack.postMessage({
      channel: thread.channel,
      thread_ts: thread.threadTs,
      ...confirmationMessage(request, ref),
    });
  }
  for (const error of reply.errors) {
    await post(deps, thread, `:warning: ${escapeSlackText(shorten(error.message))} (\`${error.code}\`)`);
  }
}

async function post(deps: SlackBotDeps, thread: Thread, text: string) {
  await deps.slack.postMessage({ channel: thread.channel, thread_ts: thread.threadTs, text });
}

function shorten(text: string): string {
  return truncateCodePoints(text, 500, '…');
}
