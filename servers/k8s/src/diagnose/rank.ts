import { causes, defaultRank } from './causes.js';
import { type Finding, type ObjectRef, refKey, type Severity } from './finding.js';
import type { ClusterSnapshot } from './snapshot.js';
import { indexSnapshot } from './snapshot-index.js';

const severityOrder: Record<Severity, number> = { critical: 3, warning: 2, info: 1 };
/** Kinds other objects depend on: a finding about one explains findings that list it in `related`. */
const dependencyKinds = new Set([
  'Node',
  'PersistentVolumeClaim',
  'PersistentVolume',
  'Secret',
  'ConfigMap',
  'Service',
]);
const isPodCause = (cause: string) => cause in causes;
/** Pod problems a sick node can produce; a missing Secret or a bad image it cannot. */
const nodeSymptoms = new Set([
  'CrashLoopBackOff',
  'ReadinessProbeFailing',
  'LivenessProbeFailing',
  'StartupProbeFailing',
  'Evicted',
  'StuckTerminating',
  'UntoleratedTaint',
]);

/**
 * Dedupes, links each symptom to the finding that explains it, lifts causes above their
 * symptoms, and sorts: severity, unexplained before explained, rank, breadth, name.
 */
export function rankFindings(input: readonly Finding[], snapshot: ClusterSnapshot): Finding[] {
  const findings = dedupe(input).map((finding) => ({
    ...finding,
    rank: finding.rank ?? defaultRank(finding.cause),
  }));
  const links = findLinks(findings, snapshot);
  for (const [symptom, roots] of links) {
    symptom.explainedBy = roots.map((root) => ({ object: root.object, cause: root.cause }));
    for (const root of roots) addRelated(root, symptom.object);
  }
  // A cause is at least as severe as, and ranked above, what it explains (chains are short).
  for (let pass = 0; pass < 4; pass++) {
    for (const [symptom, roots] of links) {
      for (const root of roots) {
        if (severityOrder[symptom.severity] > severityOrder[root.severity]) root.severity = symptom.severity;
        if ((root.rank ?? 0) <= (symptom.rank ?? 0)) root.rank = (symptom.rank ?? 0) + 1;
      }
    }
  }
  return findings.sort(compare);
}

function compare(a: Finding, b: Finding): number {
  return (
    severityOrder[b.severity] - severityOrder[a.severity] ||
    Number(a.explainedBy !== undefined) - Number(b.explainedBy !== undefined) ||
    (b.rank ?? 0) - (a.rank ?? 0) ||
    (b.related?.length ?? 0) - (a.related?.length ?? 0) ||
    refKey(a.object).localeCompare(refKey(b.object))
  );
}

function dedupe(input: readonly Finding[]): Finding[] {
  const byKey = new Map<string, Finding>();
  for (const finding of input) {
    const key = `${refKey(finding.object)}|${finding.cause}`;
    const seen = byKey.get(key);
    if (!seen) {
      byKey.set(key, {
        ...finding,
        evidence: [...finding.evidence],
        ...(finding.related ? { related: [...finding.related] } : {}),
      });
      continue;
    }
    if (severityOrder[finding.severity] > severityOrder[seen.severity]) seen.severity = finding.severity;
    seen.rank = Math.max(seen.rank ?? 0, finding.rank ?? 0) || undefined;
    seen.evidence = [...new Set([...seen.evidence, ...finding.evidence])].slice(0, 8);
    for (const ref of finding.related ?? []) addRelated(seen, ref);
  }
  return [...byKey.values()];
}

function addRelated(finding: Finding, ref: ObjectRef): void {
  const key = refKey(ref);
  if (key === refKey(finding.object) || finding.related?.some((item) => refKey(item) === key)) return;
  finding.related = [...(finding.related ?? []), ref];
}

