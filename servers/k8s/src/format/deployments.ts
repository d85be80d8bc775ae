import type { V1Deployment } from '@kubernetes/client-node';
import { formatAge } from '@sre-agent/shared';
import type { Wire } from '../kube-client.js';
import type { ListRow } from './summary.js';

export const deploymentHeaders = ['NAME', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'AGE'];

/** A deployment from a typed API call or straight off the wire (the deployment lists read raw pages). */
type DeploymentLike = Wire<V1Deployment>;

/** kubectl's deployment columns, plus whether the rollout needs attention. */
export function deploymentRow(deployment: DeploymentLike, now: Date): ListRow {
  const desired = deployment.spec?.replicas ?? 1;
  const status = deployment.status ?? {};
  // Status counters are omitted on the wire when zero.
  const ready = status.readyReplicas ?? 0;
  const updated = status.updatedReplicas ?? 0;
  const available = status.availableReplicas ?? 0;
  const problem = deploymentProblem(deployment, desired, ready, available);
  return {
    namespace: deployment.metadata?.namespace,
    cells: [
      deployment.metadata?.name ?? '?',
      `${ready}/${desired}`,
      String(updated),
      String(available),
      formatAge(deployment.metadata?.creationTimestamp, now),
    ],
    status: problem === undefined ? (desired === 0 ? 'scaled to 0' : 'ready') : 'degraded',
    problem,
    severity: ready === 0 && desired > 0 ? 0 : 1,
  };
}

function deploymentProblem(
  deployment: DeploymentLike,
  desired: number,
  ready: number,
  available: number,
): string | undefined {
  const conditions = deployment.status?.conditions ?? [];
  const progressing = conditions.find((item) => item.type === 'Progressing');
  if (progressing?.status === 'False') return progressing.reason ?? 'rollout not progressing';
  if (deployment.spec?.paused) return 'rollout paused';
  // Scaled to zero on purpose is healthy: nothing was asked for.
  if (desired === 0) return undefined;
  if (ready === 0) return 'no ready replicas';
  if (ready < desired || available < desired) return 'fewer ready than desired';
  return undefined;
}
