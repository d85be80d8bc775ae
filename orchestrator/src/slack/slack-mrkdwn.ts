// Model answers are Markdown; Slack speaks its own "mrkdwn". Only what reads wrong is converted (bold,
// links, headings, bullets, strike); code spans and fences are left exactly as written.

import { truncateCodePoints } from '@sre-agent/shared';

/** Slack wants the three control characters escaped in any text it renders. */
export function escapeSlackText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function markdownToMrkdwn(markdown: string): string {
  return markdown
    .split(/(```[\s\S]*?(?:```|$))/)
    .map((segment, index) => (index % 2 === 1 ? escapeSlackText(segment) : convertProse(segment)))
    .join('');
}

function convertProse(text: string): string {
  return text
    .split('\n')
    .map((line) =>
      line
        .split(/(`[^`\n]+`)/)
        .map((piece, index) => (index % 2 === 1 ? escapeSlackText(piece) : convertInline(piece)))
        .join(''),
    )
    .map(convertLine)
    .join('\n');
}

// \u0001 stands for a bold star while single-star italics are turned into underscores.
function convertInline(text: string): string {
  return escapeSlackText(text)
    .replace(/\*\*(?=\S)(.+?)(?<=\S)\*\*/g, '\u0001$1\u0001')
    .replace(/__(?=\S)(.+?)(?<=\S)__/g, '\u0001$1\u0001')
    .replace(/(^|[^*\w])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![*\w])/g, '$1_$2_')
    .replace(/~~(?=\S)(.+?)(?<=\S)~~/g, '~$1~')
    .replace(/\[([^\]\n]+)\]\((https?:\/\/[^)\s]+)\)/g, '<$2|$1>')
    .replaceAll('\u0001', '*');
}

function convertLine(line: string): string {
  const heading = /^#{1,6}\s+(.+?)\s*#*$/.exec(line);
  if (heading) return `*${heading[1]!.replace(/^\*(.*)\*$/, '$1')}*`;
  return line.replace(/^(\s*)[-*+]\s+/, '$1• ');
}

/** Slack truncates past 40,000 characters and asks for at most 4,000 per message. */
export const slackTextLimit = 3_500;
const maxMessages = 8;

/**
 * Splits a long answer into messages at line boundaries, closing and reopening a code fence cut in two,
 * and stops after a few messages with a note rather than flood the thread.
 */
export function splitForSlack(text: string, limit = slackTextLimit): string[] {
  const chunks: string[] = [];
  let current = '';
  let inFence = false;
  for (const line of hardWrap(text, limit - 8)) {
    if (current !== '' && current.length + line.length + 1 > limit - 4) {
      chunks.push(inFence ? `${current}\n\`\`\`` : current);
      current = inFence ? '```' : '';
    }
    current = current === '' ? line : `${current}\n${line}`;
    if (line.trimStart().startsWith('```')) inFence = !inFence;
  }
  if (current.trim() !== '') chunks.push(current);
  if (chunks.length <= maxMessages) return chunks;
  const dropped = chunks.slice(maxMessages - 1).reduce((sum, chunk) => sum + chunk.length, 0);
  return [...chunks.slice(0, maxMessages - 1), `_(answer cut: ${dropped} more characters not shown)_`];
}

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
