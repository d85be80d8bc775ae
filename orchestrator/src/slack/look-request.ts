import { fenceUntrusted } from '@sre-agent/shared';
import type { Content } from '../adk/types.js';
import type { SlackHistoryMessage } from './slack-client.js';
import { fromSlackMarkup } from './slack-mrkdwn.js';

// A reaction (`SLACK_REACTION_TRIGGER`, :eyes: by default) asks the bot to look at someone's message. That
// message is whatever anyone (or any alerting bot) posted: it reaches the model fenced as untrusted data,
// so an instruction inside it is read as part of the report, not obeyed.

/** The message's text with its attachments' (alert bots put the alert there); empty when there is none. */
export function messageText(message: SlackHistoryMessage): string {
  const attachments = (message.attachments ?? []).map((attachment) =>
    [attachment.title, attachment.text ?? attachment.fallback].filter(Boolean).join('\n'),
  );
  return fromSlackMarkup([message.text ?? '', ...attachments].filter((part) => part.trim()).join('\n\n'));
}

export function lookRequest(message: SlackHistoryMessage, reactor: string): Content {
  const author = message.user ?? message.bot_id ?? 'unknown';
  const text =
    `Slack user ${reactor} asks you to look at the Slack message below (posted by ${author}). ` +
    'Find out what it reports or asks, check it with your tools, and answer briefly with what you found ' +
    'and what to do next. Propose a change only if it fixes what you found.\n\n' +
    fenceUntrusted('slack message', messageText(message));
  return { role: 'user', parts: [{ text }] };
}
