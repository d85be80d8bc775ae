// A long conversation (a Slack thread that goes on for days) would in time outgrow the model's context,
// and every step resends all of it. So the contents sent are cut to a budget of serialized characters,
// keeping the newest turns. The cut always lands on a user's message: Gemini wants the history to start
// with a user turn, and a function call is only ever followed by its response turn, so cutting before a
// user message never parts a call from its response.
import type { Content } from '../adk/types.js';
import { forContext } from './contents.js';

/**
 * `SRE_HISTORY_MAX_CHARS`' default: about 200k tokens of JSON, a fifth of a Flash model's 1M-token
 * window, which leaves room for the tool declarations and the answer and keeps each step's cost bounded.
 */
export const defaultHistoryMaxChars = 800_000;

export interface FittedHistory {
  contents: Content[];
  /** How many contents were left out; 0 when everything fitted. */
  omitted: number;
}

/** The newest contents whose JSON (`JSON.stringify(contents)`) fits in `maxChars`, cut as described above. */
export function fitHistory(contents: Content[], maxChars: number): FittedHistory {
  const sizes = contents.map((content) => JSON.stringify(content).length);
  // Array brackets plus one comma between items, so the sum is exactly the serialized length.
  const sizeOf = (indexes: number[]) =>
    indexes.reduce((sum, index) => sum + (sizes[index] ?? 0), 1 + Math.max(indexes.length, 1));
  const all = contents.map((_, index) => index);
  if (sizeOf(all) <= maxChars) return { contents, omitted: 0 };
  const starts = all.filter((index) => isUserMessage(contents[index]!));
  const last = starts.at(-1);
  if (last === undefined) return { contents, omitted: 0 };
  const fits = starts.find((start) => start > 0 && sizeOf(all.slice(start)) <= maxChars);
  const kept = fits !== undefined ? all.slice(fits) : withinTurn(all.slice(last), contents, sizeOf, maxChars);
  return { contents: kept.map((index) => contents[index]!), omitted: contents.length - kept.length };
}

/**
 * The current turn alone is over budget (many large tool results in one turn): keep its user message
 * and its newest steps, a step being a model turn with the response turn that answers it.
 */
function withinTurn(
  turn: number[],
  contents: Content[],
  sizeOf: (indexes: number[]) => number,
  maxChars: number,
): number[] {
  const [message, ...rest] = turn as [number, ...number[]];
  const stepStarts = rest.filter((index) => contents[index]?.role === 'model');
  for (const start of stepStarts) {
    const kept = [message, ...rest.filter((index) => index >= start)];
    if (sizeOf(kept) <= maxChars) return kept;
  }
  // Nothing smaller is valid: the question and the latest step must reach the model.
  const lastStep = stepStarts.at(-1);
  return lastStep === undefined ? turn : [message, ...rest.filter((index) => index >= lastStep)];
}

/**
 * A message from the human, as opposed to a turn carrying tool results or another agent's turn shown as
 * context (both role `user` too): cutting there would keep an agent's findings without the question.
 */
function isUserMessage(content: Content): boolean {
  return (
    content.role === 'user' &&
    !content.parts.some((part) => part.functionResponse) &&
    content.parts[0]?.text !== forContext
  );
}

/** The line the system instruction gains when history was left out, so the model knows it is partial. */
export function omittedHistoryNote(omitted: number): string {
  return (
    `Earlier parts of this conversation (${omitted} turns) were left out to fit your context. ` +
    'If the answer depends on them, say so and ask the user to restate what matters.'
  );
}
