import { describe, expect, it } from 'vitest';
import { encodeRef } from './confirmation-blocks.js';
import {
  confirmationClick,
  eventsEnvelopeSchema,
  messageToAnswer,
  reactionToLookAt,
  slashCommand,
} from './slack-payloads.js';

const envelope = (event: Record<string, unknown>) =>
  eventsEnvelopeSchema.parse({ type: 'event_callback', event_id: 'Ev1', event });

describe('messageToAnswer', () => {
  it('answers mentions and DMs, without the leading mention and with Slack escapes undone', () => {
    const mention = { type: 'app_mention', user: 'U1', channel: 'C1', ts: '1.1', thread_ts: '1.0' };
    expect(
      messageToAnswer(envelope({ ...mention, text: '<@UBOT> <@UBOT|sre> is a &lt; b &amp;&amp; c?' })),
    ).toEqual({
      channel: 'C1',
      ts: '1.1',
      threadTs: '1.0',
      user: 'U1',
      text: 'is a < b && c?',
    });
    const dm = { type: 'message', channel_type: 'im', user: 'U1', channel: 'D1', ts: '2.1', text: 'hi' };
    expect(messageToAnswer(envelope(dm))).toMatchObject({ channel: 'D1', text: 'hi' });
  });

  it('ignores edits, bot messages and channel chatter, and passes an empty mention on (it gets help)', () => {
    const base = { type: 'message', channel_type: 'im', user: 'U1', channel: 'D1', ts: '2.1', text: 'hi' };
    expect(messageToAnswer(envelope({ ...base, subtype: 'message_changed' }))).toBeUndefined();
    expect(messageToAnswer(envelope({ ...base, bot_id: 'B1' }))).toBeUndefined();
    expect(messageToAnswer(envelope({ ...base, channel_type: 'channel' }))).toBeUndefined();
    expect(messageToAnswer(envelope({ ...base, type: 'app_mention', text: '<@UBOT>' }))).toMatchObject({
      text: '',
    });
    expect(messageToAnswer(envelope({ ...base, subtype: 'file_share' }))).toMatchObject({ text: 'hi' });
  });
});

describe('reactionToLookAt', () => {
  const reaction = (fields: Record<string, unknown>) =>
    eventsEnvelopeSchema.parse({
      type: 'event_callback',
      event_id: 'Ev2',
      authorizations: [{ user_id: 'UBOT', is_bot: true }],
      event: {
        type: 'reaction_added',
        user: 'U1',
        reaction: 'eyes',
        item: { type: 'message', channel: 'C1', ts: '5.5' },
        ...fields,
      },
    });

  it('takes the trigger emoji on a message from anyone but the bot', () => {
    expect(reactionToLookAt(reaction({}), 'eyes')).toEqual({ channel: 'C1', ts: '5.5', user: 'U1' });
    expect(reactionToLookAt(reaction({ reaction: 'tada' }), 'eyes')).toBeUndefined();
    expect(reactionToLookAt(reaction({ user: 'UBOT' }), 'eyes')).toBeUndefined();
    expect(reactionToLookAt(reaction({ item: { type: 'file', file: 'F1' } }), 'eyes')).toBeUndefined();
  });
});

describe('slashCommand', () => {
  it('reads the form Slack posts, and nothing that lacks its fields', () => {
    const form = new URLSearchParams({
      command: '/sre-bot',
      text: 'scale a/b 2',
      user_id: 'U1',
      channel_id: 'C1',
    });
    expect(slashCommand(form)).toEqual({
      command: '/sre-bot',
      text: 'scale a/b 2',
      user: 'U1',
      channel: 'C1',
      responseUrl: undefined,
    });
    expect(slashCommand(new URLSearchParams({ text: 'x' }))).toBeUndefined();
  });
});

describe('confirmationClick', () => {
  const ref = {
    requestId: 'r1',
    toolName: 'k8s__scale_deployment',
    sessionId: 's_C1_1.0',
    asker: 'U1',
    channel: 'C1',
    threadTs: '1.0',
  };
  const payload = (actionId: string, value: string) => ({
    type: 'block_actions',
    user: { id: 'U2' },
    container: { message_ts: '3.0' },
    actions: [{ action_id: actionId, value }],
  });

  it('reads who clicked which answer for which confirmation', () => {
    expect(confirmationClick(payload('sre_confirm_deny', encodeRef(ref)))).toEqual({
      ref,
      approved: false,
      clicker: 'U2',
      messageTs: '3.0',
    });
  });

  it('ignores other buttons and values that are not ours', () => {
    expect(confirmationClick(payload('something_else', encodeRef(ref)))).toBeUndefined();
    expect(confirmationClick(payload('sre_confirm_approve', '{"r":"r1"}'))).toBeUndefined();
    expect(confirmationClick(payload('sre_confirm_approve', 'not json'))).toBeUndefined();
  });
});
