import { describe, expect, it } from 'vitest';
import { markdownToMrkdwn, splitForSlack } from './slack-mrkdwn.js';

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

describe('splitForSlack', () => {
  it('keeps short answers whole and cuts long ones at lines', () => {
    expect(splitForSlack('short')).toEqual(['short']);
    const lines = Array.from({ length: 30 }, (_, index) => `line ${index} ${'x'.repeat(40)}`);
    const chunks = splitForSlack(lines.join('\n'), 500);
    expect(chunks.length).toBeGreaterThan(2);
    expect(chunks.every((chunk) => chunk.length <= 500)).toBe(true);
    expect(chunks.join('\n')).toBe(lines.join('\n'));
  });

  it('closes a code fence at a cut and reopens it in the next message', () => {
    const text = `Here:\n\`\`\`\n${Array.from({ length: 40 }, (_, i) => `log ${i}`).join('\n')}\n\`\`\`\nEnd.`;
    const chunks = splitForSlack(text, 120);
    for (const chunk of chunks) expect((chunk.match(/```/g) ?? []).length % 2).toBe(0);
    expect(chunks[1]?.startsWith('```')).toBe(true);
  });

  it('hard-wraps a single huge line and stops after a few messages with a note', () => {
    const chunks = splitForSlack('y'.repeat(100_000), 3_500);
    expect(chunks).toHaveLength(8);
    expect(chunks.at(-1)).toMatch(/answer cut: \d+ more characters/);
  });

  it('hard-wraps a line of emoji between them, never through one', () => {
    const line = `y${'\u{1F525}'.repeat(200)}`;
    const chunks = splitForSlack(line, 108);
    expect(chunks.length).toBeGreaterThan(2);
    for (const chunk of chunks) expect(chunk.isWellFormed()).toBe(true);
    expect(chunks.join('').replaceAll('\n', '')).toBe(line);
  });
});
