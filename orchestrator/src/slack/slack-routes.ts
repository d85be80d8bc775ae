import type { Logger } from '@sre-agent/shared';
import { type Context, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { ClaimStore } from '../adk/types.js';
import type { AppEnv } from '../http/app-env.js';
import type { BackgroundTasks } from './background-tasks.js';
import type { CommandReply } from './scale-command.js';
import type { SlackBot } from './slack-bot.js';
import {
  blockActionsSchema,
  confirmationClick,
  eventsEnvelopeSchema,
  interactionPlace,
  messageToAnswer,
  reactionToLookAt,
  slashCommand,
} from './slack-payloads.js';
import { verifySlackSignature } from './slack-signature.js';
import { helpText, type SlashCommand } from './slash-command.js';

export interface SlackRoutesDeps {
  signingSecret: string;
  bot: SlackBot;
  handleCommand(command: SlashCommand): Promise<CommandReply>;
  tasks: BackgroundTasks;
  /** Shared by every replica on the database, so a retry that lands on another one is dropped too. */
  claims: ClaimStore;
  /** The slash command's name, for help texts. */
  command: string;
  /** Emoji name (no colons) whose reaction asks the bot to look at a message. */
  reactionTrigger: string;
  logger: Pick<Logger, 'info' | 'warn' | 'debug'>;
  nowSeconds?: () => number;
}

// Slack's events and interactivity payloads are a few KB; anything near this is not from Slack.
const maxSlackBodyBytes = 256 * 1024;
// Slack retries an event three times over about five minutes; an hour outlasts them all.
const eventClaimSeconds = 60 * 60;
// A confirmation is answered once, ever; the runner refuses a second answer too, this spares the turn.
const confirmationClaimSeconds = 30 * 24 * 60 * 60;

/**
 * `POST /slack/events`, for the Events API, interactivity and the slash command. Mounted ahead of the
 * bearer check: Slack's signature is the authentication, checked on the raw body before anything is
 * parsed. Every accepted request is acknowledged at once and worked on in the background.
 */
export function slackRoutes(deps: SlackRoutesDeps): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();
  routes.post(
    '/slack/events',
    bodyLimit({
      maxSize: maxSlackBodyBytes,
      onError: (c) => c.json({ detail: 'Request body too large' }, 413),
    }),
    async (c) => {
      const body = await c.req.text();
      const check = verifySlackSignature({
        secret: deps.signingSecret,
        timestamp: c.req.header('x-slack-request-timestamp'),
        signature: c.req.header('x-slack-signature'),
        body,
        ...(deps.nowSeconds ? { nowSeconds: deps.nowSeconds() } : {}),
      });
      if (!check.ok) {
        deps.logger.warn('slack request refused', { reason: check.reason, requestId: c.get('requestId') });
        return c.json({ detail: 'Invalid Slack signature' }, 401);
      }
      const form = (c.req.header('content-type') ?? '').includes('application/x-www-form-urlencoded');
      if (!form) return onEvent(c, deps, body);
      const fields = new URLSearchParams(body);
      return fields.has('payload') ? onInteraction(c, deps, fields) : onCommand(c, deps, fields);
    },
  );
  return routes;
}

async function onEvent(c: Context<AppEnv>, deps: SlackRoutesDeps, body: string): Promise<Response> {
  const parsed = eventsEnvelopeSchema.safeParse(parseJson(body));
  if (!parsed.success) return c.json({ detail: 'Not a Slack event' }, 400);
  const envelope = parsed.data;
  if (envelope.type === 'url_verification') return c.json({ challenge: envelope.challenge ?? '' });
  if (envelope.type !== 'event_callback') return c.body(null, 200);
  const message = messageToAnswer(envelope);
  const look = message ? undefined : reactionToLookAt(envelope, deps.reactionTrigger);
  if (!message && !look) {
    // Bot messages, edits, other people's reactions: nobody asked the bot anything.
    deps.logger.debug('slack event ignored', {
      type: envelope.event?.type,
      subtype: envelope.event?.subtype,
    });
    return c.body(null, 200);
  }
  // A retry carries the same event_id; an app_mention and its DM copy share the channel and ts; two
  // people adding the trigger reaction to one message ask for one look.
  const keys = [
    envelope.event_id && `slack:event:${envelope.event_id}`,
    message && `slack:message:${message.channel}:${message.ts}`,
    look && `slack:look:${look.channel}:${look.ts}`,
  ].filter((key): key is string => Boolean(key));
  for (const key of keys) {
    if (await deps.claims.claim(key, eventClaimSeconds)) continue;
    deps.logger.info('slack event already taken', {
      key,
      retry: c.req.header('x-slack-retry-num'),
      reason: c.req.header('x-slack-retry-reason'),
    });
    return c.body(null, 200);
  }
  if (message) deps.tasks.start('message', () => deps.bot.handleMessage(message));
  if (look) deps.tasks.start('reaction', () => deps.bot.handleReaction(look));
  return c.body(null, 200);
}

async function onInteraction(c: Context<AppEnv>, deps: SlackRoutesDeps, fields: URLSearchParams) {
  const parsed = blockActionsSchema.safeParse(parseJson(fields.get('payload') ?? ''));
  if (!parsed.success) return c.body(null, 200);
  const click = confirmationClick(parsed.data);
  if (!click) {
    // A button or shortcut the bot does not offer: say what it does offer, to whoever used it.
    const place = interactionPlace(parsed.data);
    if (place)
      deps.tasks.start('help', () => deps.bot.tellUser(place, helpText(deps.command, deps.reactionTrigger)));
    return c.body(null, 200);
  }
  if (click.clicker !== click.ref.asker) {
    deps.tasks.start('refusal', () => deps.bot.refuseClick(click, 'not_asker'));
  } else if (await deps.claims.claim(`slack:confirmation:${click.ref.requestId}`, confirmationClaimSeconds)) {
    deps.tasks.start('confirmation', () => deps.bot.handleConfirmation(click));
  } else {
    deps.tasks.start('refusal', () => deps.bot.refuseClick(click, 'answered'));
  }
  return c.body(null, 200);
}

/** A slash command is answered in its own response, seen only by who typed it. */
async function onCommand(c: Context<AppEnv>, deps: SlackRoutesDeps, fields: URLSearchParams) {
  const command = slashCommand(fields);
  if (!command) return c.json({ detail: 'Not a Slack request this endpoint handles' }, 400);
  const reply = await deps.handleCommand(command);
  if (reply.afterAck) deps.tasks.start('command', reply.afterAck);
  return c.json({ response_type: 'ephemeral', text: reply.text });
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
