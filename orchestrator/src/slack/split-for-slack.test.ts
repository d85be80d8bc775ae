import { describe, expect, it } from 'vitest';
import { answerMessages, sectionLimit, splitSections } from './split-for-slack.js';

const fences = (text: string) => (text.match(/```/g) ?? []).length;

describe('splitSections', () => {
  it('keeps short answers whole and cuts long ones between paragraphs first', () => {
    expect(splitSections('short')).toEqual(['short']);
    const paragraphs = Array.from({ length: 12 }, (_, i) => `Paragraph ${i}\n${'x'.repeat(60)}`);
    const pieces = splitSections(paragraphs.join('\n\n'), 200);
    expect(pieces.every((piece) => piece.length <= 200)).toBe(true);
    // Every cut fell between paragraphs: each piece starts with a paragraph's first line.
    for (const piece of pieces) expect(piece).toMatch(/^Paragraph \d+\n/);
    expect(pieces.join('\n\n')).toBe(paragraphs.join('\n\n'));
  });

  it('cuts a paragraph longer than a section at lines', () => {
    const lines = Array.from({ length: 30 }, (_, index) => `line ${index} ${'x'.repeat(40)}`);
    const pieces = splitSections(lines.join('\n'), 500);
    expect(pieces.length).toBeGreaterThan(2);
    expect(pieces.every((piece) => piece.length <= 500)).toBe(true);
    expect(pieces.join('\n')).toBe(lines.join('\n'));
  });

  it('keeps a fence with blank lines in one paragraph, and closes and reopens a fence it must cut', () => {
    const log = Array.from({ length: 40 }, (_, i) => (i % 10 === 9 ? '' : `log ${i}`)).join('\n');
    const text = `Here:\n\n\`\`\`text\n${log}\n\`\`\`\n\nEnd.`;
    const pieces = splitSections(text, 120);
    for (const piece of pieces) {
      expect(piece.length).toBeLessThanOrEqual(120);
      expect(fences(piece) % 2).toBe(0);
    }
    expect(pieces.filter((piece) => piece.startsWith('```text')).length).toBeGreaterThan(1);
    // The fence does not fit beside "Here:", so the cut falls between the two paragraphs first.
    expect(pieces[0]).toBe('Here:');
    expect(pieces[1]).toMatch(/^```text\nlog 0\n/);
    expect(pieces.at(-1)).toMatch(/\n```\n\nEnd\.$/);
  });

  it('hard-wraps a line of emoji between them, never through one', () => {
    const line = `y${'\u{1F525}'.repeat(200)}`;
    const pieces = splitSections(line, 108);
    expect(pieces.length).toBeGreaterThan(2);
    for (const piece of pieces) expect(piece.isWellFormed()).toBe(true);
    expect(pieces.join('').replaceAll('\n', '')).toBe(line);
  });
});

describe('answerMessages', () => {
  it('sends a short answer as one message whose text and section say the same', () => {
    expect(answerMessages('*Pods*\nall fine')).toEqual([
      {
        text: '*Pods*\nall fine',
        blocks: [{ type: 'section', text: { type: 'mrkdwn', text: '*Pods*\nall fine' } }],
      },
    ]);
  });

  it("groups sections within Slack's limits and stops flooding with a note", () => {
    const messages = answerMessages(Array.from({ length: 200 }, () => 'z'.repeat(2_000)).join('\n\n'));
    expect(messages).toHaveLength(4);
    for (const message of messages) {
      expect(message.blocks.length).toBeLessThanOrEqual(50);
      expect(message.text.length).toBeLessThanOrEqual(40_000);
      for (const block of message.blocks) expect(block.text.text.length).toBeLessThanOrEqual(sectionLimit);
    }
    expect(messages.at(-1)?.blocks.at(-1)?.text.text).toMatch(/answer cut: \d+ more characters/);
  });
});
