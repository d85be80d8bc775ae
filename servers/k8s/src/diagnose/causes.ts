import type { Severity } from './finding.js';

/**
 * The stable cause codes of every analyzer, in one list. Evals score findings by `object` +
 * `cause`, so a code never changes meaning; add new ones, do not rename.
 *
 * `rank` orders findings of the same severity: a root cause above the symptoms it produces
 * (a node down > the pods on it > the workload short of replicas > the Service without endpoints).
 */
export interface CauseInfo {
  /** What the code means, in one line. */
  meaning: string;
  severity: Severity;
  rank: number;
}

export const causes = {
  // Pods (grouped by top owner: the finding's object is the Deployment / StatefulSet / ... ).
  MissingConfigMap: {
    meaning: 'a container references a ConfigMap that does not exist',
    severity: 'critical',
    rank: 80,
  },
  MissingSecret: {
    meaning: 'a container references a Secret that does not exist',
    severity: 'critical',
    rank: 80,
  },
  MissingConfigKey: {
    meaning: 'a container references a key absent from its ConfigMap',
    severity: 'critical',
    rank: 80,
  },
  MissingSecretKey: {
    meaning: 'a container references a key absent from its Secret',
    severity: 'critical',
    rank: 80,
  },
  CreateContainerConfigError: {
    meaning: 'the container config is invalid for another reason',
    severity: 'critical',
    rank: 75,
  },
  ImagePullBackOff: {
    meaning:
      'the image cannot be pulled (detail: ImageNotFound, RegistryAuth, RegistryUnreachable, InvalidImageName)',
    severity: 'critical',
    rank: 70,
  },
  OOMKilled: {
    meaning: 'a container was killed for exceeding its memory limit',
    severity: 'critical',
    rank: 65,
  },
  LivenessProbeFailing: {
    meaning: 'the kubelet restarts a container whose liveness probe fails',
    severity: 'critical',
    rank: 62,
  },
  StartupProbeFailing: {
    meaning: 'a startup probe fails, so the container is restarted before it starts',
    severity: 'critical',
    rank: 62,
  },
  CrashLoopBackOff: {
    meaning: 'a container exits repeatedly and the kubelet backs off restarting it',
    severity: 'critical',
    rank: 60,
  },
  UnboundPVC: {
    meaning: 'a pod cannot be scheduled because its PersistentVolumeClaim is not bound',
    severity: 'critical',
    rank: 58,
  },
  InsufficientCPU: {
    meaning: 'no node has enough unrequested CPU for the pod',
    severity: 'critical',
    rank: 56,
  },
  InsufficientMemory: {
    meaning: 'no node has enough unrequested memory for the pod',
    severity: 'critical',
    rank: 56,
  },
  UntoleratedTaint: {
    meaning: 'the nodes that would fit carry taints the pod does not tolerate',
    severity: 'critical',
    rank: 55,
  },
  NodeAffinityMismatch: {
    meaning: 'no node matches the pod node selector or affinity',
    severity: 'critical',
    rank: 55,
  },
  Unschedulable: {
    meaning: 'the scheduler cannot place the pod for another reason',
    severity: 'critical',
    rank: 54,
  },
  ReadinessProbeFailing: {
    meaning: 'the readiness probe fails, so the pod receives no traffic',
    severity: 'warning',
    rank: 40,
  },
  Evicted: {
    meaning: 'the kubelet evicted pods (node pressure or ephemeral storage)',
    severity: 'warning',
    rank: 35,
  },
  StuckTerminating: {
    meaning: 'a pod has been terminating far longer than its grace period',
    severity: 'warning',
    rank: 30,
  },
} as const satisfies Record<string, CauseInfo>;

export type PodCause = keyof typeof causes;

/** Rank for findings that set none: from this list, else the middle. */
export function defaultRank(cause: string): number {
  return (causes as Record<string, CauseInfo>)[cause]?.rank ?? 50;
}
