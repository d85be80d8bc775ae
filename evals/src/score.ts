/** Scores diagnose findings against a task's root cause: the rank of the first finding that names it. */
import type { ObjectRefSpec, RootCause } from './task.ts';

/** The fields of a diagnose finding the evals read (servers/k8s/src/diagnose/finding.ts). */
export interface FindingLike {
  object?: { kind?: string; namespace?: string; name?: string };
  cause?: string;
  summary?: string;
}

const same = (a: string | undefined, b: string | undefined) =>
  (a ?? '').toLowerCase() === (b ?? '').toLowerCase();

export function sameObject(found: FindingLike['object'], want: ObjectRefSpec): boolean {
  if (!found) return false;
  return (
    same(found.kind, want.kind) &&
    same(found.name, want.name) &&
    (want.namespace === undefined || same(found.namespace, want.namespace))
  );
}

export interface RankResult {
  /** 1-based rank of the first finding with the right object and an accepted cause. */
  rank: number | undefined;
  /** 1-based rank of the first finding on a right object, whatever its cause (to tell a wrong code from a miss). */
  objectRank: number | undefined;
  /** What the top finding said, for the report. */
  top: string | undefined;
}

export function rankRootCause(findings: FindingLike[], causes: RootCause[]): RankResult {
  let rank: number | undefined;
  let objectRank: number | undefined;
  findings.forEach((f, i) => {
    for (const want of causes) {
      if (!sameObject(f.object, want.object)) continue;
      objectRank ??= i + 1;
      if (rank === undefined && want.cause.some((c) => same(c, f.cause))) rank = i + 1;
    }
  });
  const first = findings[0];
  const top = first ? `${first.object?.kind}/${first.object?.name} ${first.cause}` : undefined;
  return { rank, objectRank, top };
}

/** The words of `words` that `text` does not contain (case-insensitive); `a|b` is satisfied by either. */
export function missingWords(text: string, words: string[]): string[] {
  const lower = text.toLowerCase();
  return words.filter((w) => !w.split('|').some((alt) => lower.includes(alt.toLowerCase())));
}

/** Tokens as bytes/4: a stable, model-independent stand-in for a tokenizer. */
export const approxTokens = (text: string): number => Math.ceil(Buffer.byteLength(text, 'utf8') / 4);

/** Findings from a diagnose JSON result: `{findings: [...]}`, or per-context results with findings. */
export function findingsOf(json: string): FindingLike[] {
  if (!json) return [];
  const parsed = JSON.parse(json) as Record<string, unknown>;
  if (Array.isArray(parsed.findings)) return parsed.findings as FindingLike[];
  if (Array.isArray(parsed.results)) {
    return (parsed.results as Record<string, unknown>[]).flatMap((r) =>
      Array.isArray(r.findings) ? (r.findings as FindingLike[]) : [],
    );
  }
  return [];
}
