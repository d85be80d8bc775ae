import type { V1DaemonSet } from '@kubernetes/client-node';
import { formatAge } from '@sre-agent/shared';
import type { ListRow } from './summary.js';

export const daemonSetHeaders = ['NAME', 'DESIRED', 'CURRENT', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'AGE'];

export function daemonSetRow(daemonSet: V1DaemonSet, now: Date): ListRow {
  const status = daemonSet.status;
  const desired = status?.desiredNumberScheduled ?? 0;
  const current = status?.currentNumberScheduled ?? 0;
  const ready = status?.numberReady ?? 0;
  const updated = status?.updatedNumberScheduled ?? 0;
  const available = status?.numberAvailable ?? 0;
  const misscheduled = status?.numberMisscheduled ?? 0;
  let problem: string | undefined;
  if (ready < desired) problem = 'fewer ready than desired';
  else if (current < desired) problem = 'not scheduled on every node';
  else if (misscheduled > 0) problem = 'running on nodes it should not';
  else if (updated < desired) problem = 'rollout in progress';
  return {
    namespace: daemonSet.metadata?.namespace,
    cells: [
      daemonSet.metadata?.name ?? '?',
      String(desired),
      String(current),
      String(ready),
      String(updated),
      String(available),
      formatAge(daemonSet.metadata?.creationTimestamp, now),
    ],
    status: problem === undefined ? 'ready' : 'degraded',
    problem,
    severity: ready === 0 && desired > 0 ? 0 : 1,
  };
}
