import type { V1Node } from '@kubernetes/client-node';
import {
  conditionFinding,
  conditionOf,
  decide,
  type Finding,
  finding,
  type HealthReport,
} from './verdict.js';

const pressures = ['MemoryPressure', 'DiskPressure', 'PIDPressure'];

export function nodeHealth(node: V1Node): HealthReport {
  const conditions = node.status?.conditions;
  if (!conditions?.length) return decide([finding('Unknown', 'the node reports no conditions yet')]);
  const findings: Finding[] = [];
  const ready = conditionOf(conditions, 'Ready');
  if (!ready) findings.push(finding('Unknown', 'no Ready condition reported'));
  else if (ready.status === 'True') findings.push(finding('Healthy', 'Ready=True'));
  else if (ready.status === 'Unknown') {
    findings.push(conditionFinding('Unhealthy', ready, 'kubelet stopped posting status: '));
  } else findings.push(conditionFinding('Unhealthy', ready));
  for (const type of pressures) {
    const condition = conditionOf(conditions, type);
    if (condition?.status === 'True') findings.push(conditionFinding('Degraded', condition));
  }
  const network = conditionOf(conditions, 'NetworkUnavailable');
  if (network?.status === 'True') findings.push(conditionFinding('Unhealthy', network));
  if (node.spec?.unschedulable)
    findings.push(finding('Degraded', 'cordoned (spec.unschedulable): no new pods land here'));
  return decide(findings);
}
