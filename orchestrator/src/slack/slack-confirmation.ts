import type { AdkEvent, Content } from '../adk/types.js';
import { type CardState, decidedMessage } from './confirmation-blocks.js';
import type { ConfirmationClick, SlackBotDeps } from './slack-bot.js';
import { slackUserId } from './slack-bot.js';
import { runInThread } from './thread-turn.js';
import { callOutcome } from './turn-reply.js';

/**
 * An Approve or Deny from the asker. The card loses its buttons at once and says who decided; for a yes it
 * says "applying…" until the change's result is recorded, then what became of it: done, failed with the
 * reason, or not run (answered already, elsewhere). It never says done before the change landed.
 */
export async function answerConfirmation(deps: SlackBotDeps, click: ConfirmationClick): Promise<void> {
  const { ref, approved, messageTs } = click;
  const card = async (state: CardState) => {
    if (!messageTs) return;
    await deps.slack.update({ channel: ref.channel, ts: messageTs, ...decidedMessage(ref, state) });
  };
  await card(approved ? { kind: 'applying' } : { kind: 'denied' });
  const key = { appName: deps.appName, userId: slackUserId(ref.asker), sessionId: ref.sessionId };
  const answer = { id: ref.requestId, name: 'adk_request_confirmation', response: { confirmed: approved } };
  const content: Content = { role: 'user', parts: [{ functionResponse: answer }] };
  const thread = { channel: ref.channel, threadTs: ref.threadTs, asker: ref.asker };
  let settled = !approved;
  // The call's result is its own event, persisted before the model is asked to sum it up.
  const onEvent = async (event: AdkEvent) => {
    const outcome = settled ? undefined : callOutcome([event], ref);
    if (!outcome) return;
    settled = true;
    await card(outcome);
  };
  await runInThread(deps, key, thread, content, { onEvent });
  if (!settled) await card({ kind: 'unknown' });
}
