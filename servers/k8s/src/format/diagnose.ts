import { byteLength, fenceUntrusted } from '@sre-agent/shared';
import { type Finding, formatRef } from '../diagnose/finding.js';
import type { ClusterSnapshot } from '../diagnose/snapshot.js';

export interface DiagnosisView {
  /** `namespace "payments"`, `all namespaces`, `Deployment payments/ledger`. */
  scope: string;
  snapshot: ClusterSnapshot;
  findings: readonly Finding[];
  budgetBytes: number;
  /** What to call to see the findings past the budget. */
  more: string;
}

const plural = (count: number, noun: string) => `${count} ${noun}${count === 1 ? '' : 's'}`;
/** Room kept at the end for the "N more findings" line. */
const tailReserve = 400;

/** Ranked findings, each with its evidence fenced, cut by whole findings to the budget. */
export function formatDiagnosisText(view: DiagnosisView): string {
  const { findings } = view;
  const header = headerLines(view);
  if (findings.length === 0) {
    return [...header, '', 'No problems found by the analyzers.'].join('\n');
  }
  const out = [...header];
  let used = byteLength(out.join('\n'));
  let shown = 0;
  for (const [position, finding] of findings.entries()) {
    const block = ['', ...findingBlock(position + 1, finding)].join('\n');
    if (used + byteLength(block) > view.budgetBytes - tailReserve && shown > 0) break;
    out.push(block);
    used += byteLength(block) + 1;
    shown++;
  }
  const rest = findings.slice(shown);
  if (rest.length > 0) {
    const counts = new Map<string, number>();
    for (const finding of rest) counts.set(finding.cause, (counts.get(finding.cause) ?? 0) + 1);
    const byCause = [...counts].map(([cause, count]) => `${count} ${cause}`).join(', ');
    out.push('', `${plural(rest.length, 'more finding')} not shown (${byCause}). ${view.more}`);
  }
  return out.join('\n');
}

function headerLines(view: DiagnosisView): string[] {
  const { snapshot, findings } = view;
  const bySeverity = (['critical', 'warning', 'info'] as const)
    .map(
      (severity) => [severity, findings.filter((finding) => finding.severity === severity).length] as const,
    )
    .filter(([, count]) => count > 0)
    .map(([severity, count]) => `${count} ${severity}`);
  const read = [
    plural(snapshot.pods.length, 'pod'),
    plural(snapshot.nodes.length, 'node'),
    plural(snapshot.events.length, 'recent event'),
    snapshot.podUsage ? 'metrics' : 'no metrics (metrics-server not installed)',
  ].join(', ');
  const lines = [
    `Diagnosis of ${view.scope} (context "${snapshot.context}"): ${plural(findings.length, 'finding')}${bySeverity.length > 0 ? ` (${bySeverity.join(', ')})` : ''}, root causes first. Read ${read}.`,
  ];
  if (snapshot.unreadable.length > 0)
    lines.push(`Could not read: ${snapshot.unreadable.join('; ')}. Findings there may be missing.`);
  return lines;
}

function findingBlock(position: number, finding: Finding): string[] {
  const cause = finding.detail ? `${finding.cause} (${finding.detail})` : finding.cause;
  const lines = [
    `${position}. [${finding.severity}] ${formatRef(finding.object)}: ${cause}`,
    `   ${finding.summary}`,
  ];
  // A symptom whose cause is listed too needs no evidence of its own: say what explains it.
  if (finding.explainedBy?.length) {
    const roots = finding.explainedBy.map((root) => `${formatRef(root.object)} ${root.cause}`);
    return [...lines, `   Explained by: ${roots.join('; ')}`];
  }
  const pods = (finding.related ?? []).filter((ref) => ref.kind === 'Pod').map((ref) => ref.name);
  const others = (finding.related ?? []).filter((ref) => ref.kind !== 'Pod');
  if (pods.length > 0) lines.push(`   Pods: ${pods.join(', ')}`);
  if (others.length > 0) lines.push(`   Related: ${others.map(formatRef).join(', ')}`);
  lines.push(`   Next: ${finding.next}`);
  if (finding.evidence.length > 0)
    lines.push(fenceUntrusted('cluster status, events and logs', finding.evidence.join('\n')));
  return lines;
}

export interface DiagnosisJson {
  context: string;
  namespace: string | null;
  findings: Finding[];
  unreadable: string[];
  /** Findings left out to fit the budget, counted by cause. */
  omitted?: Record<string, number>;
}

/** The JSON answer, with as many ranked findings as fit (the rest counted by cause). */
export function fitDiagnosisJson(
  snapshot: ClusterSnapshot,
  findings: readonly Finding[],
  budgetBytes: number,
): DiagnosisJson {
  const build = (count: number): DiagnosisJson => {
    const rest = findings.slice(count);
    const omitted: Record<string, number> = {};
    for (const finding of rest) omitted[finding.cause] = (omitted[finding.cause] ?? 0) + 1;
    return {
      context: snapshot.context,
      namespace: snapshot.namespace ?? null,
      findings: findings.slice(0, count),
      unreadable: snapshot.unreadable,
      ...(rest.length > 0 ? { omitted } : {}),
    };
  };
  const size = (count: number) => byteLength(JSON.stringify(build(count), null, 1));
  let low = 0;
  let high = findings.length;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (size(middle) <= budgetBytes) low = middle;
    else high = middle - 1;
  }
  return build(low);
}
