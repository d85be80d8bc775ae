import type { Logger } from '@sre-agent/shared';
import type { Hono } from 'hono';
import type { Runner, SessionStore } from '../adk/types.js';
import type { AppEnv } from '../http/app-env.js';
import type { HubTool } from '../mcp/mcp-connection.js';
import { proposeCall } from '../runner/propose-call.js';
import { createBackgroundTasks } from './background-tasks.js';
import { handleCommand } from './scale-command.js';
import { createSlackBot } from './slack-bot.js';
import { createSlackClient } from './slack-client.js';
import { slackRoutes } from './slack-routes.js';

export interface SlackConfig {
  botToken: string;
  signingSecret: string;
  /** `https://slack.com/api` unless tests point it elsewhere. */
  apiBaseUrl: string;
  /** Emoji name whose reaction asks the bot to look at a message (`SLACK_REACTION_TRIGGER`, `eyes`). */
  reactionTrigger?: string;
  /** Emoji shown on a message while its turn runs (`SLACK_WORKING_REACTION`); empty for none. */
  workingReaction?: string;
}

/** The slash command the manifest declares; help texts name it. */
export const slackCommand = '/sre-bot';

export interface SlackFrontEndDeps {
  config: SlackConfig;
  store: Pick<
    SessionStore,
    'getSession' | 'createSession' | 'appendEvent' | 'withSessionLock' | 'claims' | 'artifacts'
  >;
  runner: Pick<Runner, 'run'>;
  /** The tools on offer: `/sre-bot scale` finds scale_deployment there, or says writes are off. */
  hub: { tools(): HubTool[]; unavailableServers(): string[] };
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
  const { config } = deps;
  const reactionTrigger = config.reactionTrigger ?? 'eyes';
  const slack = createSlackClient({
    token: config.botToken,
    baseUrl: config.apiBaseUrl,
    logger,
    ...(deps.fetch ? { fetch: deps.fetch } : {}),
  });
  const botDeps = {
    store: deps.store,
    runner: deps.runner,
    slack,
    logger,
    appName: deps.appName,
    command: slackCommand,
    reactionTrigger,
    workingReaction: config.workingReaction ?? 'hourglass_flowing_sand',
  };
  const scaleDeps = {
    ...botDeps,
    hub: deps.hub,
    propose: (proposal: Parameters<typeof proposeCall>[1]) =>
      proposeCall({ store: deps.store, agentName: deps.appName }, proposal),
  };
  const tasks = createBackgroundTasks(logger);
  const routes = slackRoutes({
    signingSecret: config.signingSecret,
    bot: createSlackBot(botDeps),
    handleCommand: (command) => handleCommand(scaleDeps, command),
    tasks,
    claims: deps.store.claims,
    command: slackCommand,
    reactionTrigger,
    logger,
    ...(deps.nowSeconds ? { nowSeconds: deps.nowSeconds } : {}),
  });
  return { routes, idle: () => tasks.idle() };
}
