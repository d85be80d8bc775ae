import { createLogger } from '@sre-agent/shared';
import { describe, expect, it } from 'vitest';
import { createRateGuard } from './rate-guard.js';
import { createMeter } from './request-meter.js';
import { createPager, type Page } from './request-pager.js';

function pagerOver(pages: (input: Record<string, unknown>) => Page) {
  const sent: Record<string, unknown>[] = [];
  const pager = createPager({
    load: async () => async (_operation, input) => {
      sent.push(input as Record<string, unknown>);
      return { ...pages(input as Record<string, unknown>), $metadata: { attempts: 1 } };
    },
    guard: createRateGuard({ maxPerHour: 1_000 }),
    logger: createLogger({ name: 'test', write: () => {} }),
    errorContext: (operation, attempts) => ({
      operation,
      attempts,
      endpoint: 'http://127.0.0.1',
      profile: undefined,
      roleArn: undefined,
    }),
  });
  return { pager, sent };
}

describe('allPages', () => {
  it('follows distinct tokens to the last page', async () => {
    const next: Record<string, string> = { '': 'a', a: 'b' };
    const { pager, sent } = pagerOver((input) => {
      const token = next[String(input.NextPageToken ?? '')];
      return token ? { NextPageToken: token } : {};
    });
    const { pages, more } = await pager.allPages('GetCostAndUsage', {}, createMeter());
    expect(pages).toHaveLength(3);
    expect(more).toBe(false);
    expect(sent.map((i) => i.NextPageToken)).toEqual([undefined, 'a', 'b']);
  });

  it('stops with a clear error when the API hands back a token it already gave', async () => {
    const cycle: Record<string, string> = { '': 'a', a: 'b', b: 'a' };
    const { pager, sent } = pagerOver((input) => ({
      NextPageToken: cycle[String(input.NextPageToken ?? '')],
    }));
    const meter = createMeter();
    await expect(pager.allPages('GetCostAndUsage', {}, meter)).rejects.toThrow(
      /returned a page token it had already returned, after 3 pages/,
    );
    expect(sent).toHaveLength(3);
    expect(meter.billed).toBe(3);
  });
});
