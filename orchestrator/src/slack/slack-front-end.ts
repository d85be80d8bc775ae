import type { Logger } from '@sre-agent/shared';
import type { Hono } from 'hono';
import type { Runner, SessionStore } from '../adk/types.js';
import type { AppEnv } from '../http/app-env.js';
import { createBackgroundTasks } from './background-tasks.js';
import { createDedupe } from './dedupe.js';
import { createSlackBot } from './slack-bot.js';
import { createSlackClient } from './slack-client.js';
import { slackRoutes } from './slack-routes.js';

export interface SlackConfig {
  botToken: string;
  signingSecret: string;
  /** `https://slack.com/api` unless tests point it elsewhere. */
  apiBaseUrl: string;
}

export interface SlackFrontEndDeps {
  config: SlackConfig;
  store: Pick<SessionStore, 'getSession' | 'createSession'>;
  runner: Pick<Runner, 'run'>;
  logger: Logger;
  appName: string;
  fetch?: typeof fetch;
  nowSeconds?: () => number;
}

export interface SlackFrontEnd {
  /** `POST /slack/events`, to mount ahead of the bearer check. */
  routes: Hono<AppEnv>;
  /** Resolves once every accepted event has been answered in Slack. */
  idle(): Promise<void>;
}

/** The Slack bot inside the orchestrator: same runner, same store, the seed bot's session scheme. */
export function createSlackFrontEnd(deps: SlackFrontEndDeps): SlackFrontEnd {
  const logger = deps.logger.child({ component: 'slack' });
  const slack = createSlackClient({
    token: deps.config.botToken,
    baseUrl: deps.config.apiBaseUrl,
    logger,
    ...(deps.fetch ? { fetch: deps.fetch } : {}),
  });
  const bot = createSlackBot({
    store: deps.store,
    runner: deps.runner,
    slack,
    logger,
    appName: deps.appName,
  });
  const tasks = createBackgroundTasks(logger);
  const routes = slackRoutes({
    signingSecret: deps.config.signingSecret,
    bot,
    tasks,
    dedupe: createDedupe(),
    logger,
    ...(deps.nowSeconds ? { nowSeconds: deps.nowSeconds } : {}),
  });
  return { routes, idle: () => tasks.idle() };
}
