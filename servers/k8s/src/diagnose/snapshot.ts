import type {
  CoreV1Event,
  V1CronJob,
  V1DaemonSet,
  V1Deployment,
  V1Endpoints,
  V1Ingress,
  V1Job,
  V1Node,
  V1PersistentVolume,
  V1PersistentVolumeClaim,
  V1Pod,
  V1ReplicaSet,
  V1Service,
  V1StatefulSet,
  V2HorizontalPodAutoscaler,
} from '@kubernetes/client-node';
import type { Wire } from '../kube-client.js';
import type { Finding } from './finding.js';

/** Pod usage from metrics.k8s.io, when metrics-server answers. */
export interface PodUsage {
  namespace: string;
  name: string;
  containers: { name: string; cpuMillicores: number; memoryBytes: number }[];
}

/**
 * Everything the analyzers read, loaded once per diagnose call (raw wire objects, timestamps
 * as strings). Lists the caller may not read (RBAC) are empty and named in `unreadable`.
 */
export interface ClusterSnapshot {
  context: string;
  /** Namespace the snapshot is limited to; undefined means all namespaces. */
  namespace?: string;
  pods: Wire<V1Pod>[];
  deployments: Wire<V1Deployment>[];
  replicaSets: Wire<V1ReplicaSet>[];
  statefulSets: Wire<V1StatefulSet>[];
  daemonSets: Wire<V1DaemonSet>[];
  jobs: Wire<V1Job>[];
  cronJobs: Wire<V1CronJob>[];
  /** autoscaling/v2. */
  hpas: Wire<V2HorizontalPodAutoscaler>[];
  services: Wire<V1Service>[];
  endpoints: Wire<V1Endpoints>[];
  ingresses: Wire<V1Ingress>[];
  pvcs: Wire<V1PersistentVolumeClaim>[];
  /** Cluster-scoped; empty when the snapshot is limited to a namespace and PVs cannot be read. */
  pvs: Wire<V1PersistentVolume>[];
  /** Cluster-scoped. */
  nodes: Wire<V1Node>[];
  /** Recent events (newest first), classic and events.k8s.io shapes folded into CoreV1Event. */
  events: Wire<CoreV1Event>[];
  /**
   * Undefined when metrics-server is not installed. Otherwise the usage of the pods an analyzer
   * needs it for (namespaces with OOM-killed containers, at most 8; see load-usage.ts), which
   * may be none: an unpaged cluster-wide PodMetrics list is too slow to read on every call.
   */
  podUsage?: PodUsage[];
  /** Resources that could not be read, with the reason (e.g. "nodes: forbidden"). */
  unreadable: string[];
}

/** One small, pure unit of diagnosis: a snapshot in, findings out. Each has its own fixtures. */
export interface Analyzer {
  name: string;
  analyze(snapshot: ClusterSnapshot, now: Date): Finding[];
}

/** A snapshot with every list empty: what the loader fills, and what analyzer tests start from. */
export function emptySnapshot(context: string, namespace?: string): ClusterSnapshot {
  return {
    context,
    ...(namespace ? { namespace } : {}),
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
  };
}
