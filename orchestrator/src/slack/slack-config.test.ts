import { ConfigError } from '@sre-agent/shared';
import { describe, expect, it } from 'vitest';
import { describeConfig, parseConfig } from '../config.js';

describe('Slack configuration', () => {
  it('is off unless both the token and the signing secret are set', () => {
    expect(parseConfig({}, '/srv').slack).toBeUndefined();
    expect(parseConfig({ SLACK_BOT_TOKEN: '', SLACK_SIGNING_SECRET: ' ' }, '/srv').slack).toBeUndefined();
    expect(parseConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 'sig' }, '/srv').slack).toEqual({
      botToken: 'xoxb-1',
      signingSecret: 'sig',
      apiBaseUrl: 'https://slack.com/api',
      reactionTrigger: 'eyes',
      workingReaction: 'hourglass_flowing_sand',
    });
  });

  it('takes the trigger and working reactions with or without colons; an empty working one means none', () => {
    const base = { SLACK_BOT_TOKEN: 'x', SLACK_SIGNING_SECRET: 'y' };
    const slack = parseConfig(
      { ...base, SLACK_REACTION_TRIGGER: ':mag:', SLACK_WORKING_REACTION: '' },
      '/srv',
    ).slack;
    expect(slack).toMatchObject({ reactionTrigger: 'mag', workingReaction: '' });
    expect(parseConfig({ ...base, SLACK_REACTION_TRIGGER: '' }, '/srv').slack?.reactionTrigger).toBe('eyes');
    expect(() => parseConfig({ ...base, SLACK_REACTION_TRIGGER: 'Eyes Wide' }, '/srv')).toThrow(
      /SLACK_REACTION_TRIGGER: an emoji name/,
    );
  });

  it('refuses half a setup, naming the missing variable', () => {
    expect(() => parseConfig({ SLACK_BOT_TOKEN: 'xoxb-1' }, '/srv')).toThrow(ConfigError);
    expect(() => parseConfig({ SLACK_SIGNING_SECRET: 'sig' }, '/srv')).toThrow(/SLACK_BOT_TOKEN: set both/);
  });

  it('takes a base URL for tests and documents every Slack variable', () => {
    const env = {
      SLACK_BOT_TOKEN: 'x',
      SLACK_SIGNING_SECRET: 'y',
      SLACK_API_BASE_URL: 'http://127.0.0.1:9/api',
    };
    expect(parseConfig(env, '/srv').slack?.apiBaseUrl).toBe('http://127.0.0.1:9/api');
    expect(() => parseConfig({ ...env, SLACK_API_BASE_URL: 'nope' }, '/srv')).toThrow(ConfigError);
    const names = describeConfig().filter((entry) => entry.name.startsWith('SLACK_'));
    expect(names.map((entry) => entry.name)).toEqual([
      'SLACK_BOT_TOKEN',
      'SLACK_SIGNING_SECRET',
      'SLACK_API_BASE_URL',
      'SLACK_REACTION_TRIGGER',
      'SLACK_WORKING_REACTION',
    ]);
    expect(names.every((entry) => entry.description.length > 20)).toBe(true);
  });
});
