import type { V1DaemonSet, V1StatefulSet } from '@kubernetes/client-node';
import { decide, type Finding, finding, type HealthReport, staleness } from './verdict.js';

export function statefulSetHealth(set: V1StatefulSet, podFindings: readonly Finding[] = []): HealthReport {
  const desired = set.spec?.replicas ?? 1;
  const status = set.status;
  if (desired === 0) return decide([finding('Healthy', 'scaled to 0 on purpose (spec.replicas=0)')]);
  if (!status) return decide([finding('Unknown', 'no status yet: the controller has not reported on it')]);
  const findings: Finding[] = [...staleness(set.metadata?.generation, status.observedGeneration)];
  const ready = status.readyReplicas ?? 0;
  const summary = `${ready}/${desired} ready, ${status.updatedReplicas ?? 0} updated`;
  if (ready === 0) findings.push(finding('Unhealthy', `${summary}: no pod is serving`));
  else if (ready < desired) findings.push(finding('Degraded', summary));
  else findings.push(finding('Healthy', summary));
  if (status.updateRevision && status.currentRevision && status.updateRevision !== status.currentRevision) {
    findings.push(
      finding(
        'Degraded',
        `rolling update in progress (${status.currentRevision} -> ${status.updateRevision})`,
      ),
    );
  }
  findings.push(...podFindings);
  return decide(findings);
}

export function daemonSetHealth(set: V1DaemonSet, podFindings: readonly Finding[] = []): HealthReport {
  const status = set.status;
  if (!status) return decide([finding('Unknown', 'no status yet: the controller has not reported on it')]);
  const desired = status.desiredNumberScheduled ?? 0;
  if (desired === 0) {
    return decide([
      finding('Healthy', 'no node matches its node selector and tolerations, so no pods are expected'),
    ]);
  }
  const ready = status.numberReady ?? 0;
  const findings: Finding[] = [];
  const summary = `${ready}/${desired} node(s) ready, ${status.updatedNumberScheduled ?? 0} updated`;
  if (ready === 0) findings.push(finding('Unhealthy', `${summary}: no pod is serving`));
  else if (ready < desired)
    findings.push(
      finding('Degraded', `${summary}, ${status.numberUnavailable ?? desired - ready} unavailable`),
    );
  else findings.push(finding('Healthy', summary));
  if ((status.numberMisscheduled ?? 0) > 0) {
    findings.push(
      finding('Degraded', `${status.numberMisscheduled} pod(s) running on nodes they should not`),
    );
  }
  if ((status.updatedNumberScheduled ?? desired) < desired) {
    findings.push(finding('Degraded', 'rolling update in progress'));
  }
  findings.push(...podFindings);
  return decide(findings);
}
