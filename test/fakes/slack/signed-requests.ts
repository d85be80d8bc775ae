// Builds requests to /slack/events the way Slack sends them: the Events API as JSON, interactivity as a
// form with one `payload` field, both signed with `v0=` HMAC-SHA256 of `v0:{timestamp}:{body}`.
import { createHmac, randomUUID } from 'node:crypto';

export interface SignOptions {
  /** Epoch seconds; defaults to now. */
  timestamp?: number;
  /** Sent as X-Slack-Retry-Num (with reason http_timeout) when set. */
  retryNum?: number;
  /** Signs with this secret instead (to forge a bad signature). */
  secret?: string;
}

export function slackSignature(secret: string, timestamp: string, body: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

export function signedRequest(
  secret: string,
  body: string,
  contentType: string,
  options: SignOptions = {},
): RequestInit {
  const timestamp = String(options.timestamp ?? Math.floor(Date.now() / 1000));
  const headers: Record<string, string> = {
    'content-type': contentType,
    'x-slack-request-timestamp': timestamp,
    'x-slack-signature': slackSignature(options.secret ?? secret, timestamp, body),
    'user-agent': 'Slackbot 1.0 (+https://api.slack.com/robots)',
  };
  if (options.retryNum !== undefined) {
    headers['x-slack-retry-num'] = String(options.retryNum);
    headers['x-slack-retry-reason'] = 'http_timeout';
  }
  return { method: 'POST', headers, body };
}

/** An Events API callback as Slack wraps it. */
export function eventCallback(event: Record<string, unknown>, eventId = `Ev${randomUUID().slice(0, 10)}`) {
  return {
    token: 'deprecated-verification-token',
    team_id: 'T0001',
    api_app_id: 'A0001',
    event: { event_ts: event.ts, ...event },
    type: 'event_callback',
    event_id: eventId,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ team_id: 'T0001', user_id: 'UBOT', is_bot: true }],
  };
}

export function appMention(input: {
  user: string;
  channel: string;
  text: string;
  ts: string;
  threadTs?: string;
}) {
  return {
    type: 'app_mention',
    user: input.user,
    text: `<@UBOT> ${input.text}`,
    channel: input.channel,
    ts: input.ts,
    ...(input.threadTs ? { thread_ts: input.threadTs } : {}),
  };
}

/** A block_actions payload for a click on one button of a message the bot posted. */
export function blockActions(input: {
  user: string;
  channel: string;
  messageTs: string;
  threadTs?: string;
  actionId: string;
  value: string;
}) {
  return {
    type: 'block_actions',
    user: { id: input.user, username: input.user, team_id: 'T0001' },
    api_app_id: 'A0001',
    team: { id: 'T0001' },
    container: {
      type: 'message',
      message_ts: input.messageTs,
      channel_id: input.channel,
      is_ephemeral: false,
      ...(input.threadTs ? { thread_ts: input.threadTs } : {}),
    },
    channel: { id: input.channel, name: 'ops' },
    message: {
      type: 'message',
      ts: input.messageTs,
      ...(input.threadTs ? { thread_ts: input.threadTs } : {}),
    },
    response_url: 'https://hooks.slack.invalid/actions/T0001/1/x',
    trigger_id: '1.2.3',
    actions: [
      {
        type: 'button',
        action_id: input.actionId,
        block_id: 'sre_confirmation',
        value: input.value,
        action_ts: '1.0',
      },
    ],
  };
}

/** Interactivity payloads arrive form-encoded under one `payload` field. */
export function interactionBody(payload: unknown): string {
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

/** A reaction_added event: `user` reacted with `reaction` to the message at `channel` / `ts`. */
export function reactionAdded(input: { user: string; reaction: string; channel: string; ts: string }) {
  return {
    type: 'reaction_added',
    user: input.user,
    reaction: input.reaction,
    item: { type: 'message', channel: input.channel, ts: input.ts },
    item_user: 'U0AUTHOR',
    ts: `${Math.floor(Date.now() / 1000)}.000100`,
  };
}

/** A slash command as Slack posts it: form fields, `text` being what follows the command. */
export function slashCommandBody(input: { command?: string; text: string; user: string; channel: string }) {
  return new URLSearchParams({
    token: 'deprecated-verification-token',
    team_id: 'T0001',
    team_domain: 'example',
    channel_id: input.channel,
    channel_name: 'ops',
    user_id: input.user,
    user_name: input.user.toLowerCase(),
    command: input.command ?? '/sre-bot',
    text: input.text,
    api_app_id: 'A0001',
    response_url: 'https://hooks.slack.invalid/commands/T0001/1/x',
    trigger_id: '1.2.3',
  }).toString();
}
