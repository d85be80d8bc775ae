import { closestNames } from '../suggest.js';
import { labelsText, matchesLabels } from './object-helpers.js';
import type { PodLike } from './snapshot-index.js';

export interface SelectorHint {
  /** A selector close to the given one that does match pods (`app=checkout`), when there is one. */
  suggestion?: string;
  suggestionPods: number;
  /** The pod whose labels come closest, for the evidence. */
  evidence: string[];
}

/**
 * What a selector that matches nothing was probably meant to be: each key/value the pods do not
 * carry is replaced by the closest one they do (`app=chekout` -> `app=checkout`, `ap=web` -> `app=web`).
 * Label keys and values pass the API server's syntax check, so they are safe in a summary.
 */
export function nearestLabels(selector: Record<string, string>, pods: readonly PodLike[]): SelectorHint {
  const values = new Map<string, Set<string>>();
  for (const pod of pods) {
    for (const [key, value] of Object.entries(pod.metadata?.labels ?? {})) {
      const seen = values.get(key);
      if (seen) seen.add(value);
      else values.set(key, new Set([value]));
    }
  }
  const guess: Record<string, string> = {};
  for (const [key, value] of Object.entries(selector)) {
    const realKey = values.has(key) ? key : closestNames(key, [...values.keys()], 1)[0];
    const known = realKey === undefined ? undefined : values.get(realKey);
    const realValue = known?.has(value) ? value : closestNames(value, [...(known ?? [])], 1)[0];
    if (realKey === undefined || realValue === undefined) {
      return { suggestionPods: 0, evidence: nearestPod(selector, pods, {}) };
    }
    guess[realKey] = realValue;
  }
  const suggestionPods = pods.filter((pod) => matchesLabels(pod.metadata?.labels, guess)).length;
  return suggestionPods > 0
    ? { suggestion: labelsText(guess), suggestionPods, evidence: nearestPod(selector, pods, guess) }
    : { suggestionPods: 0, evidence: nearestPod(selector, pods, {}) };
}

/** The pod sharing the most key=value pairs with the selector (then the guess), its labels shown. */
function nearestPod(
  selector: Record<string, string>,
  pods: readonly PodLike[],
  guess: Record<string, string>,
): string[] {
  let best: PodLike | undefined;
  let bestScore = -1;
  for (const pod of pods) {
    const labels = pod.metadata?.labels ?? {};
    const exact = Object.entries(selector).filter(([key, value]) => labels[key] === value).length;
    const score = exact * 2 + (Object.keys(guess).length && matchesLabels(labels, guess) ? 1 : 0);
    if (score > bestScore) [best, bestScore] = [pod, score];
  }
  if (!best) return ['no running pod in the namespace'];
  const labels = Object.entries(best.metadata?.labels ?? {}).slice(0, 8);
  return [`closest pod ${best.metadata?.name ?? '?'} has labels ${labelsText(Object.fromEntries(labels))}`];
}
