import type { V1Deployment } from '@kubernetes/client-node';
import type { Wire } from '../../kube-client.js';
import type { Finding } from '../finding.js';
import { conditionLine, graceMs, msSince, refOf } from '../object-helpers.js';
import { imageChanges, isShort, type Revision, rolloutOf } from '../rollout-revisions.js';
import type { Analyzer, ClusterSnapshot } from '../snapshot.js';
import { evidenceLine, indexSnapshot, word } from '../snapshot-index.js';

type DeploymentLike = Wire<V1Deployment>;

/**
 * One finding per Deployment, the most specific that holds: a rollout stuck on its new
 * ReplicaSet (the change to undo), else ProgressDeadlineExceeded, else replicas unavailable for
 * longer than a grace period. A rollout still moving, or scaled to zero, is not a finding.
 */
export const deploymentsAnalyzer: Analyzer = {
  name: 'deployments',
  analyze(snapshot, now) {
    return snapshot.deployments.flatMap((deployment) => analyzeOne(snapshot, deployment, now));
  },
};

function analyzeOne(snapshot: ClusterSnapshot, deployment: DeploymentLike, now: Date): Finding[] {
  const desired = deployment.spec?.replicas ?? 1;
  const status = deployment.status;
  if (desired === 0 || !status) return [];
  const object = refOf('Deployment', deployment);
  const progressing = status.conditions?.find((item) => item.type === 'Progressing');
  const available = status.conditions?.find((item) => item.type === 'Available');
  const unavailable = status.unavailableReplicas ?? Math.max(0, desired - (status.availableReplicas ?? 0));
  const deadline = progressing?.status === 'False' && progressing.reason === 'ProgressDeadlineExceeded';
  // No progress lately, or unavailable for long: either way past the moment a rollout is just moving.
  const stale =
    (available?.status === 'False' && (msSince(available.lastTransitionTime, now) ?? 0) > graceMs) ||
    (msSince(progressing?.lastUpdateTime, now) ?? 0) > graceMs;
  const counts = `replicas: ${desired} desired, ${status.updatedReplicas ?? 0} updated, ${status.availableReplicas ?? 0} available, ${unavailable} unavailable`;
  const evidence = [counts];
  // ReplicaFailure: the ReplicaSet cannot create pods at all (quota, admission webhook, PSA).
  const failure = status.conditions?.find((item) => item.type === 'ReplicaFailure' && item.status === 'True');
  for (const condition of [progressing, available]) {
    if (condition && condition.status !== 'True') evidence.push(evidenceLine(conditionLine(condition)));
  }
  if (failure) evidence.push(evidenceLine(conditionLine(failure)));
  const findings: Finding[] = [];
  const rollout = rolloutOf(snapshot, deployment);
  // Once the new ReplicaSet was fully available, later unavailability is not that rollout's fault.
  const rolling = progressing?.reason !== 'NewReplicaSetAvailable';
  if (
    (deadline || (unavailable > 0 && stale)) &&
    rolling &&
    rollout?.previous &&
    isShort(rollout.current.replicaSet)
  ) {
    findings.push(stuckRollout(snapshot, object, rollout.current, rollout.previous, evidence));
  } else if (deadline) {
    findings.push({
      severity: 'critical',
      object,
      cause: 'ProgressDeadlineExceeded',
      summary: `rollout of ${object.name} made no progress within its deadline (${status.availableReplicas ?? 0}/${desired} available).`,
      evidence,
      next: `get_deployment_details namespace=${object.namespace} deployment_name=${object.name} (its pods' errors); kubectl rollout status deployment/${object.name} -n ${object.namespace}`,
    });
  } else if (unavailable > 0 && stale && !deployment.spec?.paused) {
    const none = (status.availableReplicas ?? 0) === 0;
    findings.push({
      severity: none ? 'critical' : 'warning',
      object,
      cause: 'DeploymentUnavailable',
      summary: `${unavailable} of ${desired} replicas unavailable${none ? ': nothing is serving' : ''}.`,
      evidence,
      next: `get_deployment_details namespace=${object.namespace} deployment_name=${object.name} (why its pods are not ready)`,
    });
  }
  if (deployment.spec?.paused && (status.updatedReplicas ?? 0) < desired) {
    findings.push({
      severity: 'info',
      object,
      cause: 'DeploymentPaused',
      summary: `rollout paused with ${status.updatedReplicas ?? 0} of ${desired} replicas updated.`,
      evidence: [counts, 'spec.paused=true'],
      next: `kubectl rollout resume deployment/${object.name} -n ${object.namespace} (when the pause is not deliberate)`,
    });
  }
  return findings;
}

function stuckRollout(
  snapshot: ClusterSnapshot,
  object: Finding['object'],
  current: Revision,
  previous: Revision,
  evidence: string[],
): Finding {
  const changes = imageChanges(previous.replicaSet, current.replicaSet);
  const what = changes.length
    ? changes
        .map(
          ({ container, from, to }) =>
            `${word(container)} image ${from ? `${word(from, 200)} -> ` : ''}${word(to, 200)}`,
        )
        .join('; ')
    : 'its pod template but no image';
  const set = current.replicaSet;
  const events = indexSnapshot(snapshot)
    .eventsFor('ReplicaSet', object.namespace, current.name)
    .filter((event) => event.type === 'Warning')
    .slice(0, 2)
    .map((event) => evidenceLine(`event ${event.reason ?? ''}: ${event.message ?? ''}`));
  return {
    severity: 'critical',
    object,
    cause: 'RolloutStuck',
    summary: `rollout stuck on revision ${current.revision} (ReplicaSet ${current.name}, ${set.status?.availableReplicas ?? 0}/${set.spec?.replicas ?? 0} available); it changed ${what} vs revision ${previous.revision}.`,
    evidence: [
      ...evidence,
      ...changes.map(({ container, from, to }) =>
        evidenceLine(`container ${container}: ${from ?? '(new)'} -> ${to}`),
      ),
      ...events,
    ],
    next: `rollback_deployment namespace=${object.namespace} deployment_name=${object.name} to_revision=${previous.revision} (= kubectl rollout undo deployment/${object.name} -n ${object.namespace} --to-revision=${previous.revision})`,
    related: [
      { kind: 'ReplicaSet', namespace: object.namespace, name: current.name },
      { kind: 'ReplicaSet', namespace: object.namespace, name: previous.name },
    ],
  };
}