/** symptom -> the findings that explain it. */
function findLinks(findings: Finding[], snapshot: ClusterSnapshot): Map<Finding, Finding[]> {
  const links = new Map<Finding, Finding[]>();
  const link = (root: Finding, symptom: Finding) => {
    if (root === symptom) return;
    const roots = links.get(symptom) ?? [];
    if (!roots.includes(root)) links.set(symptom, [...roots, root]);
  };
  const byObject = new Map<string, Finding[]>();
  for (const finding of findings) {
    const key = refKey(finding.object);
    byObject.set(key, [...(byObject.get(key) ?? []), finding]);
  }
  for (const symptom of findings) {
    // Same object: a pod-level cause explains the workload's state; among pod causes, the higher rank.
    for (const other of byObject.get(refKey(symptom.object)) ?? []) {
      // Except a stuck rollout: the change it names is what made the pods fail, and its fix (roll
      // back) must stay visible rather than fold under the pods' cause.
      const podOverWorkload =
        isPodCause(other.cause) && !isPodCause(symptom.cause) && symptom.cause !== 'RolloutStuck';
      const sameKind = isPodCause(other.cause) === isPodCause(symptom.cause);
      // Two pod causes on one workload are linked only through a pod they share.
      const together = !isPodCause(symptom.cause) || sharePod(other, symptom);
      if (podOverWorkload || (sameKind && together && (other.rank ?? 0) > (symptom.rank ?? 0)))
        link(other, symptom);
    }
    // A problem on something this finding depends on (its node, claim, Secret, backend Service).
    for (const ref of symptom.related ?? []) {
      if (!dependencyKinds.has(ref.kind)) continue;
      for (const root of byObject.get(refKey(ref)) ?? []) link(root, symptom);
    }
  }
  linkServicesToWorkloads(findings, byObject, snapshot, link);
  linkPodsToNodes(findings, snapshot, link);
  return links;
}

/** A Service finding is explained by findings on the workloads whose pods it selects. */
function linkServicesToWorkloads(
  findings: Finding[],
  byObject: Map<string, Finding[]>,
  snapshot: ClusterSnapshot,
  link: (root: Finding, symptom: Finding) => void,
): void {
  const index = indexSnapshot(snapshot);
  for (const symptom of findings) {
    if (symptom.object.kind !== 'Service') continue;
    const service = snapshot.services.find(
      (item) =>
        item.metadata?.namespace === symptom.object.namespace && item.metadata?.name === symptom.object.name,
    );
    const selector = Object.entries(service?.spec?.selector ?? {});
    if (selector.length === 0) continue;
    const owners = new Set<string>();
    for (const pod of snapshot.pods) {
      if (pod.metadata?.namespace !== symptom.object.namespace) continue;
      const labels = pod.metadata?.labels ?? {};
      if (selector.every(([key, value]) => labels[key] === value)) owners.add(refKey(index.topOwner(pod)));
    }
    for (const owner of owners) {
      // The pod-level causes, when there are any: the workload's own state is their symptom too.
      const onOwner = byObject.get(owner) ?? [];
      const podLevel = onOwner.filter((root) => isPodCause(root.cause));
      for (const root of podLevel.length > 0 ? podLevel : onOwner) link(root, symptom);
    }
  }
}

/** A Node finding explains pod findings whose pods run on it, and pods kept Pending by broken nodes' taints. */
function linkPodsToNodes(
  findings: Finding[],
  snapshot: ClusterSnapshot,
  link: (root: Finding, symptom: Finding) => void,
): void {
  const nodeFindings = findings.filter((finding) => finding.object.kind === 'Node');
  if (nodeFindings.length === 0) return;
  const podNode = new Map(
    snapshot.pods.map(
      (pod) => [`${pod.metadata?.namespace}/${pod.metadata?.name}`, pod.spec?.nodeName] as const,
    ),
  );
  for (const symptom of findings) {
    if (!nodeSymptoms.has(symptom.cause)) continue;
    const nodes = new Set(
      (symptom.related ?? [])
        .filter((ref) => ref.kind === 'Pod')
        .map((ref) => podNode.get(`${ref.namespace}/${ref.name}`))
        .filter(Boolean),
    );
    const brokenTaint =
      symptom.cause === 'UntoleratedTaint' &&
      symptom.evidence.some((line) => /node\.kubernetes\.io\/(not-ready|unreachable)/.test(line));
    // Only when every affected pod is on a node with a finding: one bad node does not explain a fleet.
    const allOnBadNodes =
      nodes.size > 0 && [...nodes].every((name) => nodeFindings.some((root) => root.object.name === name));
    for (const root of nodeFindings) {
      if (brokenTaint || (allOnBadNodes && nodes.has(root.object.name))) link(root, symptom);
    }
  }
}

function sharePod(a: Finding, b: Finding): boolean {
  const pods = new Set((a.related ?? []).filter((ref) => ref.kind === 'Pod').map(refKey));
  return (b.related ?? []).some((ref) => ref.kind === 'Pod' && pods.has(refKey(ref)));
}
