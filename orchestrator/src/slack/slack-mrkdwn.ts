// Model answers are Markdown; Slack speaks its own "mrkdwn". Only what reads wrong is converted (bold,
// links, headings, bullets, strike); code spans and fences are left exactly as written.

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

/** What a person typed, from Slack's markup: the bot's leading mention dropped, &, < and > unescaped. */
export function fromSlackMarkup(text: string): string {
  return text
    .replace(/^\s*(<@[A-Z0-9]+(\|[^>]*)?>\s*)+/, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .trim();
}
