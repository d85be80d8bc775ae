import type { Logger } from '@sre-agent/shared';
import { type Context, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { AppEnv } from '../http/app-env.js';
import type { BackgroundTasks } from './background-tasks.js';
import type { Dedupe } from './dedupe.js';
import type { SlackBot } from './slack-bot.js';
import {
  blockActionsSchema,
  confirmationClick,
  eventsEnvelopeSchema,
  messageToAnswer,
} from './slack-payloads.js';
import { verifySlackSignature } from './slack-signature.js';

export interface SlackRoutesDeps {
  signingSecret: string;
  bot: SlackBot;
  tasks: BackgroundTasks;
  dedupe: Dedupe;
  logger: Pick<Logger, 'warn' | 'debug'>;
  nowSeconds?: () => number;
}

// Slack's events and interactivity payloads are a few KB; anything near this is not from Slack.
const maxSlackBodyBytes = 256 * 1024;

/**
 * `POST /slack/events`, for both the Events API and interactivity. Mounted ahead of the bearer check:
 * Slack's signature is the authentication, checked on the raw body before anything is parsed. Every
 * accepted request is acknowledged at once and worked on in the background.
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
      return form ? onInteraction(c, deps, body) : onEvent(c, deps, body);
    },
  );
  return routes;
}

function onEvent(c: Context<AppEnv>, deps: SlackRoutesDeps, body: string): Response {
  const parsed = eventsEnvelopeSchema.safeParse(parseJson(body));
  if (!parsed.success) return c.json({ detail: 'Not a Slack event' }, 400);
  const envelope = parsed.data;
  if (envelope.type === 'url_verification') return c.json({ challenge: envelope.challenge ?? '' });
  const message = envelope.type === 'event_callback' ? messageToAnswer(envelope) : undefined;
  if (!message) return c.body(null, 200);
  // A retry carries the same event_id; an app_mention and its DM copy share the channel and ts.
  const fresh = [envelope.event_id, `${message.channel}:${message.ts}`]
    .filter((key): key is string => key !== undefined)
    .map((key) => deps.dedupe.firstTime(`event:${key}`));
  if (fresh.includes(false)) {
    deps.logger.debug('slack event already taken', {
      eventId: envelope.event_id,
      retry: c.req.header('x-slack-retry-num'),
    });
    return c.body(null, 200);
  }
  deps.tasks.start('message', () => deps.bot.handleMessage(message));
  return c.body(null, 200);
}

function onInteraction(c: Context<AppEnv>, deps: SlackRoutesDeps, body: string): Response {
  const payload = new URLSearchParams(body).get('payload');
  const parsed = blockActionsSchema.safeParse(parseJson(payload ?? ''));
  const click = parsed.success ? confirmationClick(parsed.data) : undefined;
  if (!click) return c.body(null, 200);
  if (click.clicker !== click.ref.asker) {
    deps.tasks.start('refusal', () => deps.bot.refuseClick(click, 'not_asker'));
  } else if (deps.dedupe.firstTime(`confirmation:${click.ref.requestId}`)) {
    deps.tasks.start('confirmation', () => deps.bot.handleConfirmation(click));
  } else {
    deps.tasks.start('refusal', () => deps.bot.refuseClick(click, 'answered'));
  }
  return c.body(null, 200);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
