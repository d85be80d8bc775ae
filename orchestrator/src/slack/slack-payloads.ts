import { z } from 'zod';
import { approveActionId, decodeRef, denyActionId } from './confirmation-blocks.js';
import type { ConfirmationClick, IncomingMessage } from './slack-bot.js';

// What Slack posts to /slack/events, read leniently (Slack adds fields freely) and reduced to the few
// things the bot acts on. Anything else is acknowledged and ignored.

const messageEvent = z.object({
  type: z.string().describe('app_mention, message, ...'),
  user: z.string().optional().describe('Author; absent on some bot and system messages'),
  text: z.string().optional().describe('Message text in Slack markup'),
  channel: z.string().optional().describe('Channel or DM id'),
  channel_type: z.string().optional().describe('im for a direct message'),
  ts: z.string().optional().describe("The message's timestamp id"),
  thread_ts: z.string().optional().describe('Parent message ts when in a thread'),
  subtype: z.string().optional().describe('Set on edits, joins, bot messages: never answered'),
  bot_id: z.string().optional().describe('Set when a bot (this one included) wrote it'),
});

export const eventsEnvelopeSchema = z.object({
  type: z.string().describe('url_verification or event_callback'),
  challenge: z.string().optional().describe('Echoed back on url_verification'),
  event_id: z.string().optional().describe('Stable across retries of the same event'),
  event: messageEvent.optional().describe('The event itself'),
});

export const blockActionsSchema = z.object({
  type: z.string().describe('block_actions for a button click'),
  user: z.object({ id: z.string().describe('Who clicked') }).describe('Clicker'),
  container: z
    .object({ message_ts: z.string().optional().describe('The message holding the buttons') })
    .optional()
    .describe('Where the click happened'),
  message: z
    .object({ ts: z.string().optional().describe('Message ts') })
    .optional()
    .describe('Message'),
  actions: z
    .array(z.object({ action_id: z.string().describe('Which button'), value: z.string().optional() }))
    .describe('The clicked element'),
});

export type EventsEnvelope = z.infer<typeof eventsEnvelopeSchema>;

/** The message to answer, or undefined for events the bot does not answer. */
export function messageToAnswer(envelope: EventsEnvelope): IncomingMessage | undefined {
  const event = envelope.event;
  if (!event || event.subtype || event.bot_id || !event.user || !event.channel || !event.ts) return undefined;
  const isMention = event.type === 'app_mention';
  const isDirect = event.type === 'message' && event.channel_type === 'im';
  if (!isMention && !isDirect) return undefined;
  const text = fromSlackMarkup(event.text ?? '');
  if (text === '') return undefined;
  return {
    channel: event.channel,
    ts: event.ts,
    user: event.user,
    text,
    ...(event.thread_ts ? { threadTs: event.thread_ts } : {}),
  };
}

export function confirmationClick(
  payload: z.infer<typeof blockActionsSchema>,
): ConfirmationClick | undefined {
  const action = payload.actions[0];
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

// The bot's own mention leads an app_mention's text; Slack escapes &, < and > in what users type.
function fromSlackMarkup(text: string): string {
  return text
    .replace(/^\s*(<@[A-Z0-9]+(\|[^>]*)?>\s*)+/, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .trim();
}
