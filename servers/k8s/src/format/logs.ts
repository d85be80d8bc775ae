import { runInNewContext } from 'node:vm';
import { byteLength, fenceUntrusted, ToolError, truncateCodePoints } from '@sre-agent/shared';
import { maskSecretShapes } from '../secret-values.js';

/** Longest line kept whole; minified JSON blobs and stack dumps otherwise eat the budget. */
export const maxLineChars = 2_000;
const maxPatternChars = 200;
/** Long enough for 5000 lines of any sane pattern; a runaway one stops here, not never. */
const grepTimeoutMs = 2_000;

/**
 * Compiles a grep pattern, refusing what would hang the server: a JavaScript regex backtracks,
 * so a nested quantifier like `(a+)+` can take exponential time on one crafted log line.
 */
export function compileGrep(pattern: string): RegExp {
  if (pattern.length > maxPatternChars) {
    throw new ToolError(
      `The grep pattern is ${pattern.length} characters; the limit is ${maxPatternChars}.`,
      'Use a shorter pattern.',
    );
  }
  if (/\((?:[^()\\]|\\.)*[+*}](?:[^()\\]|\\.)*\)\s*[+*{]/.test(pattern)) {
    throw new ToolError(
      `The grep pattern "${pattern}" repeats a group that itself repeats (like "(a+)+"), which can take exponential time.`,
      'Drop the outer quantifier or the inner one, e.g. "(a+)" or "a+".',
    );
  }
  try {
    return new RegExp(pattern);
  } catch (error) {
    const reason =
      error instanceof Error ? error.message.replace(/^Invalid regular expression: /, '') : 'invalid';
    throw new ToolError(
      `The grep pattern is not a valid JavaScript regular expression: ${reason}.`,
      'Fix the pattern (escape literal characters like "(" "[" "." with a backslash), or search for a plain word.',
    );
  }
}

/**
 * Splits a log body into lines, dropping the empty tail and a line cut mid-way by `limitBytes`.
 * Every log path reads through here, so it is where credentials an app printed (a connection
 * URL with its password, a bearer token) are masked before any line can leave the server.
 */
export function splitLogLines(body: string, cutAtEnd: boolean): string[] {
  const lines = body.split('\n');
  if (lines.at(-1) === '') lines.pop();
  else if (cutAtEnd && lines.length > 1) lines.pop();
  return lines.map((line) => maskSecretShapes(truncateCodePoints(line, maxLineChars, '…[line cut]')));
}

/**
 * The check in compileGrep cannot catch every pattern that backtracks exponentially (`(a|a)+$`),
 * and a regex runs synchronously: one such pattern would freeze every session of the server.
 * A vm timeout is the one thing that can interrupt it.
 */
export function grepLines(lines: readonly string[], pattern: RegExp | undefined): string[] {
  if (!pattern) return [...lines];
  try {
    return runInNewContext(
      'lines.filter((line) => pattern.test(line))',
      { lines, pattern },
      {
        timeout: grepTimeoutMs,
      },
    ) as string[];
  } catch (error) {
    if ((error as { code?: unknown }).code !== 'ERR_SCRIPT_EXECUTION_TIMEOUT') throw error;
    throw new ToolError(
      `The grep pattern /${pattern.source}/ took too long (over ${grepTimeoutMs / 1000}s) on these lines: it backtracks without end.`,
      'Use a simpler pattern without repeated alternations or nested repeats, e.g. a plain word or "ERROR|WARN".',
    );
  }
}

/** The newest lines that fit `maxBytes`: when logs are cut, the end is what explains the failure. */
export function keepNewest(lines: readonly string[], maxBytes: number): { kept: string[]; dropped: number } {
  let used = 0;
  let start = lines.length;
  while (start > 0) {
    const size = byteLength(lines[start - 1] ?? '') + 1;
    if (used + size > maxBytes) break;
    used += size;
    start -= 1;
  }
  return { kept: lines.slice(start), dropped: start };
}

export interface LogView {
  namespace: string;
  pod: string;
  container: string;
  previous: boolean;
  tailLines: number;
  sinceSeconds?: number | undefined;
  grep?: string | undefined;
  /** Lines the API returned (after dropping a cut last line). */
  lines: readonly string[];
  /** Set when the API read was capped in bytes and fewer lines were read than asked for. */
  byteCapNote?: string | undefined;
  budgetBytes: number;
}

// Room for the header, the fence markers and the cut notice.
const overheadBytes = 900;

export function formatLogs(view: LogView, pattern: RegExp | undefined): string {
  const instance = view.previous ? 'previous instance, the one that exited' : 'current instance';
  const window = [
    `last ${view.tailLines} line(s)`,
    view.sinceSeconds ? `of the last ${view.sinceSeconds}s` : '',
  ]
    .filter(Boolean)
    .join(' ');
  const header = [
    `Logs of pod ${view.namespace}/${view.pod}, container ${view.container} (${instance}), ${window}: ${view.lines.length} line(s) read.`,
  ];
  if (view.byteCapNote) header.push(view.byteCapNote);
  const matched = grepLines(view.lines, pattern);
  if (pattern) header.push(`grep /${view.grep}/: ${matched.length} of ${view.lines.length} line(s) match.`);
  if (matched.length === 0) {
    header.push(
      pattern
        ? 'No line matches. Raise tail_lines (up to 5000) to search further back, or loosen the pattern.'
        : view.previous
          ? 'The previous instance wrote nothing.'
          : 'The container wrote nothing in that window.',
    );
    return header.join('\n');
  }
  const { kept, dropped } = keepNewest(
    matched,
    Math.max(256, view.budgetBytes - byteLength(header.join('\n')) - overheadBytes),
  );
  const parts = [
    header.join('\n'),
    fenceUntrusted(`logs ${view.namespace}/${view.pod}/${view.container}`, kept.join('\n')),
  ];
  if (dropped > 0) {
    parts.push(
      `[cut: the ${dropped} oldest line(s) not shown to fit the output budget; the newest ${kept.length} are above. Use a smaller tail_lines, since_seconds or a grep pattern to see specific older lines.]`,
    );
  }
  return parts.join('\n');
}
