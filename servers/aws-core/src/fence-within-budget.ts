import { byteLength, fenceUntrusted, fitToBudget } from '@sre-agent/shared';

// The fence's own lines (tags and the warning sentence) take about this many bytes.
const FENCE_OVERHEAD = 260;

/**
 * Fences cloud-supplied text (tag values, health messages) and fits it to the budget first, so
 * a cut never drops the closing tag: the truncation notice goes after the fence, not inside it.
 */
export function fenceWithinBudget(
  source: string,
  text: string,
  budgetBytes: number,
  moreHint: string,
): string {
  const room = Math.max(512, budgetBytes - FENCE_OVERHEAD - byteLength(source));
  const fitted = fitToBudget(text, room, moreHint);
  if (!fitted.truncated) return fenceUntrusted(source, text);
  const lines = fitted.text.split('\n');
  const notice = lines.pop() ?? '';
  return `${fenceUntrusted(source, lines.join('\n'))}\n${notice}`;
}
