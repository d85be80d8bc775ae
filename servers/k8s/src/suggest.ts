/** Up to `max` candidates closest to `target` by edit distance, for "did you mean" hints. */
export function closestNames(target: string, candidates: readonly string[], max = 3): string[] {
  const threshold = Math.max(2, Math.floor(target.length / 3));
  return candidates
    .map((candidate) => ({ candidate, distance: editDistance(target, candidate) }))
    .filter(
      ({ candidate, distance }) =>
        distance <= threshold || candidate.includes(target) || target.includes(candidate),
    )
    .sort((a, b) => a.distance - b.distance)
    .slice(0, max)
    .map(({ candidate }) => candidate);
}

export function didYouMean(target: string, candidates: readonly string[]): string {
  const close = closestNames(target, candidates);
  return close.length > 0 ? `Did you mean ${close.map((name) => `"${name}"`).join(' or ')}?` : '';
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}
