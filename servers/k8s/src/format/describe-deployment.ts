import type { CoreV1Event, V1Deployment, V1Pod, V1ReplicaSet } from '@kubernetes/client-node';
import { formatAge, renderTable } from '@sre-agent/shared';
import { deploymentHealth } from '../health/deployment-health.js';
import { podProblemFindings } from '../health/pods-summary.js';
import { describeContainer, type UntrustedNotes } from './describe-containers.js';
import { describeConditions, finishDetails, formatLabels } from './describe-pod.js';
import { podHeaders, podRow } from './pods.js';

export interface DeploymentDetailsInput {
  deployment: V1Deployment;
  /** ReplicaSets the deployment owns. */
  replicaSets: readonly V1ReplicaSet[];
  /** Pods its selector matches. */
  pods: readonly V1Pod[];
  events: readonly CoreV1Event[];
  now: Date;
  budgetBytes: number;
}

const revisionKey = 'deployment.kubernetes.io/revision';
const maxPodRows = 20;

/** `kubectl describe deployment`, plus its ReplicaSets and a pod summary, health verdict first. */
export function formatDeploymentDetails(input: DeploymentDetailsInput): string {
  const { deployment, now } = input;
  const notes: UntrustedNotes = [];
  const name = `${deployment.metadata?.namespace}/${deployment.metadata?.name}`;
  const health = deploymentHealth(deployment, podProblemFindings(input.pods, now));
  const lines = [
    `Deployment ${name}`,
    `Health: ${health.verdict}: ${health.reasons.join('; ')}`,
    ...summaryLines(deployment, now),
    `Conditions: ${describeConditions(deployment.status?.conditions, notes, 'deployment condition')}`,
    ...replicaSetLines(input.replicaSets, now),
    ...podLines(input.pods, now),
    'Pod template:',
    ...(deployment.spec?.template?.spec?.initContainers ?? []).flatMap((spec) =>
      describeContainer({ spec, status: undefined, init: true, template: true }, now, notes),
    ),
    ...(deployment.spec?.template?.spec?.containers ?? []).flatMap((spec) =>
      describeContainer({ spec, status: undefined, init: false, template: true }, now, notes),
    ),
  ];
  return finishDetails(lines, notes, input.events, {
    now,
    budgetBytes: input.budgetBytes,
    source: `deployment ${name}`,
  });
}

function summaryLines(deployment: V1Deployment, now: Date): string[] {
  const spec = deployment.spec;
  const status = deployment.status ?? {};
  const desired = spec?.replicas ?? 1;
  const strategy = spec?.strategy;
  const rolling = strategy?.rollingUpdate;
  const strategyText =
    strategy?.type === 'Recreate'
      ? 'Recreate (all old pods stop before new ones start)'
      : `RollingUpdate (maxSurge ${rolling?.maxSurge ?? '25%'}, maxUnavailable ${rolling?.maxUnavailable ?? '25%'})`;
  const selector = spec?.selector;
  const expressions = (selector?.matchExpressions ?? []).map(
    (item) => `${item.key} ${item.operator} (${(item.values ?? []).join(',')})`,
  );
  return [
    `Replicas: ${desired} desired, ${status.updatedReplicas ?? 0} updated, ${status.readyReplicas ?? 0} ready, ${status.availableReplicas ?? 0} available, ${status.unavailableReplicas ?? 0} unavailable`,
    `Strategy: ${strategyText}; minReadySeconds ${spec?.minReadySeconds ?? 0}, progress deadline ${spec?.progressDeadlineSeconds ?? 600}s${spec?.paused ? '; PAUSED' : ''}`,
    `Selector: ${[formatLabels(selector?.matchLabels), ...expressions].join(', ')}`,
    `Revision: ${deployment.metadata?.annotations?.[revisionKey] ?? '?'}   Age: ${formatAge(deployment.metadata?.creationTimestamp, now)}   Generation: ${deployment.metadata?.generation ?? '?'} (observed ${status.observedGeneration ?? '?'})`,
  ];
}

function replicaSetLines(replicaSets: readonly V1ReplicaSet[], now: Date): string[] {
  if (replicaSets.length === 0) return ['ReplicaSets: none found'];
  const revision = (set: V1ReplicaSet) => Number(set.metadata?.annotations?.[revisionKey] ?? 0);
  const sorted = [...replicaSets].sort((a, b) => revision(b) - revision(a));
  // Old revisions scaled to 0 are rollback history; the live ones are what matters now.
  const live = sorted.filter((set, index) => index === 0 || (set.spec?.replicas ?? 0) > 0);
  const rows = live.map((set) => [
    set.metadata?.name ?? '?',
    String(revision(set) || '?'),
    String(set.spec?.replicas ?? 0),
    String(set.status?.readyReplicas ?? 0),
    formatAge(set.metadata?.creationTimestamp, now),
  ]);
  const old = sorted.length - live.length;
  const history = old > 0 ? ` (+${old} old revision(s) at 0 replicas)` : '';
  return [
    `ReplicaSets (newest first${history}):`,
    indent(renderTable(['NAME', 'REVISION', 'DESIRED', 'READY', 'AGE'], rows)),
  ];
}

function podLines(pods: readonly V1Pod[], now: Date): string[] {
  if (pods.length === 0) return ['Pods: none match the selector'];
  const rows = pods.map((pod) => podRow(pod, now)).sort((a, b) => (a.severity ?? 9) - (b.severity ?? 9));
  const byStatus = new Map<string, number>();
  for (const row of rows) byStatus.set(row.status, (byStatus.get(row.status) ?? 0) + 1);
  const counts = [...byStatus].map(([status, count]) => `${count} ${status}`).join(', ');
  const shown = rows.slice(0, maxPodRows);
  const more =
    rows.length > shown.length
      ? ` (problems first, ${shown.length} shown; list_pods_from_namespace with label_selector for all)`
      : '';
  return [
    `Pods: ${pods.length} (${counts})${more}`,
    indent(
      renderTable(
        podHeaders,
        shown.map((row) => row.cells),
      ),
    ),
  ];
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((line) => `  ${line}`)
    .join('\n');
}
