import type { V1Deployment, V1ReplicaSet } from '@kubernetes/client-node';
import {
  type ConditionLike,
  conditionFinding,
  conditionOf,
  decide,
  type Finding,
  finding,
  type HealthReport,
  staleness,
} from './verdict.js';

/** Verdict for a Deployment from its spec and status; `podFindings` adds what its pods show. */
export function deploymentHealth(
  deployment: V1Deployment,
  podFindings: readonly Finding[] = [],
): HealthReport {
  const spec = deployment.spec;
  if (!spec) return decide([finding('Unknown', 'the deployment has no spec')]);
  const desired = spec.replicas ?? 1;
  const status = deployment.status;
  const findings: Finding[] = [];
  if (spec.paused) findings.push(finding('Degraded', 'rollout is paused (spec.paused=true)'));
  if (desired === 0) {
    const left = status?.replicas ?? 0;
    findings.push(
      left > 0
        ? finding('Degraded', `scaled to 0, ${left} pod(s) still terminating`)
        : finding('Healthy', 'scaled to 0 on purpose (spec.replicas=0): no pods expected'),
    );
    return decide(findings);
  }
  if (!status || (status.conditions === undefined && status.observedGeneration === undefined)) {
    return decide([...findings, finding('Unknown', 'no status yet: the controller has not reported on it')]);
  }
  findings.push(...staleness(deployment.metadata?.generation, status.observedGeneration));
  findings.push(...deploymentConditionFindings(status.conditions));
  findings.push(...replicaFindings(desired, status));
  findings.push(...podFindings);
  return decide(findings);
}

function deploymentConditionFindings(conditions: readonly ConditionLike[] | undefined): Finding[] {
  const findings: Finding[] = [];
  const progressing = conditionOf(conditions, 'Progressing');
  const available = conditionOf(conditions, 'Available');
  const failure = conditionOf(conditions, 'ReplicaFailure');
  if (progressing?.status === 'False') {
    const level = progressing.reason === 'ProgressDeadlineExceeded' ? 'Unhealthy' : 'Degraded';
    findings.push(conditionFinding(level, progressing, 'rollout stuck: '));
  }
  // Below minimum availability but still serving: the replica counts say how bad it is.
  if (available?.status === 'False') findings.push(conditionFinding('Degraded', available));
  if (failure?.status === 'True') findings.push(conditionFinding('Unhealthy', failure));
  if (!progressing && !available)
    findings.push(finding('Unknown', 'no Available/Progressing conditions yet'));
  return findings;
}

interface ReplicaCounts {
  replicas?: number | undefined;
  readyReplicas?: number | undefined;
  updatedReplicas?: number | undefined;
  availableReplicas?: number | undefined;
}

function replicaFindings(desired: number, status: ReplicaCounts): Finding[] {
  const ready = status.readyReplicas ?? 0;
  const updated = status.updatedReplicas ?? 0;
  const available = status.availableReplicas ?? 0;
  const summary = `${ready}/${desired} ready, ${updated} up to date, ${available} available`;
  if (ready === 0) return [finding('Unhealthy', `${summary}: no pod is serving`)];
  if (ready < desired || available < desired) return [finding('Degraded', summary)];
  if (updated < desired) return [finding('Degraded', `${summary}: rollout in progress`)];
  const extra = (status.replicas ?? 0) - desired;
  if (extra > 0) return [finding('Healthy', `${summary} (${extra} old pod(s) still winding down)`)];
  return [finding('Healthy', summary)];
}

/** A ReplicaSet: replica counts plus its ReplicaFailure condition (quota, admission refusals). */
export function replicaSetHealth(
  replicaSet: V1ReplicaSet,
  podFindings: readonly Finding[] = [],
): HealthReport {
  const desired = replicaSet.spec?.replicas ?? 1;
  const status = replicaSet.status;
  if (desired === 0) return decide([finding('Healthy', 'scaled to 0 (an old revision, or on purpose)')]);
  if (!status) return decide([finding('Unknown', 'no status yet: the controller has not reported on it')]);
  const findings: Finding[] = [...staleness(replicaSet.metadata?.generation, status.observedGeneration)];
  const failure = conditionOf(status.conditions, 'ReplicaFailure');
  if (failure?.status === 'True') findings.push(conditionFinding('Unhealthy', failure));
  const ready = status.readyReplicas ?? 0;
  const summary = `${ready}/${desired} ready, ${status.availableReplicas ?? 0} available`;
  if (ready === 0) findings.push(finding('Unhealthy', `${summary}: no pod is serving`));
  else if (ready < desired) findings.push(finding('Degraded', summary));
  else findings.push(finding('Healthy', summary));
  findings.push(...podFindings);
  return decide(findings);
}
