import type { ClusterSnapshot } from './snapshot.js';

/** A snapshot with every list empty, for analyzer tests: pass only the objects a case needs. */
export function snapshotOf(partial: Partial<ClusterSnapshot> = {}): ClusterSnapshot {
  return {
    context: 'test',
    pods: [],
    deployments: [],
    replicaSets: [],
    statefulSets: [],
    daemonSets: [],
    jobs: [],
    cronJobs: [],
    hpas: [],
    services: [],
    endpoints: [],
    ingresses: [],
    pvcs: [],
    pvs: [],
    nodes: [],
    events: [],
    unreadable: [],
    ...partial,
  };
}
