import { truncateCodePoints } from '@sre-agent/shared';

// Slack's limits (https://docs.slack.dev/reference/block-kit/blocks/section-block, chat.postMessage): a
// section's text holds 3,000 characters, a message 50 blocks, and text past 40,000 characters is cut.
// An answer becomes sections cut at paragraphs, then lines, never inside a code fence without closing it
// and reopening it in the next; sections are grouped into as few messages as fit.

export const sectionLimit = 3_000;
/** Sections per message: 13 x 3,000 stays under the 40,000 characters of text; 50 blocks never bind. */
const sectionsPerMessage = 13;
/** Beyond this many messages the thread is flooded: the rest is cut, with a note. */
const maxMessages = 4;

export interface SlackAnswerMessage {
  /** The same content as the blocks, for notifications and clients without blocks. */
  text: string;
  blocks: Array<{ type: 'section'; text: { type: 'mrkdwn'; text: string } }>;
}

/** An answer (already Slack mrkdwn) as messages of section blocks. */
export function answerMessages(text: string): SlackAnswerMessage[] {
  const sections = splitSections(text);
  const groups: string[][] = [];
  for (let start = 0; start < sections.length; start += sectionsPerMessage) {
    groups.push(sections.slice(start, start + sectionsPerMessage));
  }
  if (groups.length > maxMessages) {
    const dropped = groups
      .slice(maxMessages)
      .flat()
      .reduce((sum, section) => sum + section.length, 0);
    groups.length = maxMessages;
    groups[maxMessages - 1]?.push(`_(answer cut: ${dropped} more characters not shown)_`);
  }
  return groups.map((group) => ({
    text: group.join('\n\n'),
    blocks: group.map((section) => ({ type: 'section', text: { type: 'mrkdwn', text: section } })),
  }));
}

/** Pieces of at most `limit` characters: whole paragraphs where they fit, else lines, else code points. */
export function splitSections(text: string, limit = sectionLimit): string[] {
  const pieces: string[] = [];
  let current = '';
  for (const paragraph of paragraphs(text)) {
    const joined = current === '' ? paragraph : `${current}\n\n${paragraph}`;
    if (joined.length <= limit) {
      current = joined;
      continue;
    }
    if (current !== '') pieces.push(current);
    const parts = paragraph.length <= limit ? [paragraph] : splitLines(paragraph, limit);
    pieces.push(...parts.slice(0, -1));
    current = parts.at(-1) ?? '';
  }
  if (current.trim() !== '') pieces.push(current);
  return pieces;
}

/** Paragraphs are separated by blank lines outside code fences; a fence with blank lines stays whole. */
function paragraphs(text: string): string[] {
  const result: string[] = [];
  let lines: string[] = [];
  let inFence = false;
  for (const line of text.split('\n')) {
    if (!inFence && line.trim() === '') {
      if (lines.length > 0) result.push(lines.join('\n'));
      lines = [];
      continue;
    }
    lines.push(line);
    if (isFence(line)) inFence = !inFence;
  }
  if (lines.length > 0) result.push(lines.join('\n'));
  return result;
}

/** Cuts one paragraph at lines; a fence cut in two is closed and reopened with its own opening line. */
function splitLines(paragraph: string, limit: number): string[] {
  const pieces: string[] = [];
  let current = '';
  let openFence: string | undefined;
  for (const line of hardWrap(paragraph, limit - 8)) {
    if (current !== '' && current.length + line.length + 1 > limit - 4) {
      pieces.push(openFence === undefined ? current : `${current}\n\`\`\``);
      current = openFence ?? '';
    }
    current = current === '' ? line : `${current}\n${line}`;
    if (isFence(line)) openFence = openFence === undefined ? line.trim() : undefined;
  }
  if (current !== '') pieces.push(current);
  return pieces;
}

const isFence = (line: string) => line.trimStart().startsWith('```');

function hardWrap(text: string, width: number): string[] {
  return text.split('\n').flatMap((line) => {
    const pieces: string[] = [];
    // Cut on code points: half an emoji at the end of one message is a lone surrogate Slack rejects.
    for (let start = 0; start < line.length; ) {
      const piece =
        truncateCodePoints(line.slice(start, start + width + 1), width) || line.slice(start, start + 2);
      pieces.push(piece);
      start += piece.length;
    }
    return pieces.length === 0 ? [''] : pieces;
  });
}
