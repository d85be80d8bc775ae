/**
 * The candidate nearest to a mistyped name (edit distance), or undefined when none is near
 * enough to be a plausible typo: a wrong suggestion costs more than none.
 */
export function closestName(name: string, candidates: readonly string[]): string | undefined {
  // A name cut short (`list_pod` for list_pods_from_namespace) is far by edits but obvious.
  const lower = name.toLowerCase();
  // `name` for deployment_name: one whole word of the real name.
  const word = candidates.find((candidate) => candidate.toLowerCase().split('_').includes(lower));
  if (word) return word;
  const extending = candidates
    .filter((candidate) => lower.length >= 3 && candidate.toLowerCase().startsWith(lower))
    .sort((a, b) => a.length - b.length)[0];
  if (extending) return extending;
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of candidates) {
    const distance = editDistance(name.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return bestDistance <= Math.max(2, Math.floor(name.length / 3)) ? best : undefined;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}
