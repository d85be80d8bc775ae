import type { V1PersistentVolumeClaim } from '@kubernetes/client-node';
import { conditionFinding, decide, type Finding, finding, type HealthReport } from './verdict.js';

export function pvcHealth(claim: V1PersistentVolumeClaim): HealthReport {
  const phase = claim.status?.phase;
  if (!phase) return decide([finding('Unknown', 'the claim has no status yet')]);
  const findings: Finding[] = [];
  const storageClass = claim.spec?.storageClassName ?? '(default class)';
  if (phase === 'Bound') {
    const capacity = claim.status?.capacity?.storage ?? '?';
    findings.push(
      finding('Healthy', `Bound to ${claim.spec?.volumeName ?? '?'} (${capacity}, ${storageClass})`),
    );
  } else if (phase === 'Pending') {
    findings.push(
      finding(
        'Degraded',
        `Pending: no volume bound yet (storage class ${storageClass}); pods using it cannot start`,
      ),
    );
  } else if (phase === 'Lost') {
    findings.push(finding('Unhealthy', `Lost: its volume ${claim.spec?.volumeName ?? '?'} no longer exists`));
  } else findings.push(finding('Unknown', `phase ${phase}`));
  for (const condition of claim.status?.conditions ?? []) {
    if (condition.status === 'True') findings.push(conditionFinding('Degraded', condition));
  }
  return decide(findings);
}
