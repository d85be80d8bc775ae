import { describe, expect, it } from 'vitest';
import { markdownToMrkdwn } from './slack-mrkdwn.js';

describe('markdownToMrkdwn', () => {
  it('converts bold, italics, links, headings, bullets and strike', () => {
    expect(
      markdownToMrkdwn('# Pods\n- **ledger** is *down*\n* see [runbook](https://x.io/r?a=1&b=2)\n~~old~~'),
    ).toBe('*Pods*\n• *ledger* is _down_\n• see <https://x.io/r?a=1&amp;b=2|runbook>\n~old~');
  });

  it('escapes Slack control characters and leaves code alone', () => {
    expect(markdownToMrkdwn('a < b & **c** `x **y** <z>`')).toBe('a &lt; b &amp; *c* `x **y** &lt;z&gt;`');
    const fence = '```\n# not a heading\n- not a bullet **x**\n```';
    expect(markdownToMrkdwn(`Logs:\n${fence}\n- done`)).toBe(`Logs:\n${fence}\n• done`);
  });
});
