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
    });
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
    ]);
    expect(names.every((entry) => entry.description.length > 20)).toBe(true);
  });
});
