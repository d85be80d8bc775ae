import type { V1Namespace } from '@kubernetes/client-node';
import { formatAge } from '@sre-agent/shared';
import type { ListRow } from './summary.js';

export const namespaceHeaders = ['NAME', 'STATUS', 'AGE'];

export function namespaceRow(namespace: V1Namespace, now: Date): ListRow {
  const phase = namespace.status?.phase ?? 'Unknown';
  return {
    cells: [namespace.metadata?.name ?? '?', phase, formatAge(namespace.metadata?.creationTimestamp, now)],
    status: phase,
    // A namespace stuck Terminating usually has finalizers that will never finish.
    problem: phase === 'Active' ? undefined : phase,
    severity: 1,
  };
}
