import { byteLength, fenceUntrusted, truncateCodePoints } from '@sre-agent/shared';
import type { LogMatch, LogSearchOutcome } from '../log-search.js';

/** A message longer than this is shown cut: the count and times matter more than the tail. */
const maxMessageChars = 400;
// Room for the header, the fence markers and the closing notes.
const overheadBytes = 1_200;

export interface LogSearchView {
  /** What was searched, e.g. "Deployment payments/checkout (app=checkout)". */
  target: string;
  pattern: string;
  sinceMinutes: number;
  previous: boolean;
  maxMatches: number;
  budgetBytes: number;
  outcome: LogSearchOutcome;
}

interface MessageGroup {
  text: string;
  count: number;
  first: LogMatch;
  last: LogMatch;
  pods: Set<string>;
}

/** Identical messages folded into one line, most frequent first, newest first among equals. */
export function foldMatches(matches: readonly LogMatch[]): MessageGroup[] {
  const groups = new Map<string, MessageGroup>();
  for (const match of matches) {
    const group = groups.get(match.text);
    if (group) {
      group.count += 1;
      group.last = match;
      group.pods.add(match.pod);
    } else {
      groups.set(match.text, {
        text: match.text,
        count: 1,
        first: match,
        last: match,
        pods: new Set([match.pod]),
      });
    }
  }
  return [...groups.values()].sort((a, b) => b.count - a.count || b.last.time.localeCompare(a.last.time));
}

export function formatLogSearch(view: LogSearchView): string {
  const { outcome } = view;
  const groups = foldMatches(outcome.matches);
  const header = headerLines(view, groups.length);
  if (groups.length === 0) return header.join('\n');
  const room = Math.max(512, view.budgetBytes - byteLength(header.join('\n')) - overheadBytes);
  const shown: string[] = [];
  let used = 0;
  for (const group of groups.slice(0, view.maxMatches)) {
    const entry = renderGroup(group);
    if (used + byteLength(entry) + 1 > room) break;
    shown.push(entry);
    used += byteLength(entry) + 1;
  }
  const parts = [header.join('\n'), fenceUntrusted(`logs matching /${view.pattern}/`, shown.join('\n'))];
  const hidden = groups.length - shown.length;
  if (hidden > 0) {
    parts.push(
      `[${hidden} less frequent distinct message(s) not shown. Narrow the pattern or since_minutes, or raise max_matches.]`,
    );
  }
  return parts.join('\n');
}

function headerLines(view: LogSearchView, distinct: number): string[] {
  const { outcome } = view;
  const instance = view.previous ? 'previous (crashed) instances' : 'current instances';
  const lines = [
    `Log search /${view.pattern}/ in ${view.target}, last ${view.sinceMinutes} min, ${instance}: ` +
      `${plural(outcome.podsSearched, 'pod')}, ${plural(outcome.containersRead, 'container')} read; ` +
      `${plural(outcome.matches.length, 'matching line')}, ${plural(distinct, 'distinct message')}.`,
  ];
  if (outcome.podsMatched > outcome.podsSearched) {
    lines.push(
      `Only ${outcome.podsSearched} of the ${outcome.podsMatched} pods were searched (unhealthy ones first); narrow the selector to search others.`,
    );
  }
  if (outcome.skipped.length > 0) {
    const listed = outcome.skipped.slice(0, 5).map((item) => truncateCodePoints(item, 200));
    const more = outcome.skipped.length > 5 ? ` (+${outcome.skipped.length - 5} more)` : '';
    lines.push(`No log to read for: ${listed.join('; ')}${more}.`);
  }
  if (outcome.podsMatched === 0)
    lines.push('No pod matches; check the workload or selector with list_pods_from_namespace.');
  else if (distinct === 0) {
    lines.push(
      view.previous
        ? 'No line matches. Try without `previous`, a longer since_minutes, or a looser pattern.'
        : 'No line matches. Try a longer since_minutes, `previous: true` for crashed containers, or a looser pattern.',
    );
  }
  return lines;
}

function renderGroup(group: MessageGroup): string {
  const first = shortTime(group.first.time);
  const last = shortTime(group.last.time);
  const when = first === last ? first : `${first} .. ${last}`;
  const where = `${group.first.pod}/${group.first.container}${group.pods.size > 1 ? ` (+${group.pods.size - 1} pods)` : ''}`;
  const lines = [`x${group.count}  ${when}  ${where}  ${cut(group.text)}`];
  if (group.first.before !== undefined) lines.push(`    before: ${cut(group.first.before)}`);
  return lines.join('\n');
}

/** Second precision is enough to line messages up; the nanoseconds only cost tokens. */
function shortTime(time: string): string {
  return time ? `${time.slice(0, 19)}Z` : '(no time)';
}

function cut(text: string): string {
  const chars = Array.from(text);
  return chars.length > maxMessageChars ? `${chars.slice(0, maxMessageChars).join('')}…` : text;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
