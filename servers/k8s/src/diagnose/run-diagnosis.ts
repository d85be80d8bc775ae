import type { Logger } from '@sre-agent/shared';
import { analyzers as defaultAnalyzers } from './analyzers.js';
import type { Finding } from './finding.js';
import { rankFindings } from './rank.js';
import type { Analyzer, ClusterSnapshot } from './snapshot.js';

/**
 * Every analyzer over the snapshot, then ranking. One analyzer that throws (a bug, an object
 * shape nobody expected) costs its own findings, named in `unreadable`, not the whole diagnosis.
 */
export function diagnose(
  snapshot: ClusterSnapshot,
  now: Date,
  logger?: Logger,
  analyzers: readonly Analyzer[] = defaultAnalyzers,
): Finding[] {
  const findings: Finding[] = [];
  for (const analyzer of analyzers) {
    try {
      findings.push(...analyzer.analyze(snapshot, now));
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      logger?.error('diagnose analyzer failed', { analyzer: analyzer.name, error: message });
      snapshot.unreadable.push(`analyzer ${analyzer.name}: failed (${message.slice(0, 120)})`);
    }
  }
  return inNamespace(rankFindings(findings, snapshot), snapshot);
}

/**
 * A namespace's diagnosis keeps cluster-scoped findings only where they touch it: nodes that
 * run its pods, volumes bound to its claims, and whatever explains one of its findings.
 */
function inNamespace(findings: Finding[], snapshot: ClusterSnapshot): Finding[] {
  const namespace = snapshot.namespace;
  if (!namespace) return findings;
  const nodes = new Set(snapshot.pods.map((pod) => pod.spec?.nodeName).filter(Boolean));
  const volumes = new Set(
    snapshot.pvs.filter((pv) => pv.spec?.claimRef?.namespace === namespace).map((pv) => pv.metadata?.name),
  );
  const roots = new Set(
    findings.flatMap((finding) =>
      (finding.explainedBy ?? []).map((root) => `${root.object.kind}/${root.object.name}`),
    ),
  );
  return findings.filter((finding) => {
    const { kind, name } = finding.object;
    if (finding.object.namespace !== undefined) return finding.object.namespace === namespace;
    if (roots.has(`${kind}/${name}`)) return true;
    if (kind === 'Node') return nodes.has(name);
    if (kind === 'PersistentVolume') return volumes.has(name);
    return true;
  });
}
