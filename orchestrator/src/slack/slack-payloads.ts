import { z } from 'zod';
import { approveActionId, decodeRef, denyActionId } from './confirmation-blocks.js';
import type { ConfirmationClick, IncomingMessage, ReactionRequest } from './slack-bot.js';
import { fromSlackMarkup } from './slack-mrkdwn.js';
import type { SlashCommand } from './slash-command.js';

// What Slack posts to /slack/events, read leniently (Slack adds fields freely) and reduced to the few
// things the bot acts on. Anything else is acknowledged and ignored.

const slackEvent = z.object({
  type: z.string().describe('app_mention, message, reaction_added, ...'),
  user: z.string().optional().describe('Author (or who reacted); absent on some bot and system messages'),
  text: z.string().optional().describe('Message text in Slack markup'),
  channel: z.string().optional().describe('Channel or DM id'),
  channel_type: z.string().optional().describe('im for a direct message'),
  ts: z.string().optional().describe("The message's timestamp id"),
  thread_ts: z.string().optional().describe('Parent message ts when in a thread'),
  subtype: z.string().optional().describe('Set on edits, joins, bot messages: never answered'),
  bot_id: z.string().optional().describe('Set when a bot (this one included) wrote it'),
  reaction: z.string().optional().describe('reaction_added: the emoji name, without colons'),
  item: z
    .object({
      type: z.string().describe('message for a reaction on a message'),
      channel: z.string().optional().describe('Where the reacted-to message is'),
      ts: z.string().optional().describe('The reacted-to message'),
    })
    .optional()
    .describe('reaction_added: what was reacted to'),
});

export const eventsEnvelopeSchema = z.object({
  type: z.string().describe('url_verification or event_callback'),
  challenge: z.string().optional().describe('Echoed back on url_verification'),
  event_id: z.string().optional().describe('Stable across retries of the same event'),
  event: slackEvent.optional().describe('The event itself'),
  authorizations: z
    .array(
      z.object({
        user_id: z.string().optional().describe('The installation user'),
        is_bot: z.boolean().optional().describe('True for the bot user'),
      }),
    )
    .optional()
    .describe("Who the event is delivered to: the bot's own user id"),
});

export const blockActionsSchema = z.object({
  type: z.string().describe('block_actions for a button click'),
  user: z.object({ id: z.string().describe('Who clicked') }).describe('Clicker'),
  container: z
    .object({
      message_ts: z.string().optional().describe('The message holding the buttons'),
      channel_id: z.string().optional().describe('Its channel'),
    })
    .optional()
    .describe('Where the click happened'),
  channel: z
    .object({ id: z.string().describe('Channel id') })
    .optional()
    .describe('Channel'),
  message: z
    .object({ ts: z.string().optional().describe('Message ts') })
    .optional()
    .describe('Message'),
  actions: z
    .array(z.object({ action_id: z.string().describe('Which button'), value: z.string().optional() }))
    .optional()
    .describe('The clicked element'),
});

export type EventsEnvelope = z.infer<typeof eventsEnvelopeSchema>;
export type BlockActions = z.infer<typeof blockActionsSchema>;

/** The message to answer, or undefined for events the bot does not answer. */
export function messageToAnswer(envelope: EventsEnvelope): IncomingMessage | undefined {
  const event = envelope.event;
  if (!event?.user || !event.channel || !event.ts || event.bot_id) return undefined;
  // A DM with a file still carries what was typed; edits, joins and the like are not requests.
  if (event.subtype && event.subtype !== 'file_share') return undefined;
  const isMention = event.type === 'app_mention';
  const isDirect = event.type === 'message' && event.channel_type === 'im';
  if (!isMention && !isDirect) return undefined;
  return {
    channel: event.channel,
    ts: event.ts,
    user: event.user,
    text: fromSlackMarkup(event.text ?? ''),
    ...(event.thread_ts ? { threadTs: event.thread_ts } : {}),
  };
}

/** A trigger reaction on a message by someone other than the bot, or undefined. */
export function reactionToLookAt(envelope: EventsEnvelope, trigger: string): ReactionRequest | undefined {
  const event = envelope.event;
  if (event?.type !== 'reaction_added' || event.reaction !== trigger || !event.user) return undefined;
  if (event.item?.type !== 'message' || !event.item.channel || !event.item.ts) return undefined;
  const bots = (envelope.authorizations ?? []).filter((entry) => entry.is_bot).map((entry) => entry.user_id);
  if (bots.includes(event.user)) return undefined;
  return { channel: event.item.channel, ts: event.item.ts, user: event.user };
}

export function confirmationClick(payload: BlockActions): ConfirmationClick | undefined {
  const action = payload.actions?.[0];
  if (payload.type !== 'block_actions' || !action?.value) return undefined;
  if (action.action_id !== approveActionId && action.action_id !== denyActionId) return undefined;
  const ref = decodeRef(action.value);
  if (!ref) return undefined;
  return {
    ref,
    approved: action.action_id === approveActionId,
    clicker: payload.user.id,
    messageTs: payload.container?.message_ts ?? payload.message?.ts,
  };
}

/** Where to tell a clicker of something else that it does nothing, when Slack says where. */
export function interactionPlace(payload: BlockActions): { channel: string; user: string } | undefined {
  const channel = payload.container?.channel_id ?? payload.channel?.id;
  return channel ? { channel, user: payload.user.id } : undefined;
}

export function slashCommand(form: URLSearchParams): SlashCommand | undefined {
  const [command, user, channel] = [form.get('command'), form.get('user_id'), form.get('channel_id')];
  if (!command || !user || !channel) return undefined;
  const responseUrl = form.get('response_url');
  return { command, text: form.get('text') ?? '', user, channel, responseUrl: responseUrl ?? undefined };
}
