import { type Logger, truncateCodePoints } from '@sre-agent/shared';
import type { AdkEvent, Content, Runner, SessionKey, SessionStore } from '../adk/types.js';
import { argsLine, confirmationMessage } from './confirmation-blocks.js';
import type { SlackClient } from './slack-client.js';
import { escapeSlackText, markdownToMrkdwn } from './slack-mrkdwn.js';
import { answerMessages } from './split-for-slack.js';
import { type TurnReply, turnReply } from './turn-reply.js';

// One turn answered in a Slack thread: a reaction on the message being worked on while it runs, then the
// answer (split at Slack's limits), the charts the tools drew, Approve / Deny cards and errors.

export interface ThreadTurnDeps {
  store: Pick<SessionStore, 'artifacts'>;
  runner: Pick<Runner, 'run'>;
  slack: SlackClient;
  logger: Pick<Logger, 'warn' | 'error'>;
  /** Reaction shown on the message being worked on (`SLACK_WORKING_REACTION`); empty for none. */
  workingReaction: string;
}

export interface Thread {
  channel: string;
  threadTs: string;
  /** Slack user who asked: the only one who may approve what the turn proposes. */
  asker: string;
}

/** Images per turn uploaded to the thread, and the largest one; more or larger stay in the web page. */
const maxImages = 4;
const maxImageBytes = 5 * 1024 * 1024;

export interface TurnOptions {
  /** The message the turn answers, which shows the working reaction meanwhile. */
  workingOn?: string;
  /** Told of each event as the runner persists it, before the turn is over. */
  onEvent?: (event: AdkEvent) => Promise<void>;
}

/** Runs the turn and posts what it says; resolves to its events (none when the run failed outright). */
export async function runInThread(
  deps: ThreadTurnDeps,
  key: SessionKey,
  thread: Thread,
  content: Content,
  options: TurnOptions = {},
): Promise<AdkEvent[] | undefined> {
  // The reaction stays until the answer is posted, so the thread is never silent in between.
  return withWorkingReaction(deps, thread.channel, options.workingOn, async () => {
    const events = await collect(deps, key, content, options.onEvent);
    if (events) await postTurn(deps, key, thread, events);
    else await post(deps, thread, ':x: Something went wrong on my side; the error is in the sre-agent logs.');
    return events;
  });
}

async function collect(
  deps: ThreadTurnDeps,
  key: SessionKey,
  content: Content,
  onEvent: TurnOptions['onEvent'],
): Promise<AdkEvent[] | undefined> {
  const events: AdkEvent[] = [];
  try {
    for await (const event of deps.runner.run({ session: key, newMessage: content, streaming: false })) {
      events.push(event);
      await onEvent?.(event);
    }
    return events;
  } catch (error) {
    deps.logger.error('slack turn failed', { sessionId: key.sessionId, error });
    return undefined;
  }
}

/** Posts what a turn's events say: the answer, the images, the cards for changes, the errors. */
export async function postTurn(
  deps: Pick<ThreadTurnDeps, 'store' | 'slack'>,
  key: SessionKey,
  thread: Thread,
  events: AdkEvent[],
) {
  const reply = turnReply(events);
  const target = { channel: thread.channel, thread_ts: thread.threadTs };
  for (const message of answerMessages(markdownToMrkdwn(reply.text))) {
    await deps.slack.postMessage({ ...target, ...message });
  }
  await uploadImages(deps, key, thread, reply.artifacts);
  for (const request of reply.confirmations) {
    const ref = {
      requestId: request.requestId,
      ...(request.callId ? { callId: request.callId } : {}),
      toolName: request.toolName,
      sessionId: key.sessionId,
      args: argsLine(request.args),
      ...thread,
    };
    await deps.slack.postMessage({ ...target, ...confirmationMessage(request, ref) });
  }
  for (const error of reply.errors) {
    const message = truncateCodePoints(error.message, 500, '…');
    await post(deps, thread, `:warning: ${escapeSlackText(message)} (\`${error.code}\`)`);
  }
}

async function uploadImages(
  deps: Pick<ThreadTurnDeps, 'store' | 'slack'>,
  key: SessionKey,
  thread: Thread,
  artifacts: TurnReply['artifacts'],
) {
  const store = deps.store.artifacts;
  if (!store) return;
  for (const { filename, version } of artifacts.slice(0, maxImages)) {
    const part = await store.load(key, filename, version).catch(() => undefined);
    const image = part?.inlineData;
    if (!image?.mimeType.startsWith('image/')) continue;
    const bytes = Buffer.from(image.data, 'base64');
    if (bytes.byteLength > maxImageBytes) continue;
    const title = filename.replace(/_adk-[0-9a-f-]+/, '').replace(/__/g, ' ');
    await deps.slack.uploadFile({
      channel: thread.channel,
      threadTs: thread.threadTs,
      filename,
      title,
      bytes,
    });
  }
}

/**
 * Shows `workingReaction` on the message being answered while `work` runs (a reaction works in channels,
 * threads and DMs alike; Slack's assistant status needs an assistant app and its own threads).
 */
async function withWorkingReaction<T>(
  deps: ThreadTurnDeps,
  channel: string,
  messageTs: string | undefined,
  work: () => Promise<T>,
): Promise<T> {
  const name = deps.workingReaction;
  if (!messageTs || name === '') return work();
  const target = { channel, timestamp: messageTs, name };
  const added = await deps.slack.addReaction(target);
  try {
    return await work();
  } finally {
    if (added.ok) await deps.slack.removeReaction(target);
  }
}

export async function post(deps: Pick<ThreadTurnDeps, 'slack'>, thread: Thread, text: string) {
  await deps.slack.postMessage({ channel: thread.channel, thread_ts: thread.threadTs, text });
}
