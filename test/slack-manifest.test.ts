// The example Slack app manifest asks for exactly the scopes the bot uses: those of the Web API methods
// it calls and of the events and command it handles (orchestrator/src/slack/slack-methods.ts), and that
// list names exactly the methods the Slack client calls. The end-to-end test checks that the bot called
// no method outside the list (test/orchestrator-slack.test.ts).
import { readFileSync } from 'node:fs';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { slackCommand } from '../orchestrator/src/slack/slack-front-end.ts';
import { eventScopes, methodScopes, requiredBotScopes } from '../orchestrator/src/slack/slack-methods.ts';

interface Manifest {
  features: {
    slash_commands: Array<{ command: string; url: string }>;
    app_home?: { messages_tab_enabled?: boolean };
  };
  oauth_config: { scopes: { bot: string[]; user?: string[] } };
  settings: {
    event_subscriptions: { request_url: string; bot_events: string[] };
    interactivity: { is_enabled: boolean; request_url: string };
  };
}

const manifest = load(
  readFileSync(new URL('../deploy/slack-app-manifest.yaml', import.meta.url), 'utf8'),
) as Manifest;

describe('deploy/slack-app-manifest.yaml', () => {
  it('asks for exactly the bot scopes the code needs, and no user scopes', () => {
    expect([...manifest.oauth_config.scopes.bot].sort()).toEqual(requiredBotScopes());
    expect(manifest.oauth_config.scopes.user).toBeUndefined();
  });

  it('subscribes to the events the bot handles, and the command it answers', () => {
    expect([...manifest.settings.event_subscriptions.bot_events].sort()).toEqual(
      Object.keys(eventScopes).sort(),
    );
    expect(manifest.features.slash_commands.map((command) => command.command)).toEqual([slackCommand]);
    // message.im reaches the bot only with the messages tab open.
    expect(manifest.features.app_home?.messages_tab_enabled).toBe(true);
  });

  it('sends events, interactivity and the command to the one endpoint', () => {
    const urls = [
      manifest.settings.event_subscriptions.request_url,
      manifest.settings.interactivity.request_url,
      ...manifest.features.slash_commands.map((command) => command.url),
    ];
    expect(new Set(urls).size).toBe(1);
    expect(urls[0]).toMatch(/^https:\/\/[^/]+\/slack\/events$/);
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
  });

  it('lists exactly the Web API methods the Slack client calls', () => {
    const client = readFileSync(
      new URL('../orchestrator/src/slack/slack-client.ts', import.meta.url),
      'utf8',
    );
    const called = new Set([...client.matchAll(/call\(\s*'([a-z]+\.[A-Za-z]+)'/g)].map((match) => match[1]));
    expect([...called].sort()).toEqual(Object.keys(methodScopes).sort());
  });
});
